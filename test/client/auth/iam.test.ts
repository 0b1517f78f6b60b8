// iamTokenProvider with an injected IAM (a fetch that answers as the IAM spec documents) and an
// injected clock: one IAM call serves many client calls, the token is renewed before it expires and
// once when the service refuses it, concurrent callers share one call, IAM's failures reach the
// caller typed, and neither the password nor a token shows up anywhere.
import { afterAll, describe, expect, test, vi } from "vitest";
import { operations } from "../../../generated/iam.operations.js";
import {
  createImageSearchClient,
  DEFAULT_REFRESH_BEFORE_MS,
  type IamTokenProviderOptions,
  iamTokenProvider,
  isIamError,
  isInvalidInputError,
  isNetworkError,
  isTokenProviderError,
  isUnexpectedResponseError,
  type TokenSource,
} from "../../../src/client/index.js";
import { recordedOutput } from "../../support/no-token-in-output.js";
import { failure, json } from "../../support/responses.js";
import { expectNoSecret, TEST_TOKEN } from "../../support/secrets.js";
import { loadSpec, operationById, parameterExample, requestExample } from "../../support/spec.js";

// A modifyImage call the spec accepts, from its examples: what is sent is not what is tested here.
const modifyImage = operationById(await loadSpec(), "modifyImage");
const input = {
  ...(requestExample(modifyImage) as { path: string; tags: Record<string, string> }),
  instanceName: String(parameterExample(modifyImage, "instance_name")),
};
const PASSWORD = "pw-CANARY-71c3e9a05d2b";
const SECRETS = [PASSWORD, TEST_TOKEN];
const HOUR = 3_600_000;
const T0 = Date.parse("2024-05-06T07:08:09Z");
const ISSUED = "2024-05-06T07:08:09.000000Z";
const EXPIRES = "2024-05-07T07:08:09.000000Z";

/** IAM's 201: the token in X-Subject-Token, its dates in the body. */
function issued(token: string, issuedAt = ISSUED, expiresAt = EXPIRES): Response {
  return json(
    201,
    { token: { methods: ["password"], issued_at: issuedAt, expires_at: expiresAt } },
    { "X-Subject-Token": token },
  );
}

/** A provider whose IAM answers with `answer`, counting the calls; the clock is `clock.now`. */
function providerWith(
  answer: (call: number, request: Request) => Response | Promise<Response>,
  options: Partial<IamTokenProviderOptions> = {},
) {
  const clock = { now: T0 };
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request.clone());
    return answer(requests.length, request);
  }) as unknown as typeof globalThis.fetch;
  const provider = iamTokenProvider({
    iamEndpoint: "https://iam.ap-southeast-1.myhuaweicloud.com",
    user: "alice",
    password: PASSWORD,
    domain: "example-account",
    project: "ap-southeast-1",
    fetch,
    now: () => clock.now,
    ...options,
  });
  return { provider, requests, clock };
}

/** Tokens numbered by IAM call: the n-th call issues `${TEST_TOKEN}-n`. */
const numbered = (call: number) => issued(`${TEST_TOKEN}-${call}`);

describe("the IAM request", () => {
  test("is the documented password-token call, scoped to the project, with a body the spec accepts", async () => {
    const { provider, requests } = providerWith(numbered);

    await expect(provider()).resolves.toBe(`${TEST_TOKEN}-1`);

    const [request] = requests;
    expect(request?.method).toBe("POST");
    expect(request?.url).toBe("https://iam.ap-southeast-1.myhuaweicloud.com/v3/auth/tokens?nocatalog=true");
    expect(request?.headers.get("content-type")).toBe("application/json;charset=utf8");
    const body = (await request?.json()) as unknown;
    expect(body).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: { user: { name: "alice", password: PASSWORD, domain: { name: "example-account" } } },
        },
        scope: { project: { name: "ap-southeast-1" } },
      },
    });
    expect(operations.createUserToken.requestBody?.validate?.(body)).toBe(true);
  });
});

describe("the IAM request's scope", () => {
  test.each([
    [{ id: "0123456789abcdef0123456789abcdef" }, "by project id"],
    [{ name: "ap-southeast-1" }, "by project name"],
  ])("is the project as given, %o (%s), and the spec accepts it", async (project, _how) => {
    const { provider, requests } = providerWith(numbered, { project });

    await provider();

    const body = (await requests[0]?.json()) as { auth: { scope: unknown } };
    expect(body.auth.scope).toEqual({ project });
    expect(operations.createUserToken.requestBody?.validate?.(body)).toBe(true);
  });
});

/** A client whose token comes from `provider`, recording the token each request carried. */
function clientWithTokens(provider: TokenSource, answer: (token: string | null) => Response) {
  const tokensSent: (string | null)[] = [];
  const client = createImageSearchClient({
    endpoint: "https://imagesearch.ap-southeast-1.myhuaweicloud.com",
    projectId: "p1",
    token: provider,
    fetch: (async (request: Request) => {
      const token = request.headers.get("x-auth-token");
      tokensSent.push(token);
      return answer(token);
    }) as typeof globalThis.fetch,
  });
  return { client, tokensSent };
}

describe("caching", () => {
  test("one IAM call serves many client calls", async () => {
    const { provider, requests } = providerWith(numbered);
    const { client, tokensSent } = clientWithTokens(provider, () => json(200, { result: "Success" }));

    for (let i = 0; i < 5; i++) {
      await client.modifyImage(input);
    }

    expect(requests).toHaveLength(1);
    expect(tokensSent).toEqual(Array(5).fill(`${TEST_TOKEN}-1`));
  });

  test("concurrent callers share one IAM call", async () => {
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const { provider, requests } = providerWith(async (call) => {
      await gate;
      return numbered(call);
    });

    const tokens = Promise.all(Array.from({ length: 10 }, () => provider()));
    release();

    expect(await tokens).toEqual(Array(10).fill(`${TEST_TOKEN}-1`));
    expect(requests).toHaveLength(1);
  });

  test("a failed call is not cached: the next caller tries again", async () => {
    const { provider, requests } = providerWith((call) =>
      call === 1 ? json(503, { oops: true }) : numbered(call),
    );

    expect(isUnexpectedResponseError(await failure(provider()))).toBe(true);
    await expect(provider()).resolves.toBe(`${TEST_TOKEN}-2`);
    expect(requests).toHaveLength(2);
  });
});

describe("renewal before expiry", () => {
  test(`serves the token until ${DEFAULT_REFRESH_BEFORE_MS / 60_000} minutes before expires_at, then fetches a new one`, async () => {
    const { provider, requests, clock } = providerWith(numbered);
    const renewAt = T0 + 24 * HOUR - DEFAULT_REFRESH_BEFORE_MS;

    await provider();
    clock.now = renewAt - 1;
    await expect(provider()).resolves.toBe(`${TEST_TOKEN}-1`);
    expect(requests).toHaveLength(1);

    clock.now = renewAt;
    await expect(provider()).resolves.toBe(`${TEST_TOKEN}-2`);
    expect(requests).toHaveLength(2);
  });

  test("measures the validity on IAM's clock, so a local clock that is hours off does not matter", async () => {
    // IAM issued the token at ISSUED; the local clock reads three hours later when it arrives.
    const { provider, requests, clock } = providerWith(numbered);
    clock.now = T0 + 3 * HOUR;

    await provider();
    clock.now = T0 + 3 * HOUR + 24 * HOUR - DEFAULT_REFRESH_BEFORE_MS - 1;
    await provider();

    expect(requests).toHaveLength(1);
  });

  test("renews a short-lived token at half its validity at the latest", async () => {
    const { provider, requests, clock } = providerWith((call) =>
      issued(`${TEST_TOKEN}-${call}`, ISSUED, "2024-05-06T07:18:09Z"),
    );

    await provider();
    clock.now = T0 + 5 * 60_000 - 1;
    await provider();
    expect(requests).toHaveLength(1);
    clock.now = T0 + 5 * 60_000;
    await provider();
    expect(requests).toHaveLength(2);
  });

  test("keeps serving the still-valid token when the renewal fails", async () => {
    const { provider, clock } = providerWith((call) => (call === 1 ? numbered(call) : json(503, {})));

    await provider();
    clock.now = T0 + 24 * HOUR - 60_000;
    await expect(provider()).resolves.toBe(`${TEST_TOKEN}-1`);

    clock.now = T0 + 24 * HOUR;
    expect(isUnexpectedResponseError(await failure(provider()))).toBe(true);
  });
});

describe("renewal on a refused token", () => {
  test("{ refresh: true } fetches a new token although the cached one has not expired", async () => {
    const { provider, requests } = providerWith(numbered);

    await provider();
    await expect(provider({ refresh: true })).resolves.toBe(`${TEST_TOKEN}-2`);
    await expect(provider()).resolves.toBe(`${TEST_TOKEN}-2`);
    expect(requests).toHaveLength(2);
  });

  test("the client retries a call refused with IS.0004 once, with a token fetched anew", async () => {
    const { provider, requests } = providerWith(numbered);
    const { client, tokensSent } = clientWithTokens(provider, (token) =>
      token === `${TEST_TOKEN}-1`
        ? json(400, { error_code: "IS.0004", error_msg: "Exception verifying token." })
        : json(200, { result: "Success" }),
    );

    await expect(client.modifyImage(input)).resolves.toEqual({
      result: "Success",
    });

    expect(tokensSent).toEqual([`${TEST_TOKEN}-1`, `${TEST_TOKEN}-2`]);
    expect(requests).toHaveLength(2);
  });

  test("concurrent refreshes share one IAM call", async () => {
    const { provider, requests } = providerWith(numbered);
    await provider();

    const tokens = await Promise.all(Array.from({ length: 5 }, () => provider({ refresh: true })));

    expect(tokens).toEqual(Array(5).fill(`${TEST_TOKEN}-2`));
    expect(requests).toHaveLength(2);
  });

  test("a refusal of a token already replaced gets the newer one without another IAM call", async () => {
    const { provider, requests } = providerWith(numbered);
    await provider();
    await provider({ refresh: true, refused: `${TEST_TOKEN}-1` });

    await expect(provider({ refresh: true, refused: `${TEST_TOKEN}-1` })).resolves.toBe(`${TEST_TOKEN}-2`);
    expect(requests).toHaveLength(2);
    await expect(provider({ refresh: true, refused: `${TEST_TOKEN}-2` })).resolves.toBe(`${TEST_TOKEN}-3`);
    expect(requests).toHaveLength(3);
  });

  test("one revocation costs one IAM call, though most refusals arrive after the new token came", async () => {
    let renewed: () => void = () => undefined;
    const renewal = new Promise<void>((resolve) => {
      renewed = resolve;
    });
    const { provider, requests } = providerWith((call) => {
      if (call === 2) setImmediate(renewed);
      return numbered(call);
    });
    const { client } = clientWithTokens(provider, () => json(200, { result: "Success" }));
    await provider();
    let refusals = 0;
    const revoked = createImageSearchClient({
      endpoint: "https://imagesearch.ap-southeast-1.myhuaweicloud.com",
      projectId: "p1",
      token: provider,
      fetch: (async (request: Request) => {
        if (request.headers.get("x-auth-token") !== `${TEST_TOKEN}-1`)
          return json(200, { result: "Success" });
        // The first refusal starts the IAM call; the rest arrive once it has ended.
        if (refusals++ > 0) await renewal;
        return json(400, { error_code: "IS.0004", error_msg: "Exception verifying token." });
      }) as typeof globalThis.fetch,
    });

    const calls = Array.from({ length: 200 }, () => revoked.modifyImage(input));

    await expect(Promise.all(calls)).resolves.toHaveLength(200);
    expect(refusals).toBe(200);
    expect(requests).toHaveLength(2);
    await expect(client.modifyImage(input)).resolves.toBeDefined();
    expect(requests).toHaveLength(2);
  });
});

describe("IAM's failures", () => {
  test("a documented 400 envelope is an IamError with IAM's code and message", async () => {
    const { provider } = providerWith(() =>
      json(
        400,
        { error_code: "IAM.0007", error_msg: "Request parameter auth is invalid." },
        { "X-Request-Id": "r-1" },
      ),
    );

    const error = await failure(provider());

    expect(isIamError(error)).toBe(true);
    expect(error).toMatchObject({
      name: "IamError",
      operation: "createUserToken",
      status: 400,
      code: "IAM.0007",
      errorMsg: "Request parameter auth is invalid.",
      requestId: "r-1",
    });
  });

  test("a 401 in the envelope is an IamError too", async () => {
    const { provider } = providerWith(() => json(401, { error_code: "APIGW.0301", error_msg: "refused" }));
    expect(await failure(provider())).toMatchObject({ name: "IamError", status: 401, code: "APIGW.0301" });
  });

  test.each([
    ["a status the spec does not document", () => json(500, { error: "x" })],
    ["a 401 body that is not the envelope", () => json(401, { error: { code: 401, title: "Unauthorized" } })],
    ["a 201 without X-Subject-Token", () => json(201, { token: { expires_at: EXPIRES } })],
    ["a 201 whose expires_at is not a date", () => issued(TEST_TOKEN, ISSUED, "tomorrow")],
    ["a 201 whose body is not JSON", () => new Response("<html>", { status: 201 })],
  ])("%s is an UnexpectedResponseError that does not carry the token", async (_, answer) => {
    const { provider } = providerWith(answer);

    const error = await failure(provider());

    expect(isUnexpectedResponseError(error)).toBe(true);
    if (isUnexpectedResponseError(error)) {
      expect(error.response.headers.get("x-subject-token")).toBeNull();
      expectNoSecret([error, error.response.headers.get("x-subject-token")], SECRETS);
    }
  });

  test("a connection failure is a NetworkError", async () => {
    const { provider } = providerWith(() => {
      throw new TypeError("fetch failed");
    });
    expect(isNetworkError(await failure(provider()))).toBe(true);
  });

  test("reaches the client's caller as a TokenProviderError, with the IamError as its cause", async () => {
    const { provider } = providerWith(() => json(400, { error_code: "IAM.0007", error_msg: "bad" }));
    const fetch = vi.fn();
    const client = createImageSearchClient({
      endpoint: "https://imagesearch.ap-southeast-1.myhuaweicloud.com",
      projectId: "p1",
      token: provider,
      fetch,
    });

    const error = await failure(client.modifyImage(input));

    expect(isTokenProviderError(error)).toBe(true);
    expect(error.message).toContain("IamError");
    expect(error.message).not.toContain("bad");
    expect(isIamError(error.cause)).toBe(true);
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe("options", () => {
  test.each([
    ["iamEndpoint", { iamEndpoint: "http://iam.example.com" }],
    ["iamEndpoint", { iamEndpoint: "not a url" }],
    ["user", { user: "" }],
    ["password", { password: "" }],
    ["domain", { domain: undefined as unknown as string }],
    ["project", { project: "" }],
    ["project.id", { project: { id: "" } }],
    ["project.name", { project: { name: 7 as unknown as string } }],
    ["project", { project: { id: "p1", name: "ap-southeast-1" } as unknown as { id: string } }],
    ["refreshBeforeMs", { refreshBeforeMs: -1 }],
    ["timeoutMs", { timeoutMs: 0 }],
  ])("an invalid %s is refused with an InvalidInputError naming it", (field, change) => {
    let error: unknown;
    try {
      providerWith(numbered, change);
    } catch (e) {
      error = e;
    }
    expect(isInvalidInputError(error) && error.field).toBe(field);
    expectNoSecret([error], SECRETS);
  });
});

describe("secrets", () => {
  test("neither the password nor the token is in the provider's JSON or inspect output", async () => {
    const { provider } = providerWith(numbered);
    await provider();
    expectNoSecret([provider], SECRETS);
  });

  test("an IAM error that echoes nothing secret is shown without the password or a token", async () => {
    const { provider } = providerWith(() => json(400, { error_code: "IAM.0007", error_msg: "bad" }));
    expectNoSecret([await failure(provider())], SECRETS);
  });

  afterAll(() => {
    expect(recordedOutput().filter((text) => text.includes(PASSWORD))).toEqual([]);
  });
});
