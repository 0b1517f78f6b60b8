// The stateful mock on specs nobody here wrote, read from node_modules with no extension added: the
// CRUD flow through the generic client against the mock server and the MSW handlers, every answer
// accepted by the client's validation, the same transcript from both. A spec gains an operation by
// parsing it and adding one, written to a temporary folder.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createHandlers } from "../../../src/mock/msw.js";
import type { Generated } from "../../../src/mock/types.js";
import { loadGenerated } from "../../../tools/mock/generated-modules.js";
import { type RunningMock, startMock } from "../../../tools/mock/server.js";
import { crudFlow } from "../../support/crud-flow.js";

const EXAMPLES = "node_modules/@readme/oas-examples/3.0/json";
const MSW_ROOT = "https://stateful.mock.test";
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "stateful-foreign-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** petstore-expanded with `PATCH /pets/{id}` (a NewPet body, a Pet answer), as a spec would add it. */
async function withPatch(): Promise<string> {
  const spec = JSON.parse(await readFile(`${EXAMPLES}/petstore-expanded.json`, "utf8"));
  const read = spec.paths["/pets/{id}"].get;
  spec.paths["/pets/{id}"].patch = {
    operationId: "updatePet",
    parameters: read.parameters,
    requestBody: spec.paths["/pets"].post.requestBody,
    responses: read.responses,
  };
  const file = join(folder, "petstore-patched.json");
  await writeFile(file, JSON.stringify(spec));
  return file;
}

interface Served {
  generated: Generated;
  mock: RunningMock;
}

async function served(spec: string): Promise<Served> {
  const [generated, mock] = await Promise.all([
    loadGenerated(spec),
    startMock({ spec, port: 0, stateful: true }),
  ]);
  return { generated, mock };
}

/** The flow through the MSW handlers of the same generated modules. */
async function throughMsw(generated: Generated, run: (endpoint: string) => Promise<unknown>) {
  const server = setupServer(...createHandlers(generated, { baseUrl: MSW_ROOT, stateful: true }));
  server.listen({ onUnhandledRequest: "bypass" });
  try {
    return await run(MSW_ROOT);
  } finally {
    server.close();
  }
}

describe("petstore-expanded, no extension", () => {
  let s: Served;
  beforeAll(async () => {
    s = await served(`${EXAMPLES}/petstore-expanded.json`);
  }, 120_000);
  afterAll(() => s?.mock.stop());

  test("infers the pets resource: create, list, read and delete, keyed by the id the create answer documents", () => {
    const plan = s.generated.state?.operations ?? {};

    expect(Object.values(plan).map((op) => [op.role, op.resource, op.keyField])).toEqual([
      ["list", "/pets", "/id"],
      ["create", "/pets", "/id"],
      ["read", "/pets", "/id"],
      ["delete", "/pets", "/id"],
    ]);
  });

  test("create → read → list → delete → read answers from the state, the last read the documented error", async () => {
    const flow = () => crudFlow(s.generated, s.mock.url, "addPet", { name: "rex", tag: "dog" }, {});
    const node = await flow();
    const msw = await throughMsw(s.generated, (endpoint) =>
      crudFlow(s.generated, endpoint, "addPet", { name: "rex", tag: "dog" }, {}),
    );

    expect(node).toEqual([
      { operationId: "addPet", role: "create", answer: { id: 1, name: "rex", tag: "dog" } },
      { operationId: "find pet by id", role: "read", answer: { id: 1, name: "rex", tag: "dog" } },
      { operationId: "findPets", role: "list", answer: [{ id: 1, name: "rex", tag: "dog" }] },
      { operationId: "find pet by id", role: "read", answer: { id: 1, name: "rex", tag: "dog" } },
      { operationId: "deletePet", role: "delete", answer: undefined },
      { operationId: "find pet by id", role: "read", answer: { status: 404, body: expect.any(Object) } },
    ]);
    expect(msw).toEqual(node);
  });
});

describe("a REST-shaped operation added to the spec", () => {
  let s: Served;
  beforeAll(async () => {
    s = await served(await withPatch());
  }, 120_000);
  afterAll(() => s?.mock.stop());

  test("is stateful with no edit anywhere but the spec: PATCH updates what read then answers", async () => {
    const node = await crudFlow(
      s.generated,
      s.mock.url,
      "addPet",
      { name: "rex" },
      { name: "max", tag: "cat" },
    );
    const msw = await throughMsw(s.generated, (endpoint) =>
      crudFlow(s.generated, endpoint, "addPet", { name: "rex" }, { name: "max", tag: "cat" }),
    );

    expect(node.map((step) => step.role)).toEqual([
      "create",
      "read",
      "list",
      "update",
      "read",
      "delete",
      "read",
    ]);
    expect(node[3]?.answer).toEqual({ id: 1, name: "max", tag: "cat" });
    expect(node[4]?.answer).toEqual({ id: 1, name: "max", tag: "cat" });
    expect(node[6]?.answer).toMatchObject({ status: 404 });
    expect(msw).toEqual(node);
  });
});

describe("petstore (Swagger's), no extension", () => {
  let s: Served;
  beforeAll(async () => {
    s = await served(`${EXAMPLES}/petstore.json`);
  }, 120_000);
  afterAll(() => s?.mock.stop());

  test("keeps orders by the id the create answer documents, and says why pets answer from the examples", () => {
    const plan = s.generated.state;

    expect(plan?.operations.placeOrder).toMatchObject({
      role: "create",
      keyField: "/id",
      generate: "integer",
    });
    expect(plan?.operations.getOrderById).toMatchObject({
      role: "read",
      key: { in: "path", name: "orderId" },
    });
    expect(plan?.stateless.getPetById).toMatch(
      /addPet, which creates its items, documents no success response/,
    );
    expect(plan?.stateless.deleteOrder).toBe("it documents no success response");
  });

  test("an order placed is read back, the same through both mocks, and an unknown one gets the documented 404", async () => {
    const order = { petId: 7, quantity: 2, status: "placed" };
    const node = await crudFlow(s.generated, s.mock.url, "placeOrder", order, {});
    const msw = await throughMsw(s.generated, (endpoint) =>
      crudFlow(s.generated, endpoint, "placeOrder", order, {}),
    );

    expect(node[0]?.answer).toMatchObject({ ...order, id: 1 });
    expect(node[1]?.answer).toEqual(node[0]?.answer);
    expect(msw).toEqual(node);
  });
});
