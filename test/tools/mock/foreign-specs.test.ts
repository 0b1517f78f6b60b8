// The mock of specs nobody here wrote, read from node_modules as published: a query parameter of the
// wrong type or outside its enum is answered with the operation's documented refusal, in a body that
// the spec's own error schema accepts (or none, where the refusal documents none), never a 5xx.
import { createRequire } from "node:module";
import { getResponse } from "msw";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHandlers } from "../../../src/mock/handlers.js";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { contractBreaks } from "../../../tools/contract/judge.js";
import { loadGenerated } from "../../../tools/mock/generated-modules.js";
import { type RunningMock, startMock } from "../../../tools/mock/server.js";
import { expectHonestMock } from "../../support/mock-check.js";

/** The mock of `file`, started before the suite's tests and stopped after them. */
function mockOf(file: string): () => RunningMock {
  let mock: RunningMock | undefined;
  beforeAll(async () => {
    mock = await startMock({ spec: file, port: 0 });
  });
  afterAll(() => mock?.stop());
  return () => {
    if (!mock) throw new Error(`the mock of ${file} did not start`);
    return mock;
  };
}

const specFile = (name: string) => createRequire(import.meta.url).resolve(`@readme/oas-examples/${name}`);

describe.for([
  ["3.0/json/petstore-expanded.json", "findPets", "limit=abc"],
  ["3.1/json/petstore.json", "findPetsByStatus", "status=nope"],
] as const)("the mock of %s", ([name, operationId, query]) => {
  const file = specFile(name);
  const mock = mockOf(file);

  test(`answers ${operationId}?${query} with a refusal inside the spec's contract`, async () => {
    const spec = await loadContractSpec(file);
    const op = spec.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`${name} has no ${operationId}`);
    const response = await fetch(`${mock().url}${op.path}?${query}`, {
      headers: { authorization: "Bearer x", api_key: "x" },
    });
    await expectHonestMock(response);
    const text = await response.text();

    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(contractBreaks(op, response.status, response.headers.get("content-type"), text)).toEqual([]);
    expect(JSON.parse(response.headers.get("sl-violations") ?? "[]")).toHaveLength(1);
  });
});

describe("the mock of an OpenAPI 3.1 spec whose operations document no response", () => {
  const file = specFile("3.1/json/parameters-style.json");
  const mock = mockOf(file);

  test("answers a valid request with a success without a body, as the MSW handlers do", async () => {
    const spec = await loadContractSpec(file);
    const op = spec.operations.find((o) => Object.keys(o.responses).length === 0 && o.method === "get");
    if (!op) throw new Error("parameters-style documents a response on every GET");
    const handlers = createHandlers(await loadGenerated(file), { baseUrl: "https://msw.example" });

    const node = await fetch(`${mock().url}${op.path}`);
    const msw = await getResponse(handlers, new Request(`https://msw.example${op.path}`));

    await expectHonestMock(node);
    expect([node.status, await node.text()]).toEqual([200, ""]);
    expect([msw?.status, await msw?.text()]).toEqual([200, ""]);
  });
});

describe("the mock of a spec whose request body is a form", () => {
  const file = specFile("3.0/json/form-data.json");
  const mock = mockOf(file);

  /** The operation's path and form fields, each as its schema's example or a value the test picks. */
  async function formOperation() {
    const spec = await loadContractSpec(file);
    const op = spec.operations.find((o) => o.requestMedia?.type === "application/x-www-form-urlencoded");
    if (!op) throw new Error("form-data.json has no form body");
    const handlers = createHandlers(await loadGenerated(file), { baseUrl: "https://msw.example" });
    const send = (base: string, fields: Record<string, string>) =>
      new Request(`${base}${op.path}`, {
        method: op.method.toUpperCase(),
        body: new URLSearchParams(fields),
      });
    return { op, handlers, send };
  }

  test.for([
    ["accepts a form whose text fields read as the schema's types", { scope: "5" }, 200],
    ["refuses a form field that reads as none of its schema's types", { scope: "five" }, "refused"],
    ["refuses a form that lacks a required field", { client_secret: undefined }, "refused"],
  ] as const)("%s, as the MSW handlers do", async ([, change, expected]) => {
    const { op, handlers, send } = await formOperation();
    // A refusal is the operation's documented answer to a bad request (fallback.ts).
    const status = expected === "refused" ? op.fallback.status : expected;
    const fields = Object.fromEntries(
      Object.entries({ client_id: "id", client_secret: "secret", ...change }).filter(
        ([, v]) => v !== undefined,
      ),
    ) as Record<string, string>;

    const node = await fetch(send(mock().url, fields));
    const msw = await getResponse(handlers, send("https://msw.example", fields));

    await expectHonestMock(node);
    expect(node.status).toBe(status);
    expect(msw?.status).toBe(status);
    expect(contractBreaks(op, node.status, node.headers.get("content-type"), await node.text())).toEqual([]);
  });
});
