// Fault injection: the client against a local server that misbehaves on request. For each fault,
// the documented outcome, the number of attempts the server saw, and that the token leaked nowhere.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  createImageSearchClient,
  type ImageSearchClient,
  type RetryEvent,
  type TokenClientOptions,
  type UnexpectedResponseError,
} from "../src/index.js";
import { type FaultServer, startFaultServer } from "./support/fault-server.js";
import { recordedOutput } from "./support/no-token-in-output.js";
import { expectNoSecret, TEST_TOKEN } from "./support/secrets.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

const body = { path: "https://b.obs/x.jpg", tags: { color: "red" } };

function client(options: Partial<TokenClientOptions> = {}, retries: RetryEvent[] = []) {
  return createImageSearchClient({
    endpoint: server.url,
    projectId: "p1",
    token: TEST_TOKEN,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 5, onRetry: (event) => retries.push(event) },
    ...options,
  });
}

async function settle(promise: Promise<unknown>): Promise<{ value?: unknown; error?: Error }> {
  return promise.then(
    (value) => ({ value }),
    (error: Error) => ({ error }),
  );
}

interface FaultCase {
  fault: string;
  outcome: string;
  attempts: number;
  options?: Partial<TokenClientOptions>;
  check: (result: { value?: unknown; error?: Error }) => void;
}

const cases: FaultCase[] = [
  {
    fault: "reset",
    outcome: "NetworkError after 3 attempts",
    attempts: 3,
    check: ({ error }) => expect(error).toMatchObject({ name: "NetworkError", operation: "modifyImage" }),
  },
  {
    fault: "hang",
    outcome: "TimeoutError after 3 attempts",
    attempts: 3,
    options: { timeoutMs: 100 },
    check: ({ error }) => expect(error).toMatchObject({ name: "TimeoutError", timeoutMs: 100 }),
  },
  {
    fault: "slow",
    outcome: "success within the time limit",
    attempts: 1,
    check: ({ value }) => expect(value).toEqual({ result: "Success" }),
  },
  {
    fault: "500-then-200",
    outcome: "UnexpectedResponseError 500, not retried (500 is not in the retried statuses)",
    attempts: 1,
    check: ({ error }) => expect(error).toMatchObject({ name: "UnexpectedResponseError", status: 500 }),
  },
  {
    fault: "503-retry-after",
    outcome: "success after waiting the Retry-After of 1 s",
    attempts: 2,
    check: ({ value }) => expect(value).toEqual({ result: "Success" }),
  },
  {
    fault: "503-retry-after-too-long",
    outcome: "UnexpectedResponseError 503 at once (Retry-After beyond maxDelayMs)",
    attempts: 1,
    check: ({ error }) => expect(error).toMatchObject({ name: "UnexpectedResponseError", status: 503 }),
  },
  {
    fault: "429-then-200",
    outcome: "success after one retry",
    attempts: 2,
    check: ({ value }) => expect(value).toEqual({ result: "Success" }),
  },
  {
    fault: "html-502",
    outcome: "UnexpectedResponseError 502 with a bounded excerpt, after 3 attempts",
    attempts: 3,
    check: ({ error }) => {
      expect(error).toMatchObject({ name: "UnexpectedResponseError", status: 502 });
      const excerpt = (error as UnexpectedResponseError).bodyExcerpt;
      expect(excerpt.startsWith("<html><body><h1>502 Bad Gateway</h1>")).toBe(true);
      expect(excerpt.length).toBeLessThanOrEqual(513);
    },
  },
  {
    fault: "invalid-json",
    outcome: "UnexpectedResponseError 200, body not JSON",
    attempts: 1,
    check: ({ error }) =>
      expect(error).toMatchObject({
        name: "UnexpectedResponseError",
        status: 200,
        bodyExcerpt: '{"result": "Success"',
      }),
  },
  {
    fault: "schema-break",
    outcome: "UnexpectedResponseError with the pointer /result",
    attempts: 1,
    check: ({ error }) =>
      expect(error).toMatchObject({ name: "UnexpectedResponseError", violations: [{ pointer: "/result" }] }),
  },
  {
    fault: "unknown-code",
    outcome: "ImageSearchError IS.9999 with the request id",
    attempts: 1,
    check: ({ error }) =>
      expect(error).toMatchObject({
        name: "ImageSearchError",
        status: 400,
        code: "IS.9999",
        requestId: "rid-9",
      }),
  },
  {
    fault: "empty-body",
    outcome: "UnexpectedResponseError 200, empty body",
    attempts: 1,
    check: ({ error }) => {
      expect(error).toMatchObject({ name: "UnexpectedResponseError", status: 200, bodyExcerpt: "" });
      expect(error?.message).toContain("empty body");
    },
  },
  {
    fault: "large-body",
    outcome: "success with an 8 MiB body",
    attempts: 1,
    check: ({ value }) => expect(value).toMatchObject({ result: "Success" }),
  },
];

describe("modifyImage against a misbehaving server", () => {
  test.each(cases)("$fault: $outcome", async ({ fault, attempts, options, check }) => {
    const retries: RetryEvent[] = [];

    const result = await settle(client(options, retries).modifyImage({ instanceName: fault, ...body }));

    check(result);
    expect(server.attempts(fault)).toBe(attempts);
    expect(retries.map((r) => r.attempt)).toEqual(Array.from({ length: attempts - 1 }, (_, i) => i + 1));
    expectNoSecret([result.error, result.value, retries]);
  });

  test("honours Retry-After: the retry waits the server's delay", async () => {
    const retries: RetryEvent[] = [];
    const started = performance.now();

    await client({}, retries).modifyImage({ instanceName: "503-retry-after~timed", ...body });

    expect(retries[0]?.delayMs).toBe(1_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  test("retries 500 too when the caller lists it", async () => {
    const retries: RetryEvent[] = [];
    const c = client({ retry: { baseDelayMs: 5, statuses: [500], onRetry: (e) => retries.push(e) } });

    await expect(c.modifyImage({ instanceName: "500-then-200~listed", ...body })).resolves.toEqual({
      result: "Success",
    });
    expect(retries).toHaveLength(1);
    expect(server.attempts("500-then-200~listed")).toBe(2);
  });

  test("sends one attempt only with retry: false", async () => {
    const { error } = await settle(
      client({ retry: false }).modifyImage({ instanceName: "reset~once", ...body }),
    );

    expect(error?.name).toBe("NetworkError");
    expect(server.attempts("reset~once")).toBe(1);
  });

  test("a per-call timeout overrides the client's", async () => {
    const { error } = await settle(
      client({ timeoutMs: 5_000, retry: false }).modifyImage(
        { instanceName: "slow", ...body },
        { timeoutMs: 50 },
      ),
    );

    expect(error).toMatchObject({ name: "TimeoutError", timeoutMs: 50 });
  });

  test("a cancelled call rejects at once with the signal's reason and sends no retry", async () => {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 50);

    const { error } = await settle(
      client({ timeoutMs: 10_000 }).modifyImage(
        { instanceName: "hang~cancel", ...body },
        { signal: controller.signal },
      ),
    );

    expect(error?.name).toBe("AbortError");
    expect(performance.now() - started).toBeLessThan(1_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.attempts("hang~cancel")).toBe(1);
  });

  test("a cancel during the backoff stops the retries", async () => {
    const controller = new AbortController();
    const c = client({
      retry: { baseDelayMs: 10_000, onRetry: () => setTimeout(() => controller.abort(), 20) },
    });
    const { error } = await settle(
      c.modifyImage({ instanceName: "html-502~cancel", ...body }, { signal: controller.signal }),
    );

    expect(error?.name).toBe("AbortError");
    expect(server.attempts("html-502~cancel")).toBe(1);
  });
});

describe("retries by the operation's method", () => {
  // A 503 is retried only where sending the request twice does no harm: GET, PUT and DELETE.
  const calls: {
    method: string;
    name: string;
    attempts: number;
    call: (c: ImageSearchClient, fault: string) => Promise<unknown>;
  }[] = [
    {
      method: "POST",
      name: "createInstance",
      attempts: 1,
      call: (c, fault) =>
        c.createInstance(
          { name: "test_instance", model: "common-search" },
          { headers: { "X-Fault": fault } },
        ),
    },
    {
      method: "POST",
      name: "addImage",
      attempts: 1,
      call: (c, fault) => c.addImage({ instanceName: fault, ...body }),
    },
    {
      method: "POST",
      name: "searchImages",
      attempts: 1,
      call: (c, fault) => c.searchImages({ instanceName: fault, path: body.path }),
    },
    {
      method: "POST",
      name: "checkImage",
      attempts: 1,
      call: (c, fault) => c.checkImage({ instanceName: fault, path: body.path }),
    },
    {
      method: "GET",
      name: "getInstance",
      attempts: 3,
      call: (c, fault) => c.getInstance({ instanceName: fault }),
    },
    {
      method: "DELETE",
      name: "deleteInstance",
      attempts: 3,
      call: (c, fault) => c.deleteInstance({ instanceName: fault }),
    },
    {
      method: "PUT",
      name: "modifyImage",
      attempts: 3,
      call: (c, fault) => c.modifyImage({ instanceName: fault, ...body }),
    },
    {
      method: "DELETE",
      name: "deleteImage",
      attempts: 3,
      call: (c, fault) => c.deleteImage({ instanceName: fault, path: body.path }),
    },
  ];

  test.each(calls)("a 503 on $name ($method) is sent $attempts time(s)", async ({ name, attempts, call }) => {
    const fault = `503-always~${name}`;
    const retries: RetryEvent[] = [];

    const { error } = await settle(call(client({}, retries), fault));

    expect(error).toMatchObject({ name: "UnexpectedResponseError", status: 503, operation: name });
    expect(server.attempts(fault)).toBe(attempts);
    expect(retries).toHaveLength(attempts - 1);
  });
});

describe("credentials", () => {
  test.each([
    ["an IS.0004 error", "token-expired"],
    ["a gateway 401", "gateway-401"],
  ])("on %s the client asks the token function for a fresh token and retries once", async (_, fault) => {
    const requests: boolean[] = [];
    const c = client({
      token: ({ refresh }) => {
        requests.push(refresh);
        return refresh ? "fresh-token" : TEST_TOKEN;
      },
    });

    await expect(c.modifyImage({ instanceName: fault, ...body })).resolves.toEqual({ result: "Success" });
    expect(requests).toEqual([false, true]);
    expect(server.attempts(fault)).toBe(2);
  });

  test("a token that stays refused is reported after a single refresh", async () => {
    const c = client({ token: () => TEST_TOKEN });

    const { error } = await settle(c.modifyImage({ instanceName: "token-expired~stays", ...body }));

    expect(error).toMatchObject({ name: "ImageSearchError", code: "IS.0004" });
    expect(server.attempts("token-expired~stays")).toBe(2);
    expectNoSecret([error]);
  });

  test("the output recorder sees what a test writes, so the no-token check can fail", () => {
    console.info("recorder-probe");
    expect(recordedOutput().some((text) => text.includes("recorder-probe"))).toBe(true);
  });

  test("requests carry a User-Agent naming the client and its version", async () => {
    await client().modifyImage({ instanceName: "ok", ...body });

    expect(server.headersSeen.at(-1)?.["user-agent"]).toMatch(
      /^huaweicloud-image-search\/\d+\.\d+\.\d+ node\//,
    );
  });

  test("an http: endpoint is refused unless it is a loopback address", () => {
    const make = (endpoint: string) => () =>
      createImageSearchClient({ endpoint, projectId: "p", token: "t" });

    expect(make("http://imagesearch.ap-southeast-1.myhuaweicloud.com")).toThrow(/endpoint must be https:/);
    expect(make("http://127.0.0.1:4010")).not.toThrow();
    expect(make("http://localhost:4010")).not.toThrow();
    expect(make("http://[::1]:4010")).not.toThrow();
  });
});
