// Load: 1,000 concurrent calls through the client against the mock all succeed, and the client
// leaves nothing behind: no timer, and no socket once the connection pool has gone idle.
import { describe, expect, inject, test } from "vitest";
import { createImageSearchClient } from "../../src/client/index.js";
import { TEST_TOKEN } from "../support/secrets.js";

const CALLS = 1_000;

function resourceCount(type: string): number {
  return process.getActiveResourcesInfo().filter((r) => r === type).length;
}

async function eventually(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return check();
}

describe("the client under load", () => {
  test(`${CALLS} concurrent calls against the mock all succeed and leave no handle open`, async () => {
    const timersBefore = resourceCount("Timeout");
    const socketsBefore = resourceCount("TCPSocketWrap");
    const client = createImageSearchClient({
      endpoint: inject("mockUrl"),
      projectId: "p1",
      token: TEST_TOKEN,
    });

    const results = await Promise.allSettled(
      Array.from({ length: CALLS }, (_, i) =>
        client.modifyImage({ instanceName: "load", path: `https://b.obs/${i}.jpg`, tags: { n: String(i) } }),
      ),
    );

    const failures = results.filter((r) => r.status === "rejected");
    expect(failures.map((f) => String((f as PromiseRejectedResult).reason)).slice(0, 3)).toEqual([]);
    expect(results.every((r) => r.status === "fulfilled" && r.value.result === "Success")).toBe(true);
    // How long they take is the bench's to measure (npm run bench), not a line in npm test's report.

    // Every per-attempt timer is cleared as its attempt ends.
    expect(resourceCount("Timeout")).toBeLessThanOrEqual(timersBefore);
    // Keep-alive sockets belong to fetch's pool and close once idle (4 s by default).
    expect(await eventually(() => resourceCount("TCPSocketWrap") <= socketsBefore, 10_000)).toBe(true);
  });
});
