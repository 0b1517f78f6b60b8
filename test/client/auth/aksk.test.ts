// The client with AK/SK credentials against a local server that verifies each signature the way the
// gateway would: it takes the headers the request says it signed, recomputes the signature with the
// official SDK's AKSKSigner and the secret key, and refuses the request (401) when they differ.
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { inspect } from "node:util";
import { AKSKSigner } from "@huaweicloud/huaweicloud-sdk-core/auth/AKSKSigner.js";
import { BasicCredentials } from "@huaweicloud/huaweicloud-sdk-core/auth/BasicCredentials.js";
import { HttpRequestBuilder } from "@huaweicloud/huaweicloud-sdk-core/http/IHttpRequestBuilder.js";
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from "vitest";
import {
  type AkSkCredentials,
  createImageSearchClient,
  type ImageSearchClientOptions,
  InvalidInputError,
  isInvalidInputError,
  isUnexpectedResponseError,
  type RetryEvent,
} from "../../../src/client/index.js";
import { recordedOutput } from "../../support/no-token-in-output.js";
import { TEST_TOKEN } from "../../support/secrets.js";

const SECRET = "sk-CANARY-5e0c2b9d7a41f836";
const SECURITY_TOKEN = "st-temporary-0a1b2c3d";
const ACCESS_KEY = "AKEXAMPLE0123456789";
const input = { instanceName: "test-instance", path: "https://b.obs/x.jpg", tags: { color: "red" } };

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
  /** The verifier's verdict: the signature the SDK computes for the same request. */
  expected: string | undefined;
}

// SignedHeaders lists names in lower case; the SDK reads the date and payload hash under these names.
const SDK_NAMES: Record<string, string> = {
  "x-sdk-date": "X-Sdk-Date",
  "x-sdk-content-sha256": "X-Sdk-Content-Sha256",
  "x-security-token": "X-Security-Token",
};

/** The Authorization header the official signer computes for what the server received. */
function recompute(request: IncomingMessage, body: string, origin: string): string | undefined {
  const authorization = String(request.headers.authorization ?? "");
  const match = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(
    authorization,
  );
  if (!match?.[1] || !match[2]) return undefined;
  const headers: Record<string, string> = {};
  for (const name of match[2].split(";")) {
    const value = request.headers[name];
    if (typeof value !== "string") return undefined;
    headers[SDK_NAMES[name] ?? name] = value;
  }
  const url = new URL(request.url ?? "/", origin);
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) query[name] = [...(query[name] ?? []), value];
  // As BaseCredentials.processAuthRequest feeds it: the endpoint joined with the raw path.
  const built = new HttpRequestBuilder()
    .withEndpoint(`${origin}${decodeURIComponent(url.pathname)}`)
    .withMethod(request.method ?? "GET")
    .withHeaders(headers)
    .withPathParams({})
    .withQueryParams(query)
    .withData(body ? JSON.parse(body) : undefined)
    .build();
  // The verifier knows the secret key of the access key the request names, as the gateway does.
  const credentials = new BasicCredentials().withAk(match[1]).withSk(SECRET);
  return (AKSKSigner.sign(built, credentials) as { Authorization?: string }).Authorization;
}

let origin: string;
let seen: Seen[] = [];
/** Per attempt number (from 1), the status the server answers a correctly signed request with. */
let script: number[] = [];
const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    const expected = recompute(request, body, origin);
    seen.push({
      method: request.method ?? "",
      url: request.url ?? "",
      headers: request.headers,
      body,
      expected,
    });
    const status = expected === request.headers.authorization ? (script[seen.length - 1] ?? 200) : 401;
    // The clock moves on between attempts, so a retry that reused the first signature would show.
    vi.setSystemTime(Date.now() + 7_000);
    response.writeHead(status, { "Content-Type": "application/json" });
    response.end(
      JSON.stringify(
        status === 200
          ? { result: "Success" }
          : { error_code: status === 401 ? "APIGW.0301" : "APIGW.0503", error_msg: "refused" },
      ),
    );
  });
});

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
);
afterEach(() => {
  vi.useRealTimers();
  seen = [];
  script = [];
});

function akskClient(credentials: AkSkCredentials, options: { onRetry?: (event: RetryEvent) => void } = {}) {
  // Only Date is faked: the server moves it forward, timers and sockets run as usual.
  vi.useFakeTimers({ toFake: ["Date"], now: new Date("2024-05-06T07:08:09Z") });
  return createImageSearchClient({
    endpoint: origin,
    projectId: "p1",
    credentials,
    retry: { baseDelayMs: 1, ...(options.onRetry ? { onRetry: options.onRetry } : {}) },
  });
}

describe("modifyImage signed with AK/SK", () => {
  test("sends a signature the official signer recomputes, and no X-Auth-Token", async () => {
    const client = akskClient({ accessKey: ACCESS_KEY, secretKey: SECRET });

    await expect(client.modifyImage(input)).resolves.toEqual({ result: "Success" });

    expect(seen).toHaveLength(1);
    const [request] = seen;
    expect(request?.method).toBe("PUT");
    expect(request?.url).toBe("/v1/p1/test-instance/image");
    expect(JSON.parse(request?.body ?? "")).toEqual({ path: input.path, tags: input.tags });
    expect(request?.headers["x-auth-token"]).toBeUndefined();
    expect(request?.headers["x-security-token"]).toBeUndefined();
    expect(request?.headers["x-sdk-date"]).toBe("20240506T070809Z");
    expect(request?.headers.authorization).toMatch(
      new RegExp(`^SDK-HMAC-SHA256 Access=${ACCESS_KEY}, SignedHeaders=content-type;host;x-sdk-date, `),
    );
    expect(request?.headers.authorization).toBe(request?.expected);
  });

  test("re-signs a retried attempt (503, then 200) with a new X-Sdk-Date", async () => {
    script = [503, 200];
    const retries: RetryEvent[] = [];
    const client = akskClient(
      { accessKey: ACCESS_KEY, secretKey: SECRET },
      { onRetry: (e) => retries.push(e) },
    );

    await expect(client.modifyImage(input)).resolves.toEqual({ result: "Success" });

    expect(retries.map((r) => r.error.status)).toEqual([503]);
    expect(seen).toHaveLength(2);
    const [first, second] = seen;
    expect(first?.headers["x-sdk-date"]).toBe("20240506T070809Z");
    expect(second?.headers["x-sdk-date"]).toBe("20240506T070816Z");
    expect(second?.headers.authorization).not.toBe(first?.headers.authorization);
    for (const request of seen) expect(request.headers.authorization).toBe(request.expected);
  });

  test("sends and signs X-Security-Token with temporary credentials", async () => {
    const client = akskClient({ accessKey: ACCESS_KEY, secretKey: SECRET, securityToken: SECURITY_TOKEN });

    await expect(client.modifyImage(input)).resolves.toEqual({ result: "Success" });

    const [request] = seen;
    expect(request?.headers["x-security-token"]).toBe(SECURITY_TOKEN);
    expect(request?.headers.authorization).toContain(
      "SignedHeaders=content-type;host;x-sdk-date;x-security-token, ",
    );
    expect(request?.headers.authorization).toBe(request?.expected);
  });

  test("a wrong secret key gets the server's refusal, which names neither key", async () => {
    const client = akskClient({ accessKey: ACCESS_KEY, secretKey: `${SECRET}-wrong` });

    const error = await client.modifyImage(input).catch((e: unknown) => e);

    expect(isUnexpectedResponseError(error) && error.status).toBe(401);
    // The verifier is not fooled: the signature it computed differs from the one sent.
    expect(seen[0]?.expected).not.toBe(seen[0]?.headers.authorization);
    const shown = [String(error), inspect(error, { depth: 5 }), JSON.stringify(error)].join("\n");
    expect(shown).not.toContain(SECRET);
  });
});

describe("choosing the authentication", () => {
  const base = { endpoint: "https://imagesearch.ap-southeast-1.myhuaweicloud.com", projectId: "p1" };

  test("refuses both a token and credentials, naming credentials", () => {
    const both = { ...base, token: TEST_TOKEN, credentials: { accessKey: ACCESS_KEY, secretKey: SECRET } };
    const error = (() => {
      try {
        createImageSearchClient(both as unknown as ImageSearchClientOptions);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: "credentials" });
    expect(inspect(error, { depth: 5 })).not.toContain(SECRET);
    expect(inspect(error, { depth: 5 })).not.toContain(TEST_TOKEN);
  });

  test("refuses neither a token nor credentials, naming token", () => {
    expect(() => createImageSearchClient(base as unknown as ImageSearchClientOptions)).toThrow(
      expect.objectContaining({ name: "InvalidInputError", field: "token" }),
    );
  });

  test("checks the credentials when the client is made, without quoting them", () => {
    let error: unknown;
    try {
      createImageSearchClient({ ...base, credentials: { accessKey: ACCESS_KEY, secretKey: `${SECRET} ` } });
    } catch (e) {
      error = e;
    }
    expect(isInvalidInputError(error) && error.field).toBe("credentials.secretKey");
    expect(inspect(error, { depth: 5 })).not.toContain(SECRET);
  });

  test("a signing failure surfaces as the InvalidInputError it is, not as a NetworkError", async () => {
    // A clock outside the years a signature can carry makes signing fail on the first attempt.
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("+010000-01-01T00:00:00Z") });
    const fetch = vi.fn(globalThis.fetch);
    const client = createImageSearchClient({
      ...base,
      credentials: { accessKey: ACCESS_KEY, secretKey: SECRET },
      fetch,
    });

    const error = await client.modifyImage(input).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ name: "InvalidInputError", field: "now" });
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("the secret key", () => {
  test("is not in the client's JSON or inspect output, nor in any request the server saw", async () => {
    const client = akskClient({ accessKey: ACCESS_KEY, secretKey: SECRET, securityToken: SECURITY_TOKEN });
    await client.modifyImage(input);

    const shown = [JSON.stringify(client), inspect(client, { depth: 10, showHidden: true })];
    expect(shown.join("\n")).not.toContain(SECRET);
    expect(JSON.stringify(seen.map((s) => [s.headers, s.url, s.body]))).not.toContain(SECRET);
  });

  afterAll(() => {
    expect(recordedOutput().filter((text) => text.includes(SECRET))).toEqual([]);
  });
});
