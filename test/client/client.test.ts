// The client on its own, with an injected fetch: input checked before the wire, every response
// mapped to the typed result or a typed error, and the token kept out of every error.
import { describe, expect, test, vi } from "vitest";
import { getInstance, modifyImage } from "../../src/client/contracts.js";
import {
  createImageSearchClient,
  createImageSearchClientFor,
  InvalidInputError,
  isImageSearchError,
  isInvalidInputError,
  isNetworkError,
  isTokenProviderError,
  isUnexpectedResponseError,
  type TokenClientOptions,
  type UnexpectedResponseError,
} from "../../src/client/index.js";
import { failure, json } from "../support/responses.js";
import { expectNoSecret, TEST_TOKEN } from "../support/secrets.js";
import { loadSpec, operationById, parameterExample, requestExample } from "../support/spec.js";

const TOKEN = TEST_TOKEN;
// A modifyImage call the spec accepts, from its examples.
const modifyImageOp = operationById(await loadSpec(), "modifyImage");
const input = {
  ...(requestExample(modifyImageOp) as { path: string; tags: Record<string, string> }),
  instanceName: String(parameterExample(modifyImageOp, "instance_name")),
};
const instanceSegment = encodeURIComponent(input.instanceName);

function clientWith(
  respond: (request: Request) => Response | Promise<Response>,
  options: Partial<TokenClientOptions> = {},
) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request);
    return respond(request);
  }) as unknown as typeof globalThis.fetch;
  const client = createImageSearchClient({
    endpoint: "https://imagesearch.ap-southeast-1.myhuaweicloud.com",
    projectId: "p1",
    token: TOKEN,
    fetch,
    retry: { baseDelayMs: 1 },
    ...options,
  });
  return { client, requests };
}

describe("modifyImage request", () => {
  test("sends PUT to the documented path with the token header and the JSON body", async () => {
    const { client, requests } = clientWith(() => json(200, { result: "Success" }));

    await client.modifyImage(input);

    const [request] = requests;
    expect(request?.method).toBe("PUT");
    expect(request?.url).toBe(
      `https://imagesearch.ap-southeast-1.myhuaweicloud.com/v1/p1/${instanceSegment}/image`,
    );
    expect(request?.headers.get("X-Auth-Token")).toBe(TOKEN);
    expect(request?.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(await request?.json()).toEqual({ path: input.path, tags: input.tags });
  });

  test("percent-encodes path parameters so they cannot leave the route", async () => {
    // Through project_id, a parameter the spec gives no format, so the text is the client's to encode.
    const { client, requests } = clientWith(() => json(200, { result: "Success" }), {
      projectId: "../a?b#c",
    });

    await client.modifyImage(input);

    expect(new URL(requests[0]?.url ?? "").pathname).toBe(`/v1/..%2Fa%3Fb%23c/${instanceSegment}/image`);
  });

  test("calls a token function before every request", async () => {
    let calls = 0;
    const { client, requests } = clientWith(() => json(200, { result: "Success" }), {
      token: async () => `token-${++calls}`,
    });

    await client.modifyImage(input);
    await client.modifyImage(input);

    expect(requests.map((r) => r.headers.get("X-Auth-Token"))).toEqual(["token-1", "token-2"]);
  });

  test("sends the token whatever X-Auth-Token header the client or the call is given", async () => {
    const { client, requests } = clientWith(() => json(200, { result: "Success" }), {
      headers: { "X-Auth-Token": "client-header" },
    });
    const provided = clientWith(() => json(200, { result: "Success" }), { token: () => "fresh-token" });

    await client.modifyImage(input, { headers: { "x-auth-token": "call-header", "X-Trace": "t1" } });
    await client.modifyImage(input);
    await provided.client.modifyImage(input, { headers: { "X-Auth-Token": "call-header" } });

    expect(requests.map((r) => r.headers.get("X-Auth-Token"))).toEqual([TOKEN, TOKEN]);
    expect(requests[0]?.headers.get("X-Trace")).toBe("t1");
    expect(provided.requests[0]?.headers.get("X-Auth-Token")).toBe("fresh-token");
  });
});

describe("modifyImage input checks, before anything goes on the wire", () => {
  const cases: { label: string; change: Record<string, unknown>; field: string }[] = [
    { label: "an empty path", change: { path: "" }, field: "path" },
    { label: "a missing path", change: { path: undefined }, field: "path" },
    { label: "a path that is not a string", change: { path: 42 }, field: "path" },
    { label: "missing tags", change: { tags: undefined }, field: "tags" },
    { label: "tags that are not an object", change: { tags: "color=red" }, field: "tags" },
    { label: "a tag value that is not a string", change: { tags: { color: 1 } }, field: "tags.color" },
    { label: "an empty instance name", change: { instanceName: "" }, field: "instanceName" },
    {
      label: 'an instance name of ".." (a dot segment escapes the route)',
      change: { instanceName: ".." },
      field: "instanceName",
    },
    { label: 'an instance name of "."', change: { instanceName: "." }, field: "instanceName" },
  ];

  test.each(cases)("rejects $label with InvalidInputError naming $field", async ({ change, field }) => {
    const { client, requests } = clientWith(() => json(200, { result: "Success" }));
    const bad = JSON.parse(JSON.stringify({ ...input, ...change }));

    const error = await failure(client.modifyImage(bad));

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ name: "InvalidInputError", field, operation: "modifyImage" });
    expect(error.message).toContain(field);
    expect(requests).toHaveLength(0);
  });

  test.each([" ", "tok en", "tök", "line\nbreak"])(
    "rejects the token %j, which is not a header value, without sending",
    async (token) => {
      const { client, requests } = clientWith(() => json(200, { result: "Success" }), { token });

      const error = await failure(client.modifyImage(input));

      expect(error).toMatchObject({ name: "InvalidInputError", field: "token" });
      expect(requests).toHaveLength(0);
    },
  );

  test("an empty token from the token function is the provider's TokenProviderError, and nothing is sent", async () => {
    const { client, requests } = clientWith(() => json(200, { result: "Success" }), { token: () => "" });

    const error = await failure(client.modifyImage(input));

    expect(isTokenProviderError(error)).toBe(true);
    expect(isInvalidInputError(error)).toBe(false);
    expect(requests).toHaveLength(0);
  });

  test("refuses an endpoint that is not a URL, and an empty project id, at creation", () => {
    expect(() => createImageSearchClient({ endpoint: "not a url", projectId: "p", token: "t" })).toThrow(
      expect.objectContaining({ name: "InvalidInputError", field: "endpoint" }),
    );
    expect(() =>
      createImageSearchClient({ endpoint: "https://x.example", projectId: "", token: "t" }),
    ).toThrow(expect.objectContaining({ name: "InvalidInputError", field: "projectId" }));
  });
});

describe("modifyImage responses", () => {
  test("a documented error envelope with an unknown code is still an ImageSearchError", async () => {
    const { client } = clientWith(() =>
      json(400, { error_code: "IS.9999", error_msg: "Something new." }, { "X-Request-Id": "req-1" }),
    );

    const error = await failure(client.modifyImage(input));

    expect(isImageSearchError(error)).toBe(true);
    expect(error).toMatchObject({
      status: 400,
      code: "IS.9999",
      errorMsg: "Something new.",
      requestId: "req-1",
    });
    expectNoSecret([error]);
  });

  test("an undocumented status with an HTML page is an UnexpectedResponseError with an excerpt", async () => {
    const page = `<html><body>${"Bad Gateway ".repeat(200)}</body></html>`;
    const { client } = clientWith(
      () => new Response(page, { status: 502, headers: { "Content-Type": "text/html" } }),
    );

    const error = await failure(client.modifyImage(input));

    expect(isUnexpectedResponseError(error)).toBe(true);
    const unexpected = error as UnexpectedResponseError;
    expect(unexpected.status).toBe(502);
    expect(unexpected.bodyExcerpt.startsWith("<html><body>Bad Gateway")).toBe(true);
    expect(unexpected.bodyExcerpt.length).toBeLessThanOrEqual(513);
    expectNoSecret([error]);
  });

  test("a 200 whose body is not JSON is an UnexpectedResponseError", async () => {
    const { client } = clientWith(() => new Response("{not json", { status: 200 }));

    const error = await failure(client.modifyImage(input));

    expect(error).toMatchObject({ name: "UnexpectedResponseError", status: 200, bodyExcerpt: "{not json" });
  });

  test("a 200 that breaks the schema names the JSON pointer of each violation", async () => {
    const { client } = clientWith(() => json(200, { result: 7 }));

    const error = await failure(client.modifyImage(input));

    expect(error).toMatchObject({ name: "UnexpectedResponseError", violations: [{ pointer: "/result" }] });
  });

  test("a 400 that is not the envelope names the missing property", async () => {
    const { client } = clientWith(() => json(400, { message: "nope" }));

    const error = await failure(client.modifyImage(input));

    expect(error).toMatchObject({
      name: "UnexpectedResponseError",
      violations: [{ pointer: "/error_code" }, { pointer: "/error_msg" }],
    });
  });

  test("with response validation off, a 200 body is returned as sent", async () => {
    const { client } = clientWith(() => json(200, { result: 7 }), { validateResponses: false });

    await expect(client.modifyImage(input)).resolves.toEqual({ result: 7 });
  });

  test("a failure before any response is a NetworkError naming the server's host and port, the cause's type and code, with the cause kept", async () => {
    const { client } = clientWith(() => {
      // Shaped as Node's fetch rejects: a TypeError whose cause is a system error with a code.
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED" });
      throw new TypeError("fetch failed", { cause: refused });
    });

    const error = await failure(client.modifyImage(input));

    expect(isNetworkError(error)).toBe(true);
    expect(error.cause).toBeInstanceOf(TypeError);
    expect(error.message).toBe(
      "modifyImage failed before a response from imagesearch.ap-southeast-1.myhuaweicloud.com:443: TypeError: Error ECONNREFUSED",
    );
    expect(error.message).not.toContain("127.0.0.1:1");
    expectNoSecret([error]);
  });
});

describe("a client for some operations", () => {
  const options = {
    endpoint: "https://imagesearch.ap-southeast-1.myhuaweicloud.com",
    projectId: "p1",
    token: TOKEN,
  };

  test("has a method for each operation given, and raw, and no other", () => {
    const client = createImageSearchClientFor([modifyImage, getInstance], options);

    expect(Object.keys(client).sort()).toEqual(["getInstance", "modifyImage", "raw"]);
  });

  test("calls an operation as the client for all of them does", async () => {
    const requests: Request[] = [];
    const fetch = (async (request: Request) => {
      requests.push(request);
      return json(200, { result: "Success" });
    }) as typeof globalThis.fetch;
    const client = createImageSearchClientFor([modifyImage], { ...options, fetch });

    await expect(client.modifyImage(input)).resolves.toEqual({ result: "Success" });
    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      `PUT /v1/p1/${instanceSegment}/image`,
    ]);
    expect(requests[0]?.headers.get("x-auth-token")).toBe(TOKEN);
    await expect(failure(client.modifyImage({ ...input, path: "" }))).resolves.toBeInstanceOf(
      InvalidInputError,
    );
  });

  test.for([
    ["not a list", modifyImage],
    ["a list with something that is not a contract", [modifyImage, { method: "put" }]],
  ] as const)("refuses %s with InvalidInputError naming operations", ([, given]) => {
    const make = () => createImageSearchClientFor(given as never, options);

    expect(make).toThrow(InvalidInputError);
    expect(make).toThrow("operations must be a list of operation contracts");
  });
});
