import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { type ClientOptions, createClient, isApiError, isInvalidInputError } from "../../src/client/index.js";
import type { Generated } from "../../src/mock/types.js";
import { loadGenerated } from "../../tools/mock/generated-modules.js";

const FOREIGN = "@readme/oas-examples/3.0/json";
const UPLOADS = fileURLToPath(new URL("../fixtures/uploads.openapi.yaml", import.meta.url));
const specFile = (name: string) => createRequire(import.meta.url).resolve(`${FOREIGN}/${name}`);

type Method = (input?: Record<string, unknown>) => Promise<unknown>;

interface Sent {
  method: string;
  url: URL;
  headers: Headers;
  body: string;
}

/** A client of the spec's contracts whose server answers every request with `answer`. */
function recordingClient(
  generated: Generated,
  answer: () => Response,
  options: Partial<ClientOptions> = {},
): { call: Record<string, Method>; sent: Sent[] } {
  const sent: Sent[] = [];
  const client = createClient(generated.operations, {
    endpoint: "https://api.example",
    retry: false,
    ...options,
    fetch: async (input) => {
      const request = input as Request;
      sent.push({
        method: request.method,
        url: new URL(request.url),
        headers: request.headers,
        body: await request.text(),
      });
      return answer();
    },
  });
  return { call: client as unknown as Record<string, Method>, sent };
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("createClient on the OpenAPI Initiative's expanded petstore", () => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await loadGenerated(specFile("petstore-expanded.json"));
  });

  test("has a method per operation, named by operationId made an identifier", () => {
    const { call } = recordingClient(generated, () => json(200, []));
    expect(
      Object.keys(call)
        .filter((k) => k !== "raw")
        .sort(),
    ).toEqual(["addPet", "deletePet", "findPetById", "findPets"].sort());
  });

  test("sends an array query parameter form-exploded, beside the other query parameters", async () => {
    const { call, sent } = recordingClient(generated, () => json(200, []));
    await call.findPets?.({ tags: ["dog", "cat"], limit: 5 });
    expect(sent.map((s) => `${s.method} ${s.url.pathname}${s.url.search}`)).toEqual([
      "GET /pets?tags=dog&tags=cat&limit=5",
    ]);
  });

  test("sends an object body's fields as its JSON body", async () => {
    const { call, sent } = recordingClient(generated, () => json(200, { id: 1, name: "Rex" }));
    const result = await call.addPet?.({ name: "Rex", tag: "dog" });
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual({ name: "Rex", tag: "dog" });
    expect(sent[0]?.headers.get("content-type")).toMatch(/^application\/json/);
    expect(result).toEqual({ id: 1, name: "Rex" });
  });

  test("puts a path parameter into the path", async () => {
    const { call, sent } = recordingClient(generated, () => json(200, { id: 7, name: "Rex" }));
    await call.findPetById?.({ id: 7 });
    expect(sent.map((s) => s.url.pathname)).toEqual(["/pets/7"]);
  });

  test("resolves a documented 204 to undefined", async () => {
    const { call } = recordingClient(generated, () => new Response(null, { status: 204 }));
    await expect(call.deletePet?.({ id: 7 })).resolves.toBeUndefined();
  });

  test("turns the documented default response into a typed error with its status and body", async () => {
    const body = { code: 17, message: "no such pet" };
    const { call } = recordingClient(generated, () => json(404, body));
    const error = await call.findPetById?.({ id: 7 }).catch((e: unknown) => e);
    expect(isApiError(error), String(error)).toBe(true);
    expect(error).toMatchObject({ status: 404, body });
  });

  test.for([
    ["a wrong-typed query parameter", "findPets", { limit: "five" }],
    ["a missing path parameter", "findPetById", {}],
    ["a missing required body field", "addPet", { tag: "dog" }],
  ] as const)("refuses %s before sending anything", async ([, operation, input]) => {
    const { call, sent } = recordingClient(generated, () => json(200, {}));
    const error = await call[operation]?.(input).catch((e: unknown) => e);
    expect(isInvalidInputError(error), String(error)).toBe(true);
    expect(sent).toEqual([]);
  });
});

describe("createClient on a spec with header parameters and operations without an operationId", () => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await loadGenerated(specFile("parameters-common.json"));
  });

  test("sends a header parameter by its camelCase input name, the path parameter in the path", async () => {
    const contract = Object.values(generated.operations).find(
      (c) => c.method === "get" && c.path === "/anything/{id}",
    );
    const { call, sent } = recordingClient(generated, () => json(200, {}));
    await call[contract?.name ?? ""]?.({ id: 3, xExtraId: "abc" });
    expect(sent.map((s) => [s.url.pathname, s.headers.get("x-extra-id")])).toEqual([["/anything/3", "abc"]]);
  });
});

describe("createClient on a spec with every kind of security scheme", () => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await loadGenerated(specFile("security.json"));
  });

  /** The method for the operation at `method path`. */
  const named = (method: string, path: string) =>
    Object.values(generated.operations).find((c) => c.method === method && c.path === path)?.name ?? "";

  test.for([
    ["get", "apiKey_query", (s: Sent) => s.url.searchParams.get("apiKey")],
    ["put", "apiKey_header", (s: Sent) => s.headers.get("x-api-key")],
    ["post", "apiKey_cookie", (s: Sent) => s.headers.get("cookie")?.replace(/^api_key=/, "") ?? null],
  ] as const)("sends an API key where its scheme puts it (%s %s)", async ([method, scheme, where]) => {
    const { call, sent } = recordingClient(generated, () => json(200, {}), { auth: { [scheme]: "k1" } });
    await call[named(method, "/anything/apiKey")]?.({});
    expect(sent.map(where)).toEqual(["k1"]);
  });

  test("sends an http bearer token and http basic credentials as their schemes say", async () => {
    const { call, sent } = recordingClient(generated, () => json(200, {}), {
      auth: { bearer: "t1", basic: { username: "u", password: "p" } },
    });
    await call[named("post", "/anything/bearer")]?.({});
    await call[named("post", "/anything/basic")]?.({});
    expect(sent.map((s) => s.headers.get("authorization"))).toEqual(["Bearer t1", `Basic ${btoa("u:p")}`]);
  });
});

describe("createClient on a spec whose documented error is a JSON string", () => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await loadGenerated(specFile("uspto.json"));
  });

  test.for(["404", "not published"])(
    "turns the 404 %j into an ApiError carrying that string",
    async (text) => {
      const { call } = recordingClient(generated, () => json(404, text));
      const error = await call
        .listSearchableFields?.({ dataset: "oa_citations", version: "v1" })
        .catch((e) => e);
      expect(isApiError(error), String(error)).toBe(true);
      expect(error).toMatchObject({ status: 404, body: text });
    },
  );
});

describe("createClient on an OpenAPI 3.1 spec whose operations document no response", () => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await loadGenerated(
      createRequire(import.meta.url).resolve("@readme/oas-examples/3.1/json/parameters-style.json"),
    );
  });

  test.for([
    ["a JSON body, parsed", json(200, { seen: [1, 2] }), { seen: [1, 2] }],
    ["a text body, as text", new Response("seen", { headers: { "content-type": "text/plain" } }), "seen"],
    ["no body, as undefined", new Response(null, { status: 200 }), undefined],
  ] as const)("resolves a success with %s", async ([, answer, expected]) => {
    const { call } = recordingClient(generated, () => answer.clone());
    await expect(call.cookiesStandard?.()).resolves.toEqual(expected);
  });

  test("turns a failure into an ApiError carrying its status and body", async () => {
    const { call } = recordingClient(generated, () => json(418, { why: "teapot" }));
    const error = await call.cookiesStandard?.().catch((e) => e);
    expect(isApiError(error), String(error)).toBe(true);
    expect(error).toMatchObject({ status: 418, body: { why: "teapot" } });
  });
});

describe("createClient on an upload whose body the spec types as any media type (*/*)", () => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await loadGenerated(UPLOADS);
  });

  test("sends the bytes as application/octet-stream, or as the Blob's own type, never Content-Type */*", async () => {
    const { call, sent } = recordingClient(generated, () => new Response(null, { status: 204 }));

    await call.upload?.({ body: "raw bytes" });
    await call.upload?.({ body: new Blob(["<svg/>"], { type: "image/svg+xml" }) });

    expect(sent.map((s) => s.headers.get("content-type"))).toEqual([
      "application/octet-stream",
      "image/svg+xml",
    ]);
    expect(sent.map((s) => s.body)).toEqual(["raw bytes", "<svg/>"]);
  });
});

describe("createClient on a header parameter whose content is JSON", () => {
  let generated: Generated;
  beforeAll(async () => {
    generated = await loadGenerated(
      fileURLToPath(new URL("../fixtures/json-parameter.openapi.yaml", import.meta.url)),
    );
  });

  test("sends the value as JSON text, and refuses one its schema does not accept before sending", async () => {
    const { call, sent } = recordingClient(generated, () => new Response(null, { status: 204 }));

    await call.createFile?.({ "X-Metadata": { name: "a b", size: 2 } });
    const refused = await call.createFile?.({ "X-Metadata": { size: 2 } }).catch((error: unknown) => error);

    expect(sent.map((s) => s.headers.get("x-metadata"))).toEqual(['{"name":"a b","size":2}']);
    expect(isInvalidInputError(refused)).toBe(true);
  });
});
