// The mock's policy for bad requests, stated once more by hand from the table so that a change
// of mapping in the spec is a visible decision, plus what the layer in front of Prism must keep:
// Prefer for valid requests, CORS, the envelope for anything malformed, and `--dynamic`.
import { spawn } from "node:child_process";
import { request } from "node:http";
import { describe, expect, inject, test } from "vitest";
import { createImageSearchClient } from "../../../src/client/index.js";
import { DEFAULT_MAX_BODY_BYTES } from "../../../src/mock/policy.js";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { startMock } from "../../../tools/mock/server.js";
import { expectHonestMock } from "../../support/mock-check.js";
import { SPEC_PATH } from "../../support/spec.js";

const PATH = "/v1/0123456789abcdef0123456789abcdef/test-instance/image";
const VALID = {
  path: "https://bucketName.obs.myhuaweicloud.com/image/test1.jpg",
  tags: { "test-tags": "test-image" },
};

async function put(
  body: string | undefined,
  headers: Record<string, string> = {},
  options: { method?: string; path?: string } = {},
) {
  const response = await fetch(`${inject("mockUrl")}${options.path ?? PATH}`, {
    method: options.method ?? "PUT",
    headers: { "content-type": "application/json", "x-auth-token": "any-token", ...headers },
    ...(body === undefined ? {} : { body }),
  });
  expectHonestMock(response);
  const text = await response.text();
  return { response, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

describe("the mock answers each kind of bad request with the error the service documents", () => {
  const table: { request: string; body?: string; token?: string | null; code: string }[] = [
    { request: "X-Auth-Token missing", token: null, code: "IS.0005" },
    { request: "X-Auth-Token empty", token: "", code: "IS.0013" },
    { request: "a body that is not JSON", body: "{nope", code: "IS.0008" },
    { request: "a JSON body that is not an object", body: "[1,2]", code: "IS.0008" },
    { request: "no body at all", body: "", code: "IS.0008" },
    { request: "path missing", body: JSON.stringify({ tags: {} }), code: "IS.0003" },
    { request: "path null", body: JSON.stringify({ path: null, tags: {} }), code: "IS.0003" },
    { request: "path empty", body: JSON.stringify({ path: "", tags: {} }), code: "IS.0003" },
    { request: "tags missing", body: JSON.stringify({ path: "p" }), code: "IS.0001" },
    { request: "path of the wrong type", body: JSON.stringify({ path: 1, tags: {} }), code: "IS.0002" },
    { request: "tags of the wrong type", body: JSON.stringify({ path: "p", tags: ["a"] }), code: "IS.0002" },
    {
      request: "a tag value of the wrong type",
      body: JSON.stringify({ path: "p", tags: { a: 1 } }),
      code: "IS.0002",
    },
    {
      request: "a body over the mock's limit",
      body: " ".repeat(DEFAULT_MAX_BODY_BYTES + 1),
      code: "IS.0006",
    },
    {
      request: "no token and a body that is not JSON (the token is checked first)",
      token: null,
      body: "{",
      code: "IS.0005",
    },
  ];

  test.for(table)("$request gets $code in the envelope", async ({ body, token, code }) => {
    const response = await fetch(`${inject("mockUrl")}${PATH}`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        ...(token === null ? {} : { "x-auth-token": token ?? "t" }),
      },
      body: body ?? JSON.stringify(VALID),
    });

    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ error_code: code, error_msg: expect.any(String) });
  });

  const PROJECT = "/v1/0123456789abcdef0123456789abcdef";
  const others: {
    request: string;
    method: string;
    path: string;
    body?: string;
    token?: null;
    code: string;
  }[] = [
    {
      request: "createInstance with a name that breaks its pattern",
      method: "POST",
      path: `${PROJECT}/service`,
      body: JSON.stringify({ name: "Test Instance", model: "common-search" }),
      code: "IS.0007",
    },
    {
      request: "createInstance without model",
      method: "POST",
      path: `${PROJECT}/service`,
      body: JSON.stringify({ name: "test_instance" }),
      code: "IS.0001",
    },
    {
      request: "getInstance without a token",
      method: "GET",
      path: `${PROJECT}/service/test-instance`,
      token: null,
      code: "IS.0005",
    },
    {
      request: "deleteInstance of an empty instance name",
      method: "DELETE",
      path: `${PROJECT}/service/`,
      code: "IS.0007",
    },
    {
      request: "deleteImage without its JSON body",
      method: "DELETE",
      path: `${PATH}`,
      body: "",
      code: "IS.0008",
    },
    {
      request: "checkImage with path null",
      method: "POST",
      path: `${PATH}/check`,
      body: JSON.stringify({ path: null }),
      code: "IS.0003",
    },
    {
      request: "searchImages with limit over 100",
      method: "POST",
      path: `${PATH}/search`,
      body: JSON.stringify({ limit: 101 }),
      code: "IS.0002",
    },
    {
      request: "addImage with tags that are not an object",
      method: "POST",
      path: PATH,
      body: JSON.stringify({ path: "p", tags: ["a"] }),
      code: "IS.0002",
    },
  ];

  test.for(others)("$request gets $code in the envelope", async ({ method, path, body, token, code }) => {
    const response = await fetch(`${inject("mockUrl")}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token === null ? {} : { "x-auth-token": "t" }) },
      ...(body === undefined ? {} : { body }),
    });

    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(await response.json()).toEqual({ error_code: code, error_msg: expect.any(String) });
  });

  test("no malformed request gets Prism's problem+json or invalid_json", async () => {
    const odd: { body?: string; headers?: Record<string, string>; method?: string; path?: string }[] = [
      { body: "\u0000\u0001binary", headers: { "content-type": "application/octet-stream" } },
      { body: "{}", headers: { "content-type": "application/xml" } },
      { body: JSON.stringify(VALID), headers: { accept: "application/xml" } },
      { body: JSON.stringify(VALID), headers: { prefer: "code=418" } },
      { body: JSON.stringify(VALID), headers: { prefer: "code=abc" } },
      { body: JSON.stringify(VALID), headers: { prefer: "example=no-such-example" } },
      { body: JSON.stringify(VALID), headers: { prefer: "dynamic=maybe" } },
      { body: JSON.stringify(VALID), path: `${PATH}?__example=nope` },
      { body: JSON.stringify(VALID), method: "PATCH" },
      { body: JSON.stringify(VALID), path: "/v1/p//image" },
      { body: JSON.stringify(VALID), path: "/v1/p/%E0%A4%A/image" },
      { path: "/nothing/here", method: "GET" },
    ];
    for (const { body, headers, method, path } of odd) {
      const { response, json } = await put(body, headers, {
        ...(method ? { method } : {}),
        ...(path ? { path } : {}),
      });
      const label = JSON.stringify({ headers, method, path });
      expect(response.headers.get("content-type"), label).toBe("application/json");
      expect(Object.keys(json ?? {}).sort(), label).toEqual(
        response.ok ? ["result"] : ["error_code", "error_msg"],
      );
    }
  });
});

describe("valid requests still reach Prism", () => {
  test("the page's example request gets the page's example response", async () => {
    const { response, json } = await put(JSON.stringify(VALID));
    expect(response.status).toBe(200);
    expect(json).toEqual({ result: "Success" });
  });

  test("Prefer: code= and example= select any documented example", async () => {
    const { response, json } = await put(JSON.stringify(VALID), {
      prefer: "code=400, example=internal-error",
    });
    expect(response.status).toBe(400);
    expect(json).toEqual({
      error_code: "IS.0009",
      error_msg: "The request failed due to an internal error.",
    });
  });

  test("an example name that does not exist is explained in the envelope", async () => {
    const { response, json } = await put(JSON.stringify(VALID), { prefer: "code=400, example=tokn-empty" });
    expect(response.status).toBe(400);
    expect(json?.error_code).toBe("MOCK.PREFER");
    expect(json?.error_msg).toContain("token-empty");
  });
});

describe("CORS that browsers accept", () => {
  const origin = "http://localhost:5173";

  test("a preflight is answered with 204 and the allow headers", async () => {
    const response = await fetch(`${inject("mockUrl")}${PATH}`, {
      method: "OPTIONS",
      headers: {
        origin,
        "access-control-request-method": "PUT",
        "access-control-request-headers": "x-auth-token",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(origin);
    expect(response.headers.get("access-control-allow-methods")).toBe("PUT");
    expect(response.headers.get("access-control-allow-headers")).toBe("x-auth-token");
    expect(response.headers.get("access-control-allow-credentials")).toBe("true");
    expect(response.headers.get("vary")).toBe("Origin");
  });

  test.for([
    ["a valid request (Prism's answer)", {}],
    ["a bad request (the layer's answer)", { "x-auth-token": "" }],
  ] as const)(
    "%s echoes the Origin with credentials allowed, Vary: Origin, and its headers exposed by name",
    async ([, headers]) => {
      const { response } = await put(JSON.stringify(VALID), { origin, ...headers });
      expect(response.headers.get("access-control-allow-origin")).toBe(origin);
      expect(response.headers.get("access-control-allow-credentials")).toBe("true");
      expect(response.headers.get("vary")).toBe("Origin");
      expect(response.headers.get("access-control-expose-headers")).toContain("content-type");
    },
  );

  test("a request without an Origin gets the wildcard origin and never credentials with it", async () => {
    const { response } = await put(JSON.stringify(VALID));
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
  });
});

describe("request targets no URL parser accepts", () => {
  /** Sends the target exactly as written (fetch would normalise it). */
  function raw(target: string): Promise<{ status: number; body: unknown; violations: string }> {
    const { hostname, port } = new URL(inject("mockUrl"));
    return new Promise((resolve, reject) => {
      const req = request({ host: hostname, port, path: target, headers: { "x-auth-token": "t" } }, (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => {
          text += chunk.toString();
        });
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            body: JSON.parse(text),
            violations: String(res.headers["sl-violations"]),
          }),
        );
      });
      req.on("error", reject);
      req.end();
    });
  }

  test.for(["//", "http://[::1", "http://[::1/v1/p/i/image"])(
    "%s gets the route-unknown answer, as an unknown path does",
    async (target) => {
      const unknown = await raw("/nothing/here");
      const answer = await raw(target);
      expect(answer.status).toBe(unknown.status);
      expect(answer.body).toEqual(unknown.body);
      expect(answer.violations).toContain("route-unknown");
    },
  );
});

describe("instances named like the fixed path words", () => {
  test.for(["image", "service", "search", "check"])(
    "an instance named %s is created, read, given an image and deleted through the client",
    async (instanceName) => {
      const client = createImageSearchClient({
        endpoint: inject("mockUrl"),
        projectId: "0123456789abcdef0123456789abcdef",
        token: "any-token",
      });
      await expect(
        client.createInstance({ name: instanceName, model: "common-search" }),
      ).resolves.toBeDefined();
      await expect(client.getInstance({ instanceName })).resolves.toMatchObject({
        instanceName: expect.any(String),
      });
      await expect(
        client.addImage({ instanceName, path: VALID.path, tags: VALID.tags }),
      ).resolves.toBeDefined();
      await expect(client.deleteInstance({ instanceName })).resolves.toBeDefined();
    },
  );
});

describe("npm run mock -- --dynamic", () => {
  test("serves schema-generated data, the same on every run (fixed seed)", async () => {
    const api = await loadContractSpec(SPEC_PATH);
    const validate = api.operations[0]?.responses["200"]?.validate;
    // The command line once, and the same options in this process, side by side.
    const inProcess = startMock({ port: 0, dynamic: true });
    const [fromCli, mock] = await Promise.all([dynamicBody(), inProcess]);
    const again = await fetch(`${mock.url}${PATH}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-auth-token": "t" },
      body: JSON.stringify(VALID),
    }).finally(() => mock.stop());

    expect(await again.json()).toEqual(fromCli);
    expect(fromCli).not.toEqual({ result: "Success" });
    expect(validate?.(fromCli), JSON.stringify(validate?.errors)).toBe(true);
  }, 60_000);
});

/** Starts `npm run mock -- --dynamic` on a free port, takes one answer, and stops it. */
async function dynamicBody(): Promise<unknown> {
  const child = spawn("npm", ["run", "--silent", "mock", "--", "--dynamic"], {
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        const found = /serving at (http:\/\/\S+)/.exec(output)?.[1];
        if (found) resolve(found);
      });
      child.once("exit", (code) => reject(new Error(`mock exited with ${code}: ${output}`)));
    });
    const response = await fetch(`${url}${PATH}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-auth-token": "t" },
      body: JSON.stringify(VALID),
    });
    expect(response.status).toBe(200);
    return await response.json();
  } finally {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  }
}
