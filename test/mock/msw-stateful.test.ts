// The MSW handlers' stateful mode, called through the built client (which validates every answer
// against the spec): the library flow a frontend builds on, isolation by project id, reset by
// function and by POST /__mock/reset, the caps, the guard against a broken answer, and that judge()
// and Prefer still come first. The expected errors are the spec's named examples, parsed here.
import { getResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { servers } from "../../generated/image-search.operations.js";
import {
  createImageSearchClient,
  ImageSearchError,
  UnexpectedResponseError,
} from "../../src/client/index.js";
import { createImageSearchHandlers } from "../../src/mock/msw.js";
import { libraryFlow } from "../support/library-flow.js";
import { TEST_TOKEN } from "../support/secrets.js";
import { jsonResponse, loadSpec, namedExamples, operationById } from "../support/spec.js";

const api = await loadSpec();
const endpoint = "https://imagesearch.ap-southeast-1.myhuaweicloud.com";
const handlers = createImageSearchHandlers({ baseUrl: endpoint, stateful: true });
const server = setupServer(...handlers);

const clientFor = (projectId: string) =>
  createImageSearchClient({ endpoint, projectId, token: TEST_TOKEN, retry: false });

/** The error code of the spec's 400 example the operation's x-mock-state declares for a case. */
function codeOf(operationId: string, refusal: string): string {
  const operation = operationById(api, operationId) as unknown as {
    "x-mock-state": { errors: Record<string, string> };
  };
  const name = operation["x-mock-state"].errors[refusal] ?? "";
  const found = namedExamples(jsonResponse(operationById(api, operationId), "400")).find(
    (e) => e.name === name,
  );
  if (!found) throw new Error(`${operationId} has no 400 example ${name}`);
  return (found.value as { error_code: string }).error_code;
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/** The first named 200 example of an operation. */
const success = (operationId: string) =>
  namedExamples(jsonResponse(operationById(api, operationId), "200"))[0]?.value;

const resetVia = (query = "") => fetch(`${endpoint}/__mock/reset${query}`, { method: "POST" });
const instanceName = "library";
const photo = "https://bucketName.obs.myhuaweicloud.com/image/cat.jpg";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  server.resetHandlers();
  handlers.reset();
});
afterAll(() => server.close());

describe("MSW handlers in stateful mode, through the client", () => {
  test("create → add → check → search → modify → search → delete → check → delete instance → get", async () => {
    const steps = await libraryFlow(clientFor("flow"), instanceName, photo);
    const found = (kind: string) => ({ count: 1, result: [{ path: photo, sim: 1, tags: { kind } }] });

    expect(steps).toEqual([
      {
        call: "createInstance",
        answer: {
          instanceName,
          domain: "model description",
          expiredDate: -1,
          level: 30000000,
          tags: ["kind"],
          status: "NORMAL",
        },
      },
      { call: "addImage", answer: success("addImage") },
      { call: "checkImage", answer: { exist: "true" } },
      { call: "searchImages cat", answer: found("cat") },
      { call: "modifyImage", answer: success("modifyImage") },
      { call: "searchImages cat", answer: { count: 0, result: [] } },
      { call: "searchImages lion", answer: found("lion") },
      { call: "deleteImage", answer: success("deleteImage") },
      { call: "checkImage", answer: { exist: "false" } },
      { call: "deleteInstance", answer: success("deleteInstance") },
      { call: "getInstance", answer: { code: codeOf("getInstance", "missing") } },
    ]);
    expect(codeOf("getInstance", "missing")).toBe("IS.0007");
  });

  test("two projects' states are independent", async () => {
    const [a, b] = [clientFor("project-a"), clientFor("project-b")];
    await a.createInstance({ name: instanceName, model: "common-search" });
    await b.createInstance({ name: instanceName, model: "common-search" });
    await a.addImage({ instanceName, path: photo });

    expect(await b.checkImage({ instanceName, path: photo })).toEqual({ exist: "false" });
    await b.deleteInstance({ instanceName });
    expect(await a.checkImage({ instanceName, path: photo })).toEqual({ exist: "true" });
  });

  test("POST /__mock/reset empties every project, or the project_id it names, with 204", async () => {
    const [a, b] = [clientFor("project-a"), clientFor("project-b")];
    await a.createInstance({ name: instanceName, model: "common-search" });
    await b.createInstance({ name: instanceName, model: "common-search" });

    expect((await resetVia("?project_id=project-b")).status).toBe(204);
    expect(await failure(b.getInstance({ instanceName }))).toMatchObject({ code: "IS.0007" });
    expect(await a.getInstance({ instanceName })).toMatchObject({ instanceName });
    expect((await resetVia()).status).toBe(204);
    expect(await failure(a.getInstance({ instanceName }))).toMatchObject({ code: "IS.0007" });
  });

  test("reset() on the handlers empties them too", async () => {
    const client = clientFor("project-a");
    await client.createInstance({ name: instanceName, model: "common-search" });

    handlers.reset();

    expect(await failure(client.getInstance({ instanceName }))).toMatchObject({ code: "IS.0007" });
  });

  test("a call past a cap gets the rule's documented error", async () => {
    const capped = createImageSearchHandlers({
      baseUrl: endpoint,
      stateful: { caps: { image: 1 } },
    });
    server.use(...capped);
    const client = clientFor("project-a");
    await client.createInstance({ name: instanceName, model: "common-search" });
    await client.addImage({ instanceName, path: photo });
    const error = await failure(client.addImage({ instanceName, path: `${photo}?2` }));

    expect(error).toBeInstanceOf(ImageSearchError);
    expect(error).toMatchObject({ code: codeOf("addImage", "full") });
  });

  test("an answer the state would break is caught: the mock's own 500, which the client refuses", async () => {
    const broken = createImageSearchHandlers({ baseUrl: endpoint, stateful: { now: () => 0.5 } });
    server.use(...broken);
    const error = await failure(clientFor("project-a").createInstance({ name: instanceName, model: "m" }));

    expect(error).toBeInstanceOf(UnexpectedResponseError);
    expect(error).toMatchObject({ status: 500, bodyExcerpt: expect.stringContaining("MOCK.INVALID_ANSWER") });
  });

  test("Prefer still forces a named example, whatever the state holds", async () => {
    const client = clientFor("project-a");
    const prefer = { headers: { Prefer: "code=200, example=exists" } };

    expect(await client.checkImage({ instanceName: "none", path: photo }, prefer)).toEqual({ exist: "true" });
    await client.createInstance({ name: instanceName, model: "common-search" });
    expect(await client.checkImage({ instanceName, path: photo })).toEqual({ exist: "false" });
  });
});

describe("MSW handlers in stateful mode judge a request first", () => {
  const send = (body: string, headers: Record<string, string>) =>
    getResponse(
      handlers,
      new Request(`${endpoint}/v1/p/${instanceName}/image/check`, { method: "POST", headers, body }),
    );

  test("a request the spec forbids gets its documented code, not a stateful answer", async () => {
    const noToken = await send(JSON.stringify({ path: photo }), { "Content-Type": "application/json" });
    const notJson = await send("{", { "Content-Type": "application/json", "X-Auth-Token": TEST_TOKEN });

    expect(noToken?.status).toBe(400);
    expect(await noToken?.json()).toMatchObject({ error_code: "IS.0005" });
    expect(await notJson?.json()).toMatchObject({ error_code: "IS.0008" });
  });

  test("without a baseUrl, POST /__mock/reset is answered under the spec's server, and nowhere else", async () => {
    const byDefault = createImageSearchHandlers({ stateful: true });
    const reset = (origin: string) =>
      getResponse(byDefault, new Request(`${origin}/__mock/reset`, { method: "POST" }));

    expect((await reset(new URL(servers[0] ?? "").origin))?.status).toBe(204);
    expect(await reset("http://localhost:5173")).toBeUndefined();
  });
});

describe("MSW handlers without the stateful option", () => {
  test("answer no reset, and the same first example whatever was added", async () => {
    const stateless = createImageSearchHandlers({ baseUrl: endpoint });
    server.use(...stateless);
    const client = clientFor("project-a");
    const missing = namedExamples(jsonResponse(operationById(api, "checkImage"), "200"))[0]?.value;

    await client.addImage({ instanceName, path: photo });
    expect(await client.checkImage({ instanceName, path: `${photo}?never-added` })).toEqual(missing);
    expect(
      await getResponse(
        createImageSearchHandlers(),
        new Request(`${endpoint}/__mock/reset`, { method: "POST" }),
      ),
    ).toBe(undefined);
    expect("reset" in stateless).toBe(false);
  });
});
