// The Node mock's reset refuses what a page elsewhere could send it: a simple request from another
// origin, and a request under a Host that is not the mock's (DNS rebinding); curl still resets.
import { type IncomingMessage, request } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createImageSearchClient, isImageSearchError } from "../../../src/client/index.js";
import { RESET_PATH } from "../../../src/mock/stateful.js";
import { resetRefusal } from "../../../tools/mock/reset-guard.js";
import { type RunningMock, startMock } from "../../../tools/mock/server.js";
import { TEST_TOKEN } from "../../support/secrets.js";

const instanceName = "kept";
let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ port: 0, stateful: true });
}, 120_000);
afterAll(() => mock?.stop());

/** A reset sent with exactly these headers (Node's fetch will not send a Host of the caller's). */
function reset(headers: Record<string, string>): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(mock.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path: RESET_PATH, method: "POST", headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => {
        body += chunk;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

const client = () =>
  createImageSearchClient({ endpoint: mock.url, projectId: "guarded", token: TEST_TOKEN, retry: false });
const stored = () =>
  client()
    .getInstance({ instanceName })
    .then(
      () => true,
      (error: unknown) =>
        isImageSearchError(error) && error.code === "IS.0007" ? false : Promise.reject(error),
    );

describe("POST /__mock/reset on the Node mock", () => {
  test("refuses a page on another origin with 403 and why, and keeps the state", async () => {
    await client().createInstance({ name: instanceName, model: "common-search" });
    const answer = await reset({ host: new URL(mock.url).host, origin: "https://evil.example" });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error_msg: expect.stringMatching(/another origin/) });
    expect(await stored()).toBe(true);
  });

  test("refuses a Host that is not the mock's own name with 403, and keeps the state", async () => {
    const answer = await reset({ host: "evil.example" });
    expect(answer.status).toBe(403);
    expect(JSON.parse(answer.body)).toMatchObject({ error_msg: expect.stringMatching(/Host/) });
    expect(await stored()).toBe(true);
  });

  test("resets for curl (no Origin), under its own address or a loopback name", async () => {
    expect((await reset({ host: `localhost:${new URL(mock.url).port}` })).status).toBe(204);
    await client().createInstance({ name: instanceName, model: "common-search" });
    expect((await reset({ host: new URL(mock.url).host })).status).toBe(204);
    expect(await stored()).toBe(false);
  });

  test("resets for a page on the mock's own origin", async () => {
    const { host } = new URL(mock.url);
    expect((await reset({ host, origin: `http://${host}` })).status).toBe(204);
  });
});

describe("the mock's own address, served beyond loopback", () => {
  /** A request as Node hands it, reduced to what the guard reads. */
  const arriving = (host: string, localAddress: string) =>
    ({ headers: { host }, socket: { localAddress, localPort: 4010 } }) as unknown as IncomingMessage;

  test("is its own name under its IPv4 address, also on a dual-stack socket", () => {
    expect(resetRefusal(arriving("192.168.1.5:4010", "192.168.1.5"))).toBeUndefined();
    expect(resetRefusal(arriving("192.168.1.5:4010", "::ffff:192.168.1.5"))).toBeUndefined();
    expect(resetRefusal(arriving("[fe80::1]:4010", "fe80::1"))).toBeUndefined();
  });

  test("is not its own name on another port or under another address", () => {
    expect(resetRefusal(arriving("192.168.1.5:4011", "192.168.1.5"))).toMatch(/Host/);
    expect(resetRefusal(arriving("192.168.1.6:4010", "::ffff:192.168.1.5"))).toMatch(/Host/);
  });
});
