// The mock answers each kind of bad request with the error the spec maps to it: each request here
// names the violation it is, and expects the answer the parsed spec maps that violation to
// (`x-mock-answers-violation`), with `sl-violations` naming it; docs/mock.md's table is written from
// the same mapping by `npm run generate`. Plus what the layer in front of Prism must keep:
// Prefer for valid requests, CORS, the envelope for anything malformed, and `--dynamic`.
import { spawn } from "node:child_process";
import { request } from "node:http";
import { describe, expect, inject, test } from "vitest";
import { createImageSearchClient } from "../../../src/client/index.js";
import { formatViolation } from "../../../src/mock/report.js";
import { DEFAULT_MAX_BODY_BYTES, type Violation } from "../../../src/mock/types.js";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { exchangeLine, startMock } from "../../../tools/mock/server.js";
import { expectHonestMock } from "../../support/mock-check.js";
import {
  jsonRequest,
  jsonResponse,
  namedExamples,
  operationById,
  parameterExample,
  loadSpec as parseSpec,
  requestExample,
  SPEC_PATH,
} from "../../support/spec.js";
import { specAnswer } from "../../support/spec-answers.js";

const api = await parseSpec();
const modifyImage = operationById(api, "modifyImage");
/** The page's own request and the example it gets, as the spec has them. */
const VALID = namedExamples(jsonRequest(modifyImage))[0]?.value as {
  path: string;
  tags: Record<string, string>;
};
const SUCCESS = namedExamples(jsonResponse(modifyImage, "200"))[0]?.value;
const ERRORS = namedExamples(jsonResponse(modifyImage, "400"));
if (!VALID || SUCCESS === undefined) throw new Error("the spec lacks modifyImage's named examples");

const pathParameter = (name: string) => encodeURIComponent(String(parameterExample(modifyImage, name)));
const PROJECT_ID = pathParameter("project_id");
const INSTANCE = pathParameter("instance_name");
const PATH = `/v1/${PROJECT_ID}/${INSTANCE}/image`;
/** An operation's example request with one change (`undefined` leaves the property out): one violation. */
const changed = (change: Record<string, unknown>, operationId = "modifyImage") =>
  JSON.stringify({ ...requestExample(operationById(api, operationId)), ...change });

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
  await expectHonestMock(response);
  const text = await response.text();
  return { response, text, json: text ? (JSON.parse(text) as Record<string, unknown>) : undefined };
}

const body = (at: string, kind: Violation["kind"]): Violation => ({ in: "body", at, kind });
const token = (kind: Violation["kind"]): Violation => ({ in: "header", at: "X-Auth-Token", kind });

/** Reads an answer of the layer: its status, media type, body and the violations it names. */
async function answerOf(response: Response) {
  const named = JSON.parse(response.headers.get("sl-violations") ?? "[]") as {
    code: unknown;
    message: unknown;
  }[];
  return {
    status: response.status,
    type: response.headers.get("content-type"),
    body: (await response.json()) as unknown,
    violations: named.map(({ code, message }) => ({ code, message })),
  };
}

/** What the layer must answer: the spec's answer to the violation, which `sl-violations` names. */
function expected(violation: Violation, operationId: string) {
  const { status, value } = specAnswer(api, violation, operationId);
  const violations = [{ code: violation.kind, message: formatViolation(violation) }];
  return { status, type: "application/json", body: value, violations };
}

describe("the mock answers each kind of bad request with the error the spec maps to it", () => {
  const table: { request: string; body?: string; token?: string | null; violation: Violation }[] = [
    { request: "X-Auth-Token missing", token: null, violation: token("missing") },
    { request: "X-Auth-Token empty", token: "", violation: token("empty") },
    { request: "a body that is not JSON", body: "{nope", violation: body("", "not-json") },
    { request: "a JSON body that is not an object", body: "[1,2]", violation: body("", "type") },
    { request: "no body at all", body: "", violation: body("", "missing") },
    { request: "path missing", body: changed({ path: undefined }), violation: body("/path", "missing") },
    {
      request: "path null",
      body: changed({ path: null }),
      violation: body("/path", "null"),
    },
    {
      request: "path empty",
      body: changed({ path: "" }),
      violation: body("/path", "empty"),
    },
    { request: "tags missing", body: changed({ tags: undefined }), violation: body("/tags", "missing") },
    {
      request: "path of the wrong type",
      body: changed({ path: 1 }),
      violation: body("/path", "type"),
    },
    {
      request: "tags of the wrong type",
      body: changed({ tags: ["a"] }),
      violation: body("/tags", "type"),
    },
    {
      request: "a tag value of the wrong type",
      body: changed({ tags: { a: 1 } }),
      violation: body("/tags/a", "type"),
    },
    {
      request: "a body over the mock's limit",
      body: " ".repeat(DEFAULT_MAX_BODY_BYTES + 1),
      violation: body("", "too-big"),
    },
    {
      request: "no token and a body that is not JSON (the token is checked first)",
      token: null,
      body: "{",
      violation: token("missing"),
    },
  ];

  test.for(table)("$request gets the spec's answer to it", async ({ body, token, violation }) => {
    const response = await fetch(`${inject("mockUrl")}${PATH}`, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        ...(token === null ? {} : { "x-auth-token": token ?? "t" }),
      },
      body: body ?? JSON.stringify(VALID),
    });

    expect(await answerOf(response)).toEqual(expected(violation, "modifyImage"));
  });

  const PROJECT = `/v1/${PROJECT_ID}`;
  const others: {
    request: string;
    operationId: string;
    method: string;
    path: string;
    body?: string;
    token?: null;
    violation: Violation;
  }[] = [
    {
      request: "createInstance with a name that breaks its pattern",
      operationId: "createInstance",
      method: "POST",
      path: `${PROJECT}/service`,
      body: changed({ name: "Test Instance" }, "createInstance"),
      violation: body("/name", "invalid"),
    },
    {
      request: "createInstance without model",
      operationId: "createInstance",
      method: "POST",
      path: `${PROJECT}/service`,
      body: changed({ model: undefined }, "createInstance"),
      violation: body("/model", "missing"),
    },
    {
      request: "getInstance without a token",
      operationId: "getInstance",
      method: "GET",
      path: `${PROJECT}/service/${INSTANCE}`,
      token: null,
      violation: token("missing"),
    },
    {
      request: "deleteInstance of an empty instance name",
      operationId: "deleteInstance",
      method: "DELETE",
      path: `${PROJECT}/service/`,
      violation: { in: "path", at: "instance_name", kind: "empty" },
    },
    {
      request: "deleteImage without its JSON body",
      operationId: "deleteImage",
      method: "DELETE",
      path: `${PATH}`,
      body: "",
      violation: body("", "missing"),
    },
    {
      request: "checkImage with path null",
      operationId: "checkImage",
      method: "POST",
      path: `${PATH}/check`,
      body: changed({ path: null }, "checkImage"),
      violation: body("/path", "null"),
    },
    {
      request: "searchImages with limit over 100",
      operationId: "searchImages",
      method: "POST",
      path: `${PATH}/search`,
      body: changed({ limit: 101 }, "searchImages"),
      violation: body("/limit", "invalid"),
    },
    {
      request: "addImage with tags that are not an object",
      operationId: "addImage",
      method: "POST",
      path: PATH,
      body: changed({ tags: ["a"] }, "addImage"),
      violation: body("/tags", "type"),
    },
  ];

  test.for(others)("$request gets the spec's answer to it", async (row) => {
    const { operationId, method, path, body, token, violation } = row;
    const response = await fetch(`${inject("mockUrl")}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token === null ? {} : { "x-auth-token": "t" }) },
      ...(body === undefined ? {} : { body }),
    });

    expect(await answerOf(response)).toEqual(expected(violation, operationId));
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
      { body: JSON.stringify(VALID), path: `/v1/${PROJECT_ID}//image` },
      { body: JSON.stringify(VALID), path: `/v1/${PROJECT_ID}/%E0%A4%A/image` },
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
    expect(json).toEqual(SUCCESS);
  });

  test.for(ERRORS)(
    "Prefer: code=400, example=$name selects that documented example",
    async ({ name, value }) => {
      const { response, json } = await put(JSON.stringify(VALID), { prefer: `code=400, example=${name}` });
      expect(response.status).toBe(400);
      expect(json).toEqual(value);
    },
  );

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

describe("hostile bodies and queries", () => {
  const deleteInstance = operationById(api, "deleteInstance");
  const INSTANCE_PATH = "/v1/0123456789abcdef0123456789abcdef/service/test-instance";
  /** The statuses the spec documents for an operation's bad requests. */
  const documented4xx = (operation: typeof deleteInstance) =>
    Object.keys(operation.responses ?? {})
      .filter((status) => /^4\d\d$/.test(status))
      .map(Number);

  test("a body on an operation that documents none gets its documented bad-request answer", async () => {
    const response = await fetch(`${inject("mockUrl")}${INSTANCE_PATH}`, {
      method: "DELETE",
      headers: { "content-type": "application/json", "x-auth-token": "t" },
      body: "{}",
    });
    const answer = await answerOf(response);
    expect(documented4xx(deleteInstance)).toContain(answer.status);
    expect(answer.violations).toEqual([{ code: "invalid", message: "body invalid" }]);
  });

  test("?__server= is served like any request, without Prism's problem+json", async () => {
    const { response, json } = await put(
      JSON.stringify(VALID),
      {},
      { path: `${PATH}?__server=http://evil.example` },
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(json).toEqual(SUCCESS);
  });

  test("a JSON body that is not UTF-8 gets the spec's not-json answer", async () => {
    const text = Buffer.from(JSON.stringify({ ...VALID, path: "~" }));
    const bytes = Buffer.from(text.map((byte) => (byte === 0x7e ? 0xff : byte)));
    const response = await fetch(`${inject("mockUrl")}${PATH}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-auth-token": "t" },
      body: bytes,
    });
    expect(await answerOf(response)).toEqual(expected(body("", "not-json"), "modifyImage"));
  });

  test("a charset other than UTF-8 gets the spec's not-json answer", async () => {
    const response = await fetch(`${inject("mockUrl")}${PATH}`, {
      method: "PUT",
      headers: { "content-type": "application/json; charset=utf-16", "x-auth-token": "t" },
      body: JSON.stringify(VALID),
    });
    expect(await answerOf(response)).toEqual(expected(body("", "not-json"), "modifyImage"));
  });

  test("a body under the size limit nested millions deep gets the spec's not-json answer", async () => {
    const levels = Math.floor((DEFAULT_MAX_BODY_BYTES - 1024) / 2);
    const response = await fetch(`${inject("mockUrl")}${PATH}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-auth-token": "t" },
      body: `${"[".repeat(levels)}${"]".repeat(levels)}`,
    });
    expect(await answerOf(response)).toEqual(expected(body("", "not-json"), "modifyImage"));
  });
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
    const validate = api.operations.find((op) => op.operationId === "modifyImage")?.responses["200"]
      ?.validate;
    // The command line once, and the same options in this process, side by side.
    const inProcess = startMock({ port: 0, dynamic: true });
    const [fromCli, mock] = await Promise.all([dynamicBody(), inProcess]);
    const again = await fetch(`${mock.url}${PATH}`, {
      method: "PUT",
      headers: { "content-type": "application/json", "x-auth-token": "t" },
      body: JSON.stringify(VALID),
    }).finally(() => mock.stop());

    expect(await again.json()).toEqual(fromCli);
    expect(fromCli).not.toEqual(SUCCESS);
    expect(validate?.(fromCli), JSON.stringify(validate?.errors)).toBe(true);
  });
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

describe("the mock's log line of an exchange", () => {
  test("shows the terminal controls a request sent escaped: no title set, no line forged", () => {
    const key = "\u001b]0;pwned\u0007\n\rGET /v1/admin -> 200";
    const line = exchangeLine({
      method: "PUT",
      url: PATH,
      status: 400,
      violations: [
        { location: ["request", "body", "tags", key], severity: "Error", message: `body /tags/${key} type` },
      ],
      secrets: [],
    });
    expect(line).toBe(
      `PUT ${PATH} -> 400 (body /tags/\\u001b]0;pwned\\u0007\\u000a\\u000dGET /v1/admin -> 200 type)`,
    );
  });
});

describe("a body that never ends", () => {
  test("is answered as a body over the limit, and loses its connection past twice the limit", async () => {
    const url = new URL(`${inject("mockUrl")}${PATH}`);
    const chunk = Buffer.alloc(64 * 1024, " ");
    let sent = 0;
    const outcome = await new Promise<{ status: number | undefined; closed: boolean }>((resolve) => {
      let status: number | undefined;
      const req = request(url, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-auth-token": "any-token" },
      });
      req.on("response", (response) => {
        status = response.statusCode;
        response.resume();
      });
      req.on("error", () => undefined);
      req.on("close", () => resolve({ status, closed: true }));
      const more = (): void => {
        while (!req.destroyed && req.write(chunk)) sent += chunk.length;
      };
      req.on("drain", more);
      more();
    });
    expect(outcome).toEqual({ status: 400, closed: true });
    expect(sent).toBeLessThan(4 * DEFAULT_MAX_BODY_BYTES);
  }, 60_000);
});
