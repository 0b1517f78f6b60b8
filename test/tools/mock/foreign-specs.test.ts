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

const specFile = (name: string) => createRequire(import.meta.url).resolve(`@readme/oas-examples/${name}`);

describe.for([
  ["3.0/json/petstore-expanded.json", "findPets", "limit=abc"],
  ["3.1/json/petstore.json", "findPetsByStatus", "status=nope"],
] as const)("the mock of %s", ([name, operationId, query]) => {
  const file = specFile(name);
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ spec: file, port: 0 });
  });
  afterAll(() => mock?.stop());

  test(`answers ${operationId}?${query} with a refusal inside the spec's contract`, async () => {
    const spec = await loadContractSpec(file);
    const op = spec.operations.find((o) => o.operationId === operationId);
    if (!op) throw new Error(`${name} has no ${operationId}`);
    const response = await fetch(`${mock.url}${op.path}?${query}`, {
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
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ spec: file, port: 0 });
  });
  afterAll(() => mock?.stop());

  test("answers a valid request with a success without a body, as the MSW handlers do", async () => {
    const spec = await loadContractSpec(file);
    const op = spec.operations.find((o) => Object.keys(o.responses).length === 0 && o.method === "get");
    if (!op) throw new Error("parameters-style documents a response on every GET");
    const handlers = createHandlers(await loadGenerated(file), { baseUrl: "https://msw.example" });

    const node = await fetch(`${mock.url}${op.path}`);
    const msw = await getResponse(handlers, new Request(`https://msw.example${op.path}`));

    await expectHonestMock(node);
    expect([node.status, await node.text()]).toEqual([200, ""]);
    expect([msw?.status, await msw?.text()]).toEqual([200, ""]);
  });
});
