// Instances whose names are the literal segments of other paths (`image`, `service`, `search`,
// `check`) are valid by the spec's own pattern; their URLs match two templates, and the literal
// segment must win (src/mock/routes.ts, `bySpecificity`). Each is created, read and deleted through
// the client, and the answer must be the instance operation's own example, not an image operation's.
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createImageSearchClient } from "../../src/client/index.js";
import { createImageSearchHandlers } from "../../src/mock/msw.js";
import { TEST_TOKEN } from "../support/secrets.js";
import { jsonResponse, loadSpec, namedExamples, operationById } from "../support/spec.js";

const api = await loadSpec();
const successOf = (operationId: string) =>
  namedExamples(jsonResponse(operationById(api, operationId), "200"))[0]?.value;

const LITERAL_NAMES = ["image", "service", "search", "check"] as const;

/** Creates, reads and deletes an instance through a client, checking each answer is the instance operation's. */
async function lifecycle(client: ReturnType<typeof createImageSearchClient>, name: string) {
  expect(await client.createInstance({ name, model: "common-search" })).toEqual(successOf("createInstance"));
  expect(await client.getInstance({ instanceName: name })).toEqual(successOf("getInstance"));
  expect(await client.deleteInstance({ instanceName: name })).toEqual(successOf("deleteInstance"));
}

describe("an instance named like another path's literal segment, through the MSW handlers", () => {
  const endpoint = "https://imagesearch.ap-southeast-1.myhuaweicloud.com";
  const sent: string[] = [];
  const server = setupServer(...createImageSearchHandlers({ baseUrl: endpoint }));
  server.events.on("request:start", ({ request }) => {
    sent.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  const client = createImageSearchClient({ endpoint, projectId: "p", token: TEST_TOKEN, retry: false });
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  test.each(LITERAL_NAMES)("%s is created, read and deleted", async (name) => {
    sent.length = 0;
    await lifecycle(client, name);
    expect(sent).toEqual(["POST /v1/p/service", `GET /v1/p/service/${name}`, `DELETE /v1/p/service/${name}`]);
  });
});

describe("an instance named like another path's literal segment, through the mock", () => {
  test.each(LITERAL_NAMES)("%s is created, read and deleted", async (name) => {
    const client = createImageSearchClient({
      endpoint: inject("mockUrl"),
      projectId: "p",
      token: TEST_TOKEN,
      retry: false,
    });

    await lifecycle(client, name);
  });
});
