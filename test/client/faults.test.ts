// Fault injection: the client against a local server that misbehaves on request. For each fault,
// the documented outcome, the number of attempts the server saw, and that the token leaked nowhere.
import { inspect } from "node:util";
import { createContext, runInContext } from "node:vm";
import { buildSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  ClientError,
  createImageSearchClient,
  DEFAULT_MAX_RESPONSE_BYTES,
  type ImageSearchClient,
  type ImageSearchError,
  iamTokenProvider,
  isClientError,
  isInvalidInputError,
  isNetworkError,
  isRedirectError,
  isResponseTooLargeError,
  isTimeoutError,
  isTokenProviderError,
  type LogFields,
  type Logger,
  MESSAGE_TEXT_LIMIT,
  type OperationId,
  type OperationInput,
  type ResponseInfo,
  type RetryEvent,
  TimeoutError,
  type TokenClientOptions,
  type UnexpectedResponseError,
} from "../../src/client/index.js";
import { type FaultServer, redirect, startFaultServer, written } from "../support/fault-server.js";
import { recordedOutput } from "../support/no-token-in-output.js";
import { expectNoSecret, TEST_TOKEN } from "../support/secrets.js";
import { loadSpec, operationById, parameterExample, requestExample } from "../support/spec.js";

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(() => server.close());

// The values no test here is about come from the spec's examples.
const api = await loadSpec();
const modifyImage = operationById(api, "modifyImage");
const instanceName = String(parameterExample(modifyImage, "instance_name"));
const body = requestExample(modifyImage) as { path: string; tags: Record<string, string> };
const SECRET_KEY = "sk-CANARY-81d2e";
const SECURITY_TOKEN = "st-CANARY-5c0aa";
const IAM_PASSWORD = "pw-CANARY-77b3f";

/** A client whose endpoint's route names the server's fault: `{url}/{fault}`. */
function client(fault: string, options: Partial<TokenClientOptions> = {}, retries: RetryEvent[] = []) {
  return createImageSearchClient({
    endpoint: `${server.url}/${fault}`,
    projectId: "p1",
    token: TEST_TOKEN,
    timeoutMs: 2_000,
    retry: { baseDelayMs: 5, onRetry: (event) => retries.push(event) },
    ...options,
  });
}

/** An IAM token provider whose endpoint picks a fault of the server: `{url}/{fault}/v3/auth/tokens`. */
function iamAt(fault: string) {
  return iamTokenProvider({
    iamEndpoint: `${server.url}/${fault}`,
    user: "u",
    password: IAM_PASSWORD,
    domain: "d",
    project: "ap-southeast-1",
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
    // Long enough for each attempt to reach the server on a loaded machine.
    options: { timeoutMs: 500 },
    check: ({ error }) => expect(error).toMatchObject({ name: "TimeoutError", timeoutMs: 500 }),
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
    // About size, not time: a loaded machine takes seconds to send and parse 8 MiB.
    options: { timeoutMs: 120_000 },
    attempts: 1,
    check: ({ value }) => expect(value).toMatchObject({ result: "Success" }),
  },
];

describe("modifyImage against a misbehaving server", () => {
  test.each(cases)("$fault: $outcome", async ({ fault, attempts, options, check }) => {
    const retries: RetryEvent[] = [];

    const result = await settle(client(fault, options, retries).modifyImage({ instanceName, ...body }));

    check(result);
    expect(server.attempts(fault)).toBe(attempts);
    expect(retries.map((r) => r.attempt)).toEqual(Array.from({ length: attempts - 1 }, (_, i) => i + 1));
    expectNoSecret([result.error, result.value, retries]);
  });

  test("honours Retry-After: the retry waits the server's delay", async () => {
    const retries: RetryEvent[] = [];
    const started = performance.now();

    await client("503-retry-after~timed", {}, retries).modifyImage({ instanceName, ...body });

    expect(retries[0]?.delayMs).toBe(1_000);
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);
  });

  test("retries 500 too when the caller lists it", async () => {
    const retries: RetryEvent[] = [];
    const c = client("500-then-200~listed", {
      retry: { baseDelayMs: 5, statuses: [500], onRetry: (e) => retries.push(e) },
    });

    await expect(c.modifyImage({ instanceName, ...body })).resolves.toEqual({
      result: "Success",
    });
    expect(retries).toHaveLength(1);
    expect(server.attempts("500-then-200~listed")).toBe(2);
  });

  test("sends one attempt only with retry: false", async () => {
    const { error } = await settle(
      client("reset~once", { retry: false }).modifyImage({ instanceName, ...body }),
    );

    expect(error?.name).toBe("NetworkError");
    expect(server.attempts("reset~once")).toBe(1);
  });

  test("a per-call timeout overrides the client's", async () => {
    const { error } = await settle(
      client("slow", { timeoutMs: 5_000, retry: false }).modifyImage(
        { instanceName, ...body },
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
      client("hang~cancel", { timeoutMs: 10_000 }).modifyImage(
        { instanceName, ...body },
        { signal: controller.signal },
      ),
    );

    expect(error?.name).toBe("AbortError");
    // Well before the attempt's 10 s limit, the one other way the call could end.
    expect(performance.now() - started).toBeLessThan(5_000);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.attempts("hang~cancel")).toBe(1);
  });

  test("a cancel during the backoff stops the retries", async () => {
    const controller = new AbortController();
    const c = client("html-502~cancel", {
      retry: { baseDelayMs: 10_000, onRetry: () => setTimeout(() => controller.abort(), 20) },
    });
    const { error } = await settle(c.modifyImage({ instanceName, ...body }, { signal: controller.signal }));

    expect(error?.name).toBe("AbortError");
    expect(server.attempts("html-502~cancel")).toBe(1);
  });
});

describe("retries by the operation's method", () => {
  // A 503 is retried only where sending the request twice does no harm: GET, PUT and DELETE.
  // Each call's body is its operation's example in the spec; the fault is in the client's endpoint.
  const example = <Id extends OperationId>(id: Id) =>
    requestExample(operationById(api, id)) as unknown as OperationInput<Id>;
  const calls: {
    method: string;
    name: string;
    attempts: number;
    call: (c: ImageSearchClient) => Promise<unknown>;
  }[] = [
    {
      method: "POST",
      name: "createInstance",
      attempts: 1,
      call: (c) => c.createInstance(example("createInstance")),
    },
    {
      method: "POST",
      name: "addImage",
      attempts: 1,
      call: (c) => c.addImage({ ...example("addImage"), instanceName }),
    },
    {
      method: "POST",
      name: "searchImages",
      attempts: 1,
      call: (c) => c.searchImages({ ...example("searchImages"), instanceName }),
    },
    {
      method: "POST",
      name: "checkImage",
      attempts: 1,
      call: (c) => c.checkImage({ ...example("checkImage"), instanceName }),
    },
    {
      method: "GET",
      name: "getInstance",
      attempts: 3,
      call: (c) => c.getInstance({ instanceName }),
    },
    {
      method: "DELETE",
      name: "deleteInstance",
      attempts: 3,
      call: (c) => c.deleteInstance({ instanceName }),
    },
    {
      method: "PUT",
      name: "modifyImage",
      attempts: 3,
      call: (c) => c.modifyImage({ ...example("modifyImage"), instanceName }),
    },
    {
      method: "DELETE",
      name: "deleteImage",
      attempts: 3,
      call: (c) => c.deleteImage({ ...example("deleteImage"), instanceName }),
    },
  ];

  test.each(calls)("a 503 on $name ($method) is sent $attempts time(s)", async ({ name, attempts, call }) => {
    const fault = `503-always~${name}`;
    const retries: RetryEvent[] = [];

    const { error } = await settle(call(client(fault, {}, retries)));

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
    const c = client(fault, {
      token: ({ refresh }) => {
        requests.push(refresh);
        return refresh ? "fresh-token" : TEST_TOKEN;
      },
    });

    await expect(c.modifyImage({ instanceName, ...body })).resolves.toEqual({ result: "Success" });
    expect(requests).toEqual([false, true]);
    expect(server.attempts(fault)).toBe(2);
  });

  test("a token that stays refused is reported after a single refresh", async () => {
    const c = client("token-expired~stays", { token: () => TEST_TOKEN });

    const { error } = await settle(c.modifyImage({ instanceName, ...body }));

    expect(error).toMatchObject({ name: "ImageSearchError", code: "IS.0004" });
    expect(server.attempts("token-expired~stays")).toBe(2);
    expectNoSecret([error]);
  });

  test("the output recorder sees what a test writes, so the no-token check can fail", () => {
    console.info("recorder-probe");
    expect(recordedOutput().some((text) => text.includes("recorder-probe"))).toBe(true);
  });

  test("requests carry a User-Agent naming the client and its version", async () => {
    await client("ok").modifyImage({ instanceName, ...body });

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

describe("redirects are never followed", () => {
  let other: FaultServer;
  beforeAll(async () => {
    other = await startFaultServer();
    redirect.target = `${other.url}/ok/v1/p1/image?stolen=${TEST_TOKEN.length}`;
  });
  afterAll(() => other.close());

  test.each([
    ["a 302 to another origin", "redirect-302"],
    ["a 307 to another origin", "redirect-307"],
  ])("%s ends in a RedirectError naming the status and the target's origin only", async (_, fault) => {
    const status = Number(fault.slice(-3));

    const { error } = await settle(client(fault).modifyImage({ instanceName, ...body }));

    expect(isRedirectError(error)).toBe(true);
    expect(error).toMatchObject({ status, targetOrigin: other.url, requestId: "rid-redirect" });
    expect(error?.message).toContain(other.url);
    expect(error?.message).not.toContain("stolen");
    expect(other.headersSeen).toHaveLength(0);
    expect(server.attempts(fault)).toBe(1);
  });

  test("a POST answered with a 307 is not re-sent anywhere, with AK/SK credentials either", async () => {
    const signed = createImageSearchClient({
      endpoint: `${server.url}/redirect-307~aksk`,
      projectId: "p1",
      credentials: { accessKey: "AK-TEST", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN },
    });

    const { error } = await settle(signed.addImage({ instanceName, ...body }));

    expect(isRedirectError(error)).toBe(true);
    expect(other.headersSeen).toHaveLength(0);
    expect(JSON.stringify(error) + String(error)).not.toMatch(new RegExp(`${SECRET_KEY}|${SECURITY_TOKEN}`));
  });

  test("the raw openapi-fetch client follows no redirect either", async () => {
    const { response } = await client("redirect-302~raw").raw.GET(
      "/v1/{project_id}/service/{instance_name}",
      {
        params: { path: { project_id: "p1", instance_name: instanceName } },
        headers: { "X-Auth-Token": TEST_TOKEN },
      },
    );

    expect(response.status).toBe(302);
    expect(other.headersSeen).toHaveLength(0);
  });

  test("a redirect to the same origin is not followed either", async () => {
    const { error } = await settle(client("redirect-301-same-origin").getInstance({ instanceName }));

    expect(error).toMatchObject({ name: "RedirectError", status: 301, targetOrigin: server.url });
    expect(server.attempts("ok~same-origin")).toBe(0);
  });

  test("IAM's token request is not redirected: the password stays with the IAM endpoint", async () => {
    const provider = iamAt("redirect-307");

    const { error } = await settle(provider());

    expect(error).toMatchObject({ name: "RedirectError", status: 307, targetOrigin: other.url });
    expect(other.headersSeen).toHaveLength(0);
    expect(inspect(error, { depth: 6 })).not.toContain(IAM_PASSWORD);
  });
});

describe("response bodies are read with a cap", () => {
  test("an endless 200 body ends in ResponseTooLargeError at the cap, and the client lets go of it", async () => {
    const started = performance.now();

    const { error } = await settle(
      client("endless-200", { maxResponseBytes: 1024 * 1024 }).modifyImage({ instanceName, ...body }),
    );

    expect(isResponseTooLargeError(error)).toBe(true);
    expect(error).toMatchObject({ status: 200, maxResponseBytes: 1024 * 1024 });
    expect(performance.now() - started).toBeLessThan(10_000);
    // The server stops writing once the stream is cancelled: it wrote a bounded amount.
    const before = written.get("endless-200") ?? 0;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(written.get("endless-200")).toBe(before);
    expect(before).toBeLessThan(64 * 1024 * 1024);
  });

  test("a gzip bomb is capped on its decoded bytes, at the 16 MiB default", async () => {
    // Decoding 16 MiB takes seconds on a loaded machine: a time limit that long is not what is tested.
    const { error } = await settle(
      client("gzip-bomb", { timeoutMs: 30_000 }).modifyImage({ instanceName, ...body }),
    );

    expect(error).toMatchObject({
      name: "ResponseTooLargeError",
      maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
    });
    expect(DEFAULT_MAX_RESPONSE_BYTES).toBe(16 * 1024 * 1024);
    expect(server.attempts("gzip-bomb")).toBe(1);
  });

  test("IAM's answer is capped too", async () => {
    const provider = iamAt("gzip-bomb");

    expect(await settle(provider())).toMatchObject({ error: { name: "ResponseTooLargeError" } });
  });
});

describe("server text cannot crash the client or flood its messages", () => {
  test.each([
    ["a 400 body nested 200,000 deep", "deep-400", 400],
    ["a 200 body nested 200,000 deep", "deep-200", 200],
  ])("%s is one of the client's typed errors, not a RangeError", async (_, fault, status) => {
    const { error } = await settle(client(fault).modifyImage({ instanceName, ...body }));

    expect(isClientError(error)).toBe(true);
    expect(error).toMatchObject({ status });
    expect(error?.message.length).toBeLessThan(1_000);
  });

  test("a 1 MiB error_msg is cut in the message and kept whole on errorMsg", async () => {
    const { error } = await settle(client("huge-error-msg").modifyImage({ instanceName, ...body }));

    expect(error).toMatchObject({ name: "ImageSearchError", code: "IS.0001", requestId: "rid-huge" });
    expect(error?.message.length).toBeLessThanOrEqual(MESSAGE_TEXT_LIMIT + 100);
    expect((error as ImageSearchError).errorMsg).toHaveLength(1024 * 1024);
  });

  test("IAM's 1 MiB error_msg is cut in the IamError's message too", async () => {
    const provider = iamAt("huge-error-msg");

    const { error } = await settle(provider());

    expect(error?.message.length).toBeLessThan(1_000);
    expect(isClientError(error)).toBe(true);
  });

  test("a token function's error reaches the caller as its type only", async () => {
    const c = client("ok~provider", {
      token: () => {
        throw new Error(`IAM said no to password ${IAM_PASSWORD}`);
      },
    });

    const { error } = await settle(c.modifyImage({ instanceName, ...body }));

    expect(isTokenProviderError(error)).toBe(true);
    expect(error?.message).toBe("modifyImage: the token provider failed (Error)");
    expect(server.attempts("ok~provider")).toBe(0);
  });
});

describe("options that could never work are refused before anything is sent", () => {
  const make = (change: Record<string, unknown>) => () =>
    createImageSearchClient({ endpoint: server.url, projectId: "p1", token: TEST_TOKEN, ...change });

  test.each([
    ["endpoint", { endpoint: `http://admin:${IAM_PASSWORD}@127.0.0.1:1` }],
    ["endpoint", { endpoint: "https://imagesearch.example/?q=1" }],
    ["endpoint", { endpoint: "https://imagesearch.example/#top" }],
    ["timeoutMs", { timeoutMs: 1e12 }],
    ["timeoutMs", { timeoutMs: Number.NaN }],
    ["deadlineMs", { deadlineMs: 2 ** 31 }],
    ["deadlineMs", { deadlineMs: -1 }],
    ["retry.attempts", { retry: { attempts: Number.NaN } }],
    ["retry.attempts", { retry: { attempts: -1 } }],
    ["retry.attempts", { retry: { attempts: 1.5 } }],
    ["retry.baseDelayMs", { retry: { baseDelayMs: Number.NaN } }],
    ["retry.maxDelayMs", { retry: { maxDelayMs: 2.5 } }],
    ["retry.statuses", { retry: { statuses: [503, "x"] } }],
    ["headers.X-Note", { headers: { "X-Note": "a\r\nX-Injected: 1" } }],
    ["headers.X-Note", { headers: { "X-Note": "a\nb" } }],
    ["maxResponseBytes", { maxResponseBytes: 0 }],
    ["logger", { logger: { info: () => {} } }],
  ])("%s: %j", (field, change) => {
    let error: unknown;
    try {
      make(change)();
    } catch (e) {
      error = e;
    }
    expect(isInvalidInputError(error) && error.field).toBe(field);
    expect(inspect(error, { depth: 6 })).not.toContain(IAM_PASSWORD);
  });

  test("a per-call header with CR or LF, and a per-call time limit a timer cannot hold, are refused unsent", async () => {
    const c = client("ok~crlf");

    const header = await settle(
      c.modifyImage({ instanceName, ...body }, { headers: { "X-Note": "a\r\nb" } }),
    );
    const timeout = await settle(c.modifyImage({ instanceName, ...body }, { timeoutMs: 1e12 }));

    expect(header.error).toMatchObject({ name: "InvalidInputError", field: "headers.X-Note" });
    expect(timeout.error).toMatchObject({ name: "InvalidInputError", field: "timeoutMs" });
    expect(server.attempts("ok~crlf")).toBe(0);
  });

  test("IAM refuses an endpoint with user info, a query or a fragment too", () => {
    for (const iamEndpoint of [
      `https://u:${IAM_PASSWORD}@iam.example`,
      "https://iam.example/?x",
      "https://iam.example#f",
    ]) {
      let error: unknown;
      try {
        iamTokenProvider({ iamEndpoint, user: "u", password: IAM_PASSWORD, domain: "d", project: "p" });
      } catch (e) {
        error = e;
      }
      expect(isInvalidInputError(error) && error.field).toBe("iamEndpoint");
      expect(inspect(error)).not.toContain(IAM_PASSWORD);
    }
  });

  test("plain http: to a host that is not loopback needs allowInsecureHttp: true, and then is sent", async () => {
    const urls: string[] = [];
    const fetch = async (request: RequestInfo | URL) => {
      urls.push((request as Request).url);
      return new Response('{"result":"Success"}', { headers: { "Content-Type": "application/json" } });
    };
    const endpoint = "http://imagesearch.internal.example";
    const make = (allowInsecureHttp?: boolean) =>
      createImageSearchClient({
        endpoint,
        projectId: "p1",
        token: TEST_TOKEN,
        fetch,
        ...(allowInsecureHttp === undefined ? {} : { allowInsecureHttp }),
      });

    expect(() => make()).toThrow(/allowInsecureHttp/);
    expect(() => make(false)).toThrow(/allowInsecureHttp/);
    await expect(make(true).modifyImage({ instanceName, ...body })).resolves.toEqual({
      result: "Success",
    });
    expect(urls).toEqual([`${endpoint}/v1/p1/${encodeURIComponent(instanceName)}/image`]);
  });
});

describe("the client's errors are recognised across copies of the package, and nothing else is", () => {
  test("a DOMException named TimeoutError is not the client's TimeoutError", () => {
    expect(isTimeoutError(new DOMException("x", "TimeoutError"))).toBe(false);
    expect(isNetworkError({ name: "NetworkError" })).toBe(false);
    expect(isClientError(new Error("x"))).toBe(false);
  });

  test("an error made in another realm by another copy of the module passes the guards, though not instanceof", () => {
    // The errors module bundled on its own and run in a fresh vm context: another realm, another copy.
    const { outputFiles } = buildSync({
      entryPoints: ["src/client/errors/index.ts"],
      bundle: true,
      format: "iife",
      globalName: "copy",
      write: false,
    });
    const realm = createContext({});
    runInContext(outputFiles[0]?.text ?? "", realm);
    const error = runInContext('new copy.TimeoutError(5, { operation: "modifyImage" })', realm);

    expect(error).not.toBeInstanceOf(TimeoutError);
    expect(isTimeoutError(error)).toBe(true);
    expect(isClientError(error)).toBe(true);
  });

  test("a caller's AbortSignal.timeout() stays the caller's abort, not the client's TimeoutError", async () => {
    const { error } = await settle(
      client("hang~caller-timeout", { timeoutMs: 10_000 }).modifyImage(
        { instanceName, ...body },
        { signal: AbortSignal.timeout(500) },
      ),
    );

    expect(error).toBeInstanceOf(DOMException);
    expect(error?.name).toBe("TimeoutError");
    expect(isTimeoutError(error)).toBe(false);
    expect(server.attempts("hang~caller-timeout")).toBe(1);
  });

  test("every error class extends the exported ClientError", () => {
    expect(new TimeoutError(1, { operation: "x" })).toBeInstanceOf(ClientError);
  });
});

describe("a whole call has a deadline", () => {
  test("the client's deadlineMs ends a retried GET across attempts and waits", async () => {
    const started = performance.now();

    const { error } = await settle(
      // The second attempt has 600 ms left: time to reach the server on a loaded machine.
      client("hang~deadline", { timeoutMs: 1_000, deadlineMs: 1_600 }).getInstance({ instanceName }),
    );

    expect(error).toMatchObject({ name: "TimeoutError", limit: "call", timeoutMs: 1_600 });
    expect(performance.now() - started).toBeLessThan(4_000);
    expect(server.attempts("hang~deadline")).toBe(2);
  });

  test("a per-call deadlineMs overrides the client's", async () => {
    const { error } = await settle(
      client("hang~call-deadline", { timeoutMs: 5_000, deadlineMs: 60_000 }).getInstance(
        { instanceName },
        { deadlineMs: 150 },
      ),
    );

    expect(error).toMatchObject({ name: "TimeoutError", limit: "call", timeoutMs: 150 });
    expect(server.attempts("hang~call-deadline")).toBe(1);
  });

  test("a retry whose wait would pass the deadline is not made: the last error is reported", async () => {
    const { error } = await settle(
      client("503-retry-after~deadline", { deadlineMs: 500 }).modifyImage({ instanceName, ...body }),
    );

    expect(error).toMatchObject({ name: "UnexpectedResponseError", status: 503 });
    expect(server.attempts("503-retry-after~deadline")).toBe(1);
  });
});

describe("the logger", () => {
  interface Entry {
    level: string;
    fields: LogFields;
    message: string;
  }
  function recorder(): { logger: Logger; entries: Entry[] } {
    const entries: Entry[] = [];
    const at = (level: string) => (fields: LogFields, message: string) =>
      entries.push({ level, fields, message });
    return {
      logger: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
      entries,
    };
  }

  test("records each attempt, the retry's delay and why, with no secret in any entry", async () => {
    const { logger, entries } = recorder();

    await client("429-then-200~logged", { logger }).modifyImage({ instanceName, ...body });

    expect(entries.map((e) => [e.level, e.fields.attempt, e.fields.status])).toEqual([
      ["debug", 1, 429],
      ["warn", 1, 429],
      ["debug", 2, 200],
    ]);
    expect(entries[1]?.fields).toMatchObject({
      operation: "modifyImage",
      method: "PUT",
      path: "/v1/{project_id}/{instance_name}/image",
      error: "UnexpectedResponseError",
      reason: "UnexpectedResponseError is retried",
    });
    expect(entries[1]?.fields.delayMs).toBeGreaterThanOrEqual(0);
    expect(entries.every((e) => typeof e.fields.durationMs === "number")).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(TEST_TOKEN);
  });

  test("is given neither the secret key nor the security token of AK/SK credentials", async () => {
    const { logger, entries } = recorder();
    const signed = createImageSearchClient({
      endpoint: `${server.url}/html-502~logged`,
      projectId: "p1",
      credentials: { accessKey: "AK-TEST", secretKey: SECRET_KEY, securityToken: SECURITY_TOKEN },
      logger,
      retry: { baseDelayMs: 5 },
    });

    await settle(signed.getInstance({ instanceName }));

    expect(entries.map((e) => e.level)).toEqual(["debug", "warn", "debug", "warn", "debug", "error"]);
    expect(entries.at(-1)?.fields).toMatchObject({ reason: "no attempts left", status: 502 });
    expect(JSON.stringify(entries)).not.toMatch(new RegExp(`${SECRET_KEY}|${SECURITY_TOKEN}|AK-TEST`));
  });

  test("a refused token is logged as a refresh; console works as a logger", async () => {
    const { logger, entries } = recorder();
    const c = client("token-expired~logged", {
      logger,
      token: ({ refresh }) => (refresh ? "fresh-token" : TEST_TOKEN),
    });

    await c.modifyImage({ instanceName, ...body });
    await client("ok~console", { logger: console }).modifyImage({ instanceName, ...body });

    expect(entries.map((e) => e.level)).toEqual(["debug", "info", "debug"]);
    expect(entries[1]?.fields.reason).toBe("token refused");
    expect(JSON.stringify(entries)).not.toContain("fresh-token");
  });
});

describe("the provider's request id and the response headers", () => {
  test("every kind of error carries the X-Request-Id the response had", async () => {
    const errors = await Promise.all(
      ["html-502-with-id", "huge-error-msg", "redirect-302"].map(async (fault) => {
        const { error } = await settle(
          client(`${fault}~id`, { retry: false }).modifyImage({ instanceName, ...body }),
        );
        return error as { requestId?: string };
      }),
    );

    expect(errors.map((e) => e.requestId)).toEqual(["rid-502", "rid-huge", "rid-redirect"]);
  });

  test("onResponse gives a successful call's status, headers and request id beside the typed result", async () => {
    const seen: ResponseInfo[] = [];

    const result = await client("ok-with-id").modifyImage(
      { instanceName, ...body },
      { onResponse: (response) => seen.push(response) },
    );

    expect(result).toEqual({ result: "Success" });
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ status: 200, requestId: "rid-ok" });
    expect(seen[0]?.headers.get("content-type")).toBe("application/json");
  });
});

describe("when a request is sent twice", () => {
  test("a POST refused for its token is sent once more with a fresh token from the token function", async () => {
    const requests: boolean[] = [];
    const c = client("token-expired~post", {
      token: ({ refresh }) => {
        requests.push(refresh);
        return refresh ? "fresh-token" : TEST_TOKEN;
      },
    });

    await settle(c.addImage({ instanceName, ...body }));

    expect(requests).toEqual([false, true]);
    expect(server.attempts("token-expired~post")).toBe(2);
  });

  test("with a static token, a POST refused for its token is sent once", async () => {
    const { error } = await settle(client("token-expired~post-static").addImage({ instanceName, ...body }));

    expect(error).toMatchObject({ name: "ImageSearchError", code: "IS.0004" });
    expect(server.attempts("token-expired~post-static")).toBe(1);
  });
});
