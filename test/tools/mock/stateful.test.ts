// `npm run mock -- --stateful` as a user runs it, through the built client: the image-library flow
// with every answer accepted by the client's response validation, the same transcript as the MSW
// handlers in stateful mode give, projects kept apart, and the reset.
import type { ChildProcess } from "node:child_process";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { state } from "../../../generated/image-search.examples.js";
import { createImageSearchClient, isImageSearchError } from "../../../src/client/index.js";
import { createImageSearchHandlers } from "../../../src/mock/msw.js";
import { libraryFlow } from "../../support/library-flow.js";
import { type Served, servedMock, stop } from "../../support/mock-process.js";
import { TEST_TOKEN } from "../../support/secrets.js";
import { tryItCalls } from "../../support/try-it.js";

const MSW_ENDPOINT = "https://imagesearch.ap-southeast-1.myhuaweicloud.com";
const instanceName = "library";
const photo = "https://bucketName.obs.myhuaweicloud.com/image/cat.jpg";

const running: ChildProcess[] = [];
const msw = setupServer(...createImageSearchHandlers({ baseUrl: MSW_ENDPOINT, stateful: true }));
let served: Served;
beforeAll(async () => {
  // Requests to the mock process are not MSW's: they go out as they are.
  msw.listen({ onUnhandledRequest: "bypass" });
  served = await servedMock(running, ["--stateful"]);
}, 120_000);
afterAll(async () => {
  msw.close();
  await Promise.all(running.map(stop));
});

const clientOf = (endpoint: string, projectId: string) =>
  createImageSearchClient({ endpoint, projectId, token: TEST_TOKEN, retry: false });
const codeOf = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: unknown) => (isImageSearchError(error) ? error.code : error),
  );
const reset = (query = "") => fetch(`${served.url}/__mock/reset${query}`, { method: "POST" });

describe("npm run mock -- --stateful", () => {
  test("lists per operation what it remembers, and how to reset it", () => {
    const output = served.output();

    for (const [operationId, op] of Object.entries(state.operations)) {
      expect(output).toMatch(
        new RegExp(`^ +${operationId} +${op.role} ${op.resource}\\b.*\\(${op.origin}\\)$`, "m"),
      );
    }
    expect(output).toMatch(/POST '.*\/__mock\/reset' forgets everything \(\?project_id=… for one scope\)/);
  });

  test("its Try it lines are a flow that works in order, the read after the delete refused as documented", async () => {
    const calls = tryItCalls(served.output());
    const statuses: number[] = [];
    for (const call of calls) statuses.push((await fetch(call.url, call.init)).status);

    // The flow, from the plan: it creates first, calls every operation the state remembers, and ends
    // by deleting what it created and reading it back.
    const roles = calls.map((c) => state.operations[c.operationId as keyof typeof state.operations]?.role);
    expect(new Set(calls.map((c) => c.operationId))).toEqual(new Set(Object.keys(state.operations)));
    expect([roles[0], roles.at(-2), roles.at(-1)]).toEqual(["create", "delete", "read"]);
    expect(calls.at(-1)?.operationId).toBe(calls[1]?.operationId);
    expect(statuses).toEqual([...calls.slice(0, -1).map(() => 200), 400]);
  });

  test("runs the library flow to its end, every answer valid, as the MSW handlers do", async () => {
    const node = await libraryFlow(clientOf(served.url, "flow"), instanceName, photo);
    const handlers = await libraryFlow(clientOf(MSW_ENDPOINT, "flow"), instanceName, photo);

    expect(node).toEqual(handlers);
    const answers = Object.fromEntries(node.map((step, i) => [`${i} ${step.call}`, step.answer]));
    expect(answers["2 checkImage"]).toEqual({ exist: "true" });
    expect(answers["3 searchImages cat"]).toMatchObject({ count: 1, result: [{ path: photo }] });
    expect(answers["5 searchImages cat"]).toEqual({ count: 0, result: [] });
    expect(answers["6 searchImages lion"]).toMatchObject({ count: 1 });
    expect(answers["8 checkImage"]).toEqual({ exist: "false" });
    expect(answers["10 getInstance"]).toEqual({ code: "IS.0007" });
  });

  test("keeps two projects apart, and POST /__mock/reset empties them", async () => {
    const [a, b] = [clientOf(served.url, "project-a"), clientOf(served.url, "project-b")];
    await a.createInstance({ name: instanceName, model: "common-search" });
    await a.addImage({ instanceName, path: photo });

    expect(await codeOf(b.checkImage({ instanceName, path: photo }))).toBe("IS.0007");
    expect(await a.checkImage({ instanceName, path: photo })).toEqual({ exist: "true" });
    expect((await reset()).status).toBe(204);
    expect(await codeOf(a.getInstance({ instanceName }))).toBe("IS.0007");
  });

  test("still answers a bad request with its documented code, and Prefer with the named example", async () => {
    const client = clientOf(served.url, "prefer");
    const response = await fetch(`${served.url}/v1/prefer/${instanceName}/image/check`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ path: photo }),
    });

    expect(await response.json()).toMatchObject({ error_code: "IS.0005" });
    expect(
      await client.checkImage(
        { instanceName, path: photo },
        { headers: { Prefer: "code=200, example=exists" } },
      ),
    ).toEqual({ exist: "true" });
  });

  test("answers a body on an operation that documents none as the stateless mock does, MSW alike", async () => {
    const client = clientOf(served.url, "bodies");
    await client.createInstance({ name: instanceName, model: "common-search" });
    const sent = (endpoint: string) =>
      fetch(`${endpoint}/v1/bodies/service/${instanceName}`, {
        method: "DELETE",
        headers: { "content-type": "application/json", "x-auth-token": TEST_TOKEN },
        body: "{}",
      });
    const [mock, handlers] = await Promise.all([sent(served.url), sent(MSW_ENDPOINT)]);
    const answers = await Promise.all(
      [mock, handlers].map(async (r) => ({
        status: r.status,
        violations: r.headers.get("sl-violations"),
        body: await r.text(),
      })),
    );
    expect(answers[0]?.status).toBeGreaterThanOrEqual(400);
    expect(answers[0]?.status).toBeLessThan(500);
    expect(answers[0]?.violations).toContain('"body invalid"');
    expect(answers[1]).toEqual(answers[0]);
    // Refused, so nothing was deleted.
    expect(await codeOf(client.getInstance({ instanceName }))).toBe("resolved");
  });
});
