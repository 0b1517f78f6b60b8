// The MSW handlers answer as the Prism mock does: the same requests go to both (every named example
// selected with Prefer, and requests the spec forbids), and status, media type and body must match,
// so the two mocks cannot drift apart. Scenarios come from the spec, parsed here, not from generated/.
import { getResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createImageSearchClient, ImageSearchError } from "../src/index.js";
import { createImageSearchHandlers } from "../src/msw.js";
import { TEST_TOKEN } from "./support/secrets.js";
import {
  compileSchema,
  expectValid,
  jsonRequest,
  jsonResponse,
  loadSpec,
  namedExamples,
  operationById,
} from "./support/spec.js";

const api = await loadSpec();
const modifyImage = operationById(api, "modifyImage");
const successExamples = namedExamples(jsonResponse(modifyImage, "200"));
const errorExamples = namedExamples(jsonResponse(modifyImage, "400"));
const validateFailure = compileSchema(jsonResponse(modifyImage, "400"));
const pageRequest = namedExamples(jsonRequest(modifyImage))[0]?.value;
const lastError = errorExamples.at(-1);
if (!pageRequest || !successExamples[0] || !lastError) throw new Error("the spec lacks named examples");

const PATH = "/v1/0123456789abcdef0123456789abcdef/test-instance/image";
const JSON_HEADERS = { "X-Auth-Token": TEST_TOKEN, "Content-Type": "application/json" };
const handlers = createImageSearchHandlers();

interface Sent {
  headers: Record<string, string>;
  body?: string;
}

interface Answer {
  status: number;
  mediaType: string | undefined;
  body: string;
}

async function read(response: Response | undefined): Promise<Answer> {
  if (!response) throw new Error("no handler answered");
  const mediaType = response.headers.get("content-type")?.split(";")[0];
  return { status: response.status, mediaType, body: await response.text() };
}

function request(base: string, sent: Sent): Request {
  return new Request(`${base}${PATH}`, { method: "PUT", ...sent });
}

/** Sends one request to the Prism mock and to the MSW handlers; returns both answers. */
async function both(sent: Sent): Promise<{ prism: Answer; msw: Answer }> {
  const base = inject("mockUrl");
  const prism = await read(await fetch(request(base, sent)));
  const msw = await read(await getResponse(handlers, request(base, sent)));
  return { prism, msw };
}

const valid = (prefer?: string): Sent => ({
  headers: { ...JSON_HEADERS, ...(prefer ? { Prefer: prefer } : {}) },
  body: JSON.stringify(pageRequest),
});

const scenarios = [
  ...successExamples.map((e) => ({ status: 200, ...e })),
  ...errorExamples.map((e) => ({ status: 400, ...e })),
];

const forbidden: { name: string; sent: Sent }[] = [
  { name: "no path", sent: { headers: JSON_HEADERS, body: '{"tags":{"a":"b"}}' } },
  { name: "no tags", sent: { headers: JSON_HEADERS, body: '{"path":"https://x/y.jpg"}' } },
  { name: "an empty path", sent: { headers: JSON_HEADERS, body: '{"path":"","tags":{}}' } },
  { name: "a path that is not a string", sent: { headers: JSON_HEADERS, body: '{"path":42,"tags":{}}' } },
  { name: "tags that are not an object", sent: { headers: JSON_HEADERS, body: '{"path":"p","tags":"a=b"}' } },
  {
    name: "a tag value that is not a string",
    sent: { headers: JSON_HEADERS, body: '{"path":"p","tags":{"a":1}}' },
  },
  {
    name: "no token",
    sent: { headers: { "Content-Type": "application/json" }, body: '{"path":"p","tags":{}}' },
  },
  {
    name: "an empty token",
    sent: { headers: { ...JSON_HEADERS, "X-Auth-Token": "" }, body: '{"path":"p","tags":{}}' },
  },
  { name: "no body", sent: { headers: JSON_HEADERS } },
  {
    name: "a body that is not application/json",
    sent: { headers: { ...JSON_HEADERS, "Content-Type": "text/plain" }, body: '{"path":"p","tags":{}}' },
  },
];

const forbiddenCases = forbidden.map((f) => [f.name, f.sent] as const);

describe("MSW handlers from the spec's named examples", () => {
  describe("answer a valid request as the Prism mock does", () => {
    test("with no Prefer header: the first 200 example", async () => {
      const { prism, msw } = await both(valid());

      expect(msw).toEqual(prism);
      expect(msw).toMatchObject({ status: 200, mediaType: "application/json" });
      expect(JSON.parse(msw.body)).toEqual(successExamples[0]?.value);
    });

    test.for(scenarios.map((s) => [`code=${s.status}, example=${s.name}`, s] as const))(
      "with Prefer: %s: that example",
      async ([, scenario]) => {
        const { prism, msw } = await both(valid(`code=${scenario.status}, example=${scenario.name}`));

        expect(msw).toEqual(prism);
        expect(msw).toMatchObject({ status: scenario.status, mediaType: "application/json" });
        expect(JSON.parse(msw.body)).toEqual(scenario.value);
      },
    );
  });

  describe("answer a request the spec forbids with the Prism mock's 400", () => {
    test.for(forbiddenCases)("%s", async ([, sent]) => {
      const { prism, msw } = await both(sent);

      expect(msw).toEqual(prism);
      expect(msw.status).toBe(400);
      expect(JSON.parse(msw.body)).toEqual(errorExamples[0]?.value);
    });

    test.for(forbiddenCases)("%s, with a 400 example named in Prefer", async ([, sent]) => {
      const prefer = `code=400, example=${lastError.name}`;
      const { prism, msw } = await both({ ...sent, headers: { ...sent.headers, Prefer: prefer } });

      expect(msw).toEqual(prism);
      expect(JSON.parse(msw.body)).toEqual(lastError.value);
    });

    test.for(forbiddenCases)("%s, even with Prefer: code=200", async ([, sent]) => {
      const { prism, msw } = await both({ ...sent, headers: { ...sent.headers, Prefer: "code=200" } });

      expect(msw).toEqual(prism);
      expect(msw.status).toBe(400);
    });
  });

  test("refuse a scenario the spec does not name, listing the names it does", async () => {
    const sent = request("https://imagesearch.cn-north-4.myhuaweicloud.com", valid("code=400, example=nope"));

    await expect(getResponse(handlers, sent)).rejects.toThrow(
      `no example "nope"; the spec names: ${errorExamples.map((e) => e.name).join(", ")}`,
    );
  });

  // Prism answers a body that is not JSON with its own {"error":{"code":"invalid_json"}}, outside the
  // contract; the handlers keep to the envelope. When the mock changes here, align the handlers.
  test("answer a body that is not JSON with the envelope, where Prism breaks the contract", async () => {
    const { prism, msw } = await both({ headers: JSON_HEADERS, body: '{"path":' });

    expect(msw.status).toBe(400);
    expectValid(validateFailure, JSON.parse(msw.body));
    expect(prism.status).toBe(400);
    expect(validateFailure(JSON.parse(prism.body))).toBe(false);
  });
});

describe("MSW handlers in a Node test server, called through the client", () => {
  const endpoint = "https://imagesearch.ap-southeast-1.myhuaweicloud.com";
  const server = setupServer(...createImageSearchHandlers({ baseUrl: endpoint }));
  const forced = setupServer(
    ...createImageSearchHandlers({ baseUrl: endpoint, prefer: `code=400, example=${lastError.name}` }),
  );
  const client = createImageSearchClient({ endpoint, projectId: "p", token: TEST_TOKEN, retry: false });
  const input = {
    instanceName: "test-instance",
    ...(pageRequest as { path: string; tags: Record<string, string> }),
  };
  const expectedError = lastError.value as { error_code: string; error_msg: string };

  describe("by default", () => {
    beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
    afterAll(() => server.close());

    test("resolve with the first 200 example", async () => {
      expect(await client.modifyImage(input)).toEqual(successExamples[0]?.value);
    });

    test("reject with the error state the call's Prefer header names", async () => {
      const error = await client
        .modifyImage(input, { headers: { Prefer: `code=400, example=${lastError.name}` } })
        .catch((e: unknown) => e);

      expect(error).toBeInstanceOf(ImageSearchError);
      expect(error).toMatchObject({ code: expectedError.error_code, errorMsg: expectedError.error_msg });
    });
  });

  describe("with a forced scenario", () => {
    beforeAll(() => forced.listen({ onUnhandledRequest: "error" }));
    afterAll(() => forced.close());

    test("reject every call with that error state, with no header in the app", async () => {
      const error = await client.modifyImage(input).catch((e: unknown) => e);

      expect(error).toMatchObject({ name: "ImageSearchError", code: expectedError.error_code });
    });
  });
});
