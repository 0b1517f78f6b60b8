// The MSW handlers answer as the mock does: the same requests go to both (every named example
// selected with Prefer, requests the spec forbids, Prefers that select nothing), and status, media
// type, `sl-violations` and body must match, so the two mocks cannot drift apart. Scenarios come from
// the spec, parsed here, not from generated/. Each forbidden request names the violation it is; the
// answer expected is the one the spec maps it to (`x-mock-answers-violation`), and `sl-violations`
// must name that violation. docs/mock.md's table is written from the same mapping by
// `npm run generate` (tools/docs/error-mapping.ts).
import { getResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createImageSearchClient, ImageSearchError } from "../../src/client/index.js";
import { MAX_JSON_DEPTH } from "../../src/client/json-depth.js";
import { createImageSearchHandlers } from "../../src/mock/msw.js";
import { formatViolation } from "../../src/mock/report.js";
import { DEFAULT_MAX_BODY_BYTES, type Violation } from "../../src/mock/types.js";
import { TEST_TOKEN } from "../support/secrets.js";
import {
  jsonRequest,
  jsonResponse,
  loadSpec,
  namedExamples,
  operationById,
  parameterExample,
} from "../support/spec.js";
import { specAnswer } from "../support/spec-answers.js";

const api = await loadSpec();
const modifyImage = operationById(api, "modifyImage");
const successExamples = namedExamples(jsonResponse(modifyImage, "200"));
const errorExamples = namedExamples(jsonResponse(modifyImage, "400"));
const pageRequest = namedExamples(jsonRequest(modifyImage))[0]?.value;
const lastError = errorExamples.at(-1);
if (!pageRequest || !successExamples[0] || !lastError) throw new Error("the spec lacks named examples");

const pathParameter = (name: string) => encodeURIComponent(String(parameterExample(modifyImage, name)));
const PATH = `/v1/${pathParameter("project_id")}/${pathParameter("instance_name")}/image`;
const JSON_HEADERS = { "X-Auth-Token": TEST_TOKEN, "Content-Type": "application/json" };
const handlers = createImageSearchHandlers({ baseUrl: inject("mockUrl") });

interface Sent {
  method?: string;
  path?: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
}

interface Answer {
  status: number;
  mediaType: string | undefined;
  violations: string | null;
  body: string;
}

async function read(response: Response | undefined): Promise<Answer> {
  if (!response) throw new Error("no handler answered");
  const mediaType = response.headers.get("content-type")?.split(";")[0];
  const violations = response.headers.get("sl-violations");
  return { status: response.status, mediaType, violations, body: await response.text() };
}

function request(base: string, sent: Sent): Request {
  const { method = "PUT", path = PATH, headers, body } = sent;
  return new Request(`${base}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
}

/** Sends one request to the mock and to the MSW handlers; returns both answers. */
async function both(sent: Sent, mswHandlers = handlers): Promise<{ mock: Answer; msw: Answer }> {
  const base = inject("mockUrl");
  const mock = await read(await fetch(request(base, sent)));
  const msw = await read(await getResponse(mswHandlers, request(base, sent)));
  return { mock, msw };
}

const valid = (prefer?: string): Sent => ({
  headers: { ...JSON_HEADERS, ...(prefer ? { Prefer: prefer } : {}) },
  body: JSON.stringify(pageRequest),
});

const scenarios = [
  ...successExamples.map((e) => ({ status: 200, ...e })),
  ...errorExamples.map((e) => ({ status: 400, ...e })),
];

const put = (
  body: string | Uint8Array<ArrayBuffer> | undefined,
  headers: Record<string, string> = JSON_HEADERS,
): Sent => ({
  headers,
  ...(body === undefined ? {} : { body }),
});
const validBody = JSON.stringify(pageRequest);
/** The spec's example request with one change (`undefined` leaves the property out): one violation. */
const changed = (change: Record<string, unknown>) =>
  JSON.stringify({ ...(pageRequest as object), ...change });

const body = (at: string, kind: Violation["kind"]): Violation => ({ in: "body", at, kind });
const noToken = { "Content-Type": "application/json" };

/** Requests modifyImage forbids, each with the violation it is. */
const forbiddenRequests: { name: string; sent: Sent; violation: Violation }[] = [
  { name: "no path", sent: put(changed({ path: undefined })), violation: body("/path", "missing") },
  { name: "a null path", sent: put(changed({ path: null })), violation: body("/path", "null") },
  { name: "an empty path", sent: put(changed({ path: "" })), violation: body("/path", "empty") },
  { name: "no tags", sent: put(changed({ tags: undefined })), violation: body("/tags", "missing") },
  {
    name: "a path that is not a string",
    sent: put(changed({ path: 42 })),
    violation: body("/path", "type"),
  },
  {
    name: "tags that are not an object",
    sent: put(changed({ tags: "a=b" })),
    violation: body("/tags", "type"),
  },
  {
    name: "a tag value that is not a string",
    sent: put(changed({ tags: { a: 1 } })),
    violation: body("/tags/a", "type"),
  },
  {
    name: "a tag value that is not a string, at a key in another script",
    sent: put(changed({ tags: { 颜色: 1 } })),
    violation: body("/tags/颜色", "type"),
  },
  {
    name: "no token",
    sent: put(validBody, noToken),
    violation: { in: "header", at: "X-Auth-Token", kind: "missing" },
  },
  {
    name: "an empty token",
    sent: put(validBody, { ...JSON_HEADERS, "X-Auth-Token": "" }),
    violation: { in: "header", at: "X-Auth-Token", kind: "empty" },
  },
  {
    name: "no token and a body that is not JSON",
    sent: put("{", noToken),
    violation: { in: "header", at: "X-Auth-Token", kind: "missing" },
  },
  { name: "no body", sent: put(undefined), violation: body("", "missing") },
  { name: "a body that is not JSON", sent: put('{"path":'), violation: body("", "not-json") },
  { name: "a JSON body that is not an object", sent: put("[1,2]"), violation: body("", "type") },
  {
    name: "a body that is not application/json",
    sent: put(validBody, { ...JSON_HEADERS, "Content-Type": "text/plain" }),
    violation: body("", "not-json"),
  },
  {
    name: "a body over the mock's limit",
    sent: put(" ".repeat(DEFAULT_MAX_BODY_BYTES + 1)),
    violation: body("", "too-big"),
  },
  {
    name: "an empty instance name",
    sent: { ...put(validBody), path: `/v1/${pathParameter("project_id")}//image` },
    violation: { in: "path", at: "instance_name", kind: "empty" },
  },
  {
    name: "an instance name that is not valid percent-encoding",
    sent: { ...put(validBody), path: `/v1/${pathParameter("project_id")}/%E0%A4%A/image` },
    violation: { in: "path", at: "instance_name", kind: "invalid" },
  },
  {
    name: "an empty project id",
    sent: { ...put(validBody), path: `/v1//${pathParameter("instance_name")}/image` },
    violation: { in: "path", at: "project_id", kind: "empty" },
  },
  {
    name: "a method the path does not document",
    sent: { ...put(validBody), method: "PATCH" },
    violation: { in: "request", at: "", kind: "method-not-allowed" },
  },
];

/** Each forbidden request with the named example the spec maps its violation to. */
const forbidden = forbiddenRequests.map((f) => ({
  ...f,
  label: formatViolation(f.violation),
  answer: specAnswer(api, f.violation, "modifyImage"),
}));

/** The violation `sl-violations` names, as the mocks write it. */
function named(violations: string | null): { code: unknown; message: unknown }[] {
  const parsed = JSON.parse(violations ?? "[]") as { code: unknown; message: unknown }[];
  return parsed.map(({ code, message }) => ({ code, message }));
}

describe("MSW handlers answer as the mock does", () => {
  describe("a valid request", () => {
    test("with no Prefer header: the first 200 example", async () => {
      const { mock, msw } = await both(valid());

      expect(msw).toEqual(mock);
      expect(msw).toMatchObject({ status: 200, mediaType: "application/json" });
      expect(JSON.parse(msw.body)).toEqual(successExamples[0]?.value);
    });

    test.for(scenarios.map((s) => [`code=${s.status}, example=${s.name}`, s] as const))(
      "with Prefer: %s: that example",
      async ([, scenario]) => {
        const { mock, msw } = await both(valid(`code=${scenario.status}, example=${scenario.name}`));

        expect(msw).toEqual(mock);
        expect(msw).toMatchObject({ status: scenario.status, mediaType: "application/json" });
        expect(JSON.parse(msw.body)).toEqual(scenario.value);
      },
    );

    test("with Prism's __code and __example query instead of Prefer: that example", async () => {
      const sent = { ...valid(), path: `${PATH}?__code=400&__example=${lastError.name}` };
      const { mock, msw } = await both(sent);

      expect(msw).toEqual(mock);
      expect(JSON.parse(msw.body)).toEqual(lastError.value);
    });
  });

  describe("a request the spec forbids, with the error example the spec maps to it", () => {
    test.for(forbidden)("$name ($label) gets $answer.name", async ({ sent, violation, label, answer }) => {
      const { mock, msw } = await both(sent);

      expect(msw).toEqual(mock);
      expect(msw).toMatchObject({ status: answer.status, mediaType: "application/json" });
      expect(named(msw.violations)).toEqual([{ code: violation.kind, message: label }]);
      expect(JSON.parse(msw.body)).toEqual(answer.value);
    });

    test.for(forbidden)(
      "$name gets $answer.name whatever 400 example Prefer names",
      async ({ sent, answer }) => {
        const prefer = `code=400, example=${lastError.name}`;
        const { mock, msw } = await both({ ...sent, headers: { ...sent.headers, Prefer: prefer } });

        expect(msw).toEqual(mock);
        expect(JSON.parse(msw.body)).toEqual(answer.value);
      },
    );

    test.for(forbidden)("$name gets $answer.name even with Prefer: code=200", async ({ sent, answer }) => {
      const { mock, msw } = await both({ ...sent, headers: { ...sent.headers, Prefer: "code=200" } });

      expect(msw).toEqual(mock);
      expect(msw.status).toBe(answer.status);
      expect(JSON.parse(msw.body)).toEqual(answer.value);
    });
  });

  describe("a Prefer that selects nothing the spec documents, with MOCK.PREFER in the envelope", () => {
    const refused: [string, Sent][] = [
      ["an example the spec does not name", valid("code=400, example=nope")],
      ["a status the spec does not document", valid("code=418")],
      ["a code that is no status", valid("code=abc")],
      ["a 400 example's name without code=400", valid(`example=${lastError.name}`)],
      ["dynamic= neither true nor false", valid("dynamic=maybe")],
      ["an unknown __example in the query", { ...valid(), path: `${PATH}?__example=nope` }],
    ];

    test.for(refused)("%s", async ([, sent]) => {
      const { mock, msw } = await both(sent);

      expect(msw).toEqual(mock);
      expect(msw.status).toBe(400);
      expect(JSON.parse(msw.body)).toEqual({ error_code: "MOCK.PREFER", error_msg: expect.any(String) });
    });
  });

  test("a path the spec does not document, under the baseUrl the handlers were given", async () => {
    const underBase = createImageSearchHandlers({ baseUrl: inject("mockUrl") });
    const { mock, msw } = await both({ ...put(undefined), method: "GET", path: "/no-such-route" }, underBase);

    expect(msw).toEqual(mock);
    expect(JSON.parse(msw.body)).toEqual(
      specAnswer(api, { in: "request", at: "", kind: "route-unknown" }).value,
    );
  });

  test("a CORS preflight, with 204 and no body", async () => {
    const headers = { Origin: "http://localhost:5173", "Access-Control-Request-Method": "PUT" };
    const { mock, msw } = await both({ method: "OPTIONS", headers });

    expect(msw).toEqual(mock);
    expect(msw.status).toBe(204);
  });

  test("a CORS preflight's allow headers: the Origin echoed with credentials and Vary: Origin", async () => {
    const sent = {
      method: "OPTIONS",
      headers: { Origin: "http://localhost:5173", "Access-Control-Request-Method": "PUT" },
    };
    const cors = (response: Response | undefined) =>
      Object.fromEntries(
        [...(response?.headers ?? [])].filter(([name]) => /^access-control-|^vary$/.test(name)),
      );
    const base = inject("mockUrl");
    const mock = cors(await fetch(request(base, sent)));
    const msw = cors(await getResponse(handlers, request(base, sent)));

    expect(msw).toEqual(mock);
    expect(mock).toMatchObject({
      "access-control-allow-origin": "http://localhost:5173",
      "access-control-allow-credentials": "true",
      vary: "Origin",
    });
  });
});

// Without a baseUrl the handlers answer under the spec's first server, and leave every other origin
// (a real mock's, the app's own) to MSW's onUnhandledRequest.
describe("MSW handlers answer hostile bodies and queries as the mock does", () => {
  const INSTANCE_PATH = "/v1/0123456789abcdef0123456789abcdef/service/test-instance";
  const documented4xx = Object.keys(operationById(api, "deleteInstance").responses ?? {})
    .filter((status) => /^4\d\d$/.test(status))
    .map(Number);
  const notJson = specAnswer(api, { in: "body", at: "", kind: "not-json" }, "modifyImage");
  // The example request with a byte that is never UTF-8 (0xff) at the start of its first string value.
  const encoder = new TextEncoder();
  const inString = encoder.encode(validBody.slice(0, validBody.indexOf(':"') + 2)).length;
  const validBytes = encoder.encode(validBody);
  const notUtf8 = new Uint8Array(validBytes.length + 1);
  notUtf8.set(validBytes.subarray(0, inString));
  notUtf8[inString] = 0xff;
  notUtf8.set(validBytes.subarray(inString), inString + 1);

  test("a body on an operation that documents none: its documented bad-request answer", async () => {
    const { mock, msw } = await both({
      method: "DELETE",
      path: INSTANCE_PATH,
      headers: JSON_HEADERS,
      body: "{}",
    });
    expect(msw).toEqual(mock);
    expect(documented4xx).toContain(msw.status);
    expect(named(msw.violations)).toEqual([{ code: "invalid", message: "body invalid" }]);
  });

  test("?__server=: served like any request", async () => {
    const { mock, msw } = await both({ ...valid(), path: `${PATH}?__server=http://evil.example` });
    expect(msw).toEqual(mock);
    expect(msw).toMatchObject({ status: 200, mediaType: "application/json" });
  });

  test.for([
    { name: "a JSON body that is not UTF-8", sent: put(notUtf8) },
    {
      name: "a charset other than UTF-8",
      sent: put(validBody, { ...JSON_HEADERS, "Content-Type": "application/json; charset=utf-16" }),
    },
    {
      name: "a body nested one level past the depth the client also bounds",
      sent: put(`${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`),
    },
    {
      name: "a body nested millions deep",
      sent: put(`${"[".repeat(2_000_000)}${"]".repeat(2_000_000)}`),
    },
  ])("$name: the spec's not-json answer", async ({ sent }) => {
    const { mock, msw } = await both(sent);
    expect(msw).toEqual(mock);
    expect(msw.status).toBe(notJson.status);
    expect(named(msw.violations)).toEqual([{ code: "not-json", message: "body not-json" }]);
    expect(JSON.parse(msw.body)).toEqual(notJson.value);
  });
});

describe("MSW handlers without a baseUrl", () => {
  const byDefault = createImageSearchHandlers();
  const server = api.servers?.[0];
  const origin = new URL(
    (server?.url ?? "").replace(/\{([^}]+)\}/g, (_, name: string) =>
      String(server?.variables?.[name]?.default),
    ),
  ).origin;

  test("answer the spec's own server", async () => {
    const answer = await read(await getResponse(byDefault, request(origin, valid())));

    expect(answer.status).toBe(200);
  });

  test("leave another origin alone, a mock's on loopback too", async () => {
    expect(await getResponse(byDefault, request(inject("mockUrl"), valid()))).toBeUndefined();
    expect(await getResponse(byDefault, request("https://app.example", valid()))).toBeUndefined();
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
    instanceName: String(parameterExample(modifyImage, "instance_name")),
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
