// The client against what a hostile server, token source or fetch can do to a call (issue items 13–15,
// 17, 18), each with an injected fetch: a logger that throws changes no outcome; the deadline bounds a
// token source and a fetch that never settle; server text reaches a message with its controls
// escaped; a header value that is not a ByteString is refused at creation; a response nested millions
// deep is refused by its depth, not parsed.
import { describe, expect, test } from "vitest";
import {
  createImageSearchClient,
  isClientError,
  isInvalidInputError,
  isTimeoutError,
  type Logger,
} from "../../src/client/index.js";
import { json } from "../support/responses.js";
import { TEST_TOKEN } from "../support/secrets.js";
import { loadSpec, operationById, parameterExample, requestExample } from "../support/spec.js";

const ENDPOINT = "https://imagesearch.ap-southeast-1.myhuaweicloud.com";
// A modifyImage call the spec accepts, from its examples: what is sent is not what is tested here.
const modifyImage = operationById(await loadSpec(), "modifyImage");
const MODIFY = {
  ...(requestExample(modifyImage) as { path: string; tags: Record<string, string> }),
  instanceName: String(parameterExample(modifyImage, "instance_name")),
};
const never = () => new Promise<never>(() => undefined);
const throwing: Logger = {
  debug: () => {
    throw new Error("logger debug");
  },
  info: () => {
    throw new Error("logger info");
  },
  warn: () => {
    throw new Error("logger warn");
  },
  error: () => {
    throw new Error("logger error");
  },
};

function clientWith(fetch: (request: Request) => Promise<Response>, options: object = {}) {
  return createImageSearchClient({
    endpoint: ENDPOINT,
    projectId: "p1",
    token: TEST_TOKEN,
    retry: { baseDelayMs: 1 },
    fetch: fetch as typeof globalThis.fetch,
    ...options,
  });
}

describe("a logger that throws", () => {
  test("leaves a successful POST successful", async () => {
    const client = clientWith(async () => json(200, { result: "Success" }), { logger: throwing });
    await expect(client.modifyImage(MODIFY)).resolves.toEqual({ result: "Success" });
  });

  test("does not stop a retried GET at its first retry", async () => {
    let calls = 0;
    const client = clientWith(
      async () => (++calls === 1 ? json(503, { error_code: "IS.0001", error_msg: "busy" }) : json(200, {})),
      { logger: throwing },
    );
    await client.getInstance({ instanceName: MODIFY.instanceName }).catch(() => undefined);
    expect(calls).toBe(2);
  });
});

describe("the deadline", () => {
  test("bounds a token function that never settles", async () => {
    const client = clientWith(async () => json(200, { result: "Success" }), {
      token: never,
      deadlineMs: 300,
    });
    const error = await client.modifyImage(MODIFY).catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
  });

  test("bounds a fetch that ignores its signal", async () => {
    const client = clientWith(never, { timeoutMs: 300, deadlineMs: 1_000 });
    const error = await client.modifyImage(MODIFY).catch((e: unknown) => e);
    expect(isTimeoutError(error)).toBe(true);
  });
});

describe("server text", () => {
  test("reaches an error's message with its control characters escaped", async () => {
    const forged = "bad\u001b]0;title\u0007\nGET /v1/admin -> 200";
    const client = clientWith(async () => json(400, { error_code: "IS.0013", error_msg: forged }));
    const error = await client.modifyImage(MODIFY).catch((e: unknown) => e);
    expect(isClientError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message).not.toMatch(/\p{Cc}/u);
    expect(message).toContain("\\u001b]0;title\\u0007\\u000aGET /v1/admin -> 200");
  });
});

describe("a header value that is not a ByteString", () => {
  test("is refused when the client is created, naming the header", () => {
    const created = () => clientWith(async () => json(200, {}), { headers: { "X-Note": "颜色" } });
    expect(created).toThrow(/headers\.X-Note/);
    try {
      created();
    } catch (error) {
      expect(isInvalidInputError(error)).toBe(true);
    }
  });
});

describe("a response nested millions of levels deep", () => {
  test("is refused by its depth, within the deadline", async () => {
    const deep = "[".repeat(7_000_000) + "]".repeat(7_000_000);
    const client = clientWith(
      async () => new Response(deep, { status: 200, headers: { "content-type": "application/json" } }),
      { deadlineMs: 2_000, maxResponseBytes: 20_000_000 },
    );
    const error = await client.modifyImage(MODIFY).catch((e: unknown) => e);
    expect(isClientError(error)).toBe(true);
    expect(isTimeoutError(error)).toBe(false);
    expect((error as Error).message).toMatch(/deep|depth|nest/i);
  });
});
