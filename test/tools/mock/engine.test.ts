// Prism's engine in the mock's process: an answer that depends on nothing but the operation and what
// was asked of it is kept; one that generates data or runs callbacks is made for each request.
import { once } from "node:events";
import { createServer } from "node:http";
import { createRequire } from "node:module";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { IHttpRequest } from "@stoplight/prism-http";
import type { IHttpOperation } from "@stoplight/types";
import { describe, expect, test } from "vitest";
import { createEngine, type Engine } from "../../../tools/mock/engine.js";
import { DEFAULT_SPEC } from "../../../tools/shared/specs.js";

const FRAGMENT_PATHS = fileURLToPath(new URL("../../fixtures/fragment-paths.openapi.yaml", import.meta.url));
const specFile = (name: string) => createRequire(import.meta.url).resolve(`@readme/oas-examples/${name}`);

function requestFor(operation: IHttpOperation, query: Record<string, string> = {}): IHttpRequest {
  return {
    method: operation.method as IHttpRequest["method"],
    url: { path: operation.path.replace(/\{[^}]+\}/g, "1"), query },
    headers: { accept: "application/json" },
  };
}

function idOf(engine: Engine, operation: IHttpOperation): string {
  const found = [...engine.operations].find(([, op]) => op === operation);
  if (!found) throw new Error(`no id for ${operation.method} ${operation.path}`);
  return found[0];
}

/** An operation of the spec with one response that names two examples, and those examples. */
function twoExamples(engine: Engine) {
  for (const operation of engine.operations.values()) {
    for (const response of operation.responses) {
      const examples = response.contents?.find((c) => /json/.test(c.mediaType))?.examples ?? [];
      const [first, second] = examples.filter((e) => "value" in e);
      if (first && second) return { operation, code: Number(response.code), first, second };
    }
  }
  throw new Error("the spec names no two examples of one response");
}

describe("the engine", () => {
  test("answers each status and example asked for with its own, however often asked", async () => {
    const engine = await createEngine(DEFAULT_SPEC);
    const { operation, code, first, second } = twoExamples(engine);
    const ask = (exampleKey: string) =>
      engine.answer(requestFor(operation), idOf(engine, operation), { code, exampleKey });

    const bodies = [];
    for (const key of [first.key, second.key, first.key, second.key]) bodies.push((await ask(key)).body);

    expect(bodies.map((body) => JSON.parse(body))).toEqual([
      first.value,
      second.value,
      first.value,
      second.value,
    ]);
  });

  test("generates data afresh for each request that asks for it", async () => {
    const engine = await createEngine(specFile("3.0/json/petstore-expanded.json"));
    const operation = [...engine.operations.values()].find((op) => op.path === "/pets/{id}");
    if (!operation) throw new Error("petstore-expanded has no GET /pets/{id}");
    const ask = () =>
      engine.answer(requestFor(operation), idOf(engine, operation), { code: 200, dynamic: true });

    const [one, two] = [await ask(), await ask()];

    expect(one.status).toBe(200);
    // A pet's int64 id, generated twice: the same twice would mean the first answer was kept.
    expect(JSON.parse(one.body).id).not.toEqual(JSON.parse(two.body).id);
  });

  test("runs an operation's callbacks on every request", async () => {
    const engine = await createEngine(specFile("3.0/json/callbacks.json"));
    const operation = [...engine.operations.values()].find((op) => (op.callbacks?.length ?? 0) > 0);
    if (!operation) throw new Error("callbacks.json has no operation with callbacks");
    let received = 0;
    const receiver = createServer((req, res) => {
      received++;
      req.resume();
      res.writeHead(204).end();
    }).listen(0, "127.0.0.1");
    await once(receiver, "listening");
    const callbackUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
    try {
      for (let i = 0; i < 2; i++) {
        await engine.answer(requestFor(operation, { callbackUrl }), idOf(engine, operation), { code: 201 });
      }
      await expect.poll(() => received, { timeout: 5_000 }).toBe(2);
    } finally {
      receiver.close();
    }
  });

  test("answers an operation whose path goes on after a #, sent without it as URLs are", async () => {
    const engine = await createEngine(FRAGMENT_PATHS);
    const stop = [...engine.operations.values()].find((op) => op.path.endsWith("=Stop"));
    if (!stop) throw new Error("the fixture has no Stop operation");
    const request: IHttpRequest = {
      method: "post",
      url: { path: "/", query: {} },
      headers: { accept: "application/json", "x-action": "Stop" },
    };

    const answer = await engine.answer(request, idOf(engine, stop), { code: 200 });

    expect(answer.status).toBe(200);
    expect(JSON.parse(answer.body)).toEqual({ did: "Stop" });
  });
});
