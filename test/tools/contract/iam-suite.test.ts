// The toolkit serving a second spec: a mock of spec/iam.openapi.yaml, and the contract cases the
// same deriver derives from it, each sent as it is and, where it is a call the provider makes,
// through iamTokenProvider. Nothing below names a field or an error code of the IAM spec.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { iamTokenProvider, isIamError } from "../../../src/client/index.js";
import { formatViolation } from "../../../src/mock/report.js";
import type { ContractCase } from "../../../tools/contract/case.js";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { deriveCases } from "../../../tools/contract/derive.js";
import { type RunningMock, startMock } from "../../../tools/mock/server.js";
import { expectNoBreaks, sendCase } from "../../support/contract-case.js";
import { expectHonestMock } from "../../support/mock-check.js";

const IAM_SPEC = "spec/iam.openapi.yaml";
const spec = await loadContractSpec(IAM_SPEC);
const cases = deriveCases(spec);
const of = (kind: ContractCase["kind"]) => cases.filter((c) => c.kind === kind);

let mock: RunningMock;
beforeAll(async () => {
  mock = await startMock({ spec: IAM_SPEC, port: 0, errors: true });
});
afterAll(() => mock?.stop());

/** The provider against the mock, with the case's credentials and, if asked, its Prefer header. */
function providerFor(c: ContractCase, prefer?: string) {
  const user = (c.body && "json" in c.body ? c.body.json : undefined) as {
    auth: {
      identity: { password: { user: { name: string; password: string; domain: { name: string } } } };
      scope: { project: { name: string } };
    };
  };
  const { name, password, domain } = user.auth.identity.password.user;
  return iamTokenProvider({
    iamEndpoint: mock.url,
    user: name,
    password,
    domain: domain.name,
    project: user.auth.scope.project.name,
    fetch: (async (request: Request, init?: RequestInit) => {
      const headers = new Headers(request.headers);
      if (prefer) headers.set("Prefer", prefer);
      const response = await fetch(new Request(request, { headers }), init);
      await expectHonestMock(response);
      return response;
    }) as typeof globalThis.fetch,
  });
}

/** The header the spec documents for the success response, with its example (the token). */
function successHeaderExample(c: ContractCase): string | undefined {
  const op = spec.operations.find((o) => o.operationId === c.operationId);
  const response = op?.operation.responses[String(c.expect.status)] as
    | { headers?: Record<string, { example?: unknown }> }
    | undefined;
  const example = Object.values(response?.headers ?? {})[0]?.example;
  return typeof example === "string" ? example : undefined;
}

describe(`the contract cases derived from ${IAM_SPEC}`, () => {
  test("cover its operation with example, request and negative cases", () => {
    expect(new Set(cases.map((c) => c.kind))).toEqual(new Set(["example", "request", "negative"]));
  });

  describe("each documented response, forced with Prefer", () => {
    test.for(of("example"))("$title", async (c) => {
      const { response, text, body } = await sendCase(c, mock.url, true);

      expect(response.status).toBe(c.expect.status);
      expectNoBreaks(spec, c.operationId, response.status, response.headers.get("content-type"), text);
      if (c.expect.example) expect(body).toEqual(c.expect.example.value);

      // Through the provider: a success is the token, an error envelope is an IamError.
      const result = providerFor(c, c.prefer)().then(
        (token) => ({ token }),
        (error: unknown) => ({ error }),
      );
      if (c.expect.status < 300) {
        expect(await result).toEqual({ token: successHeaderExample(c) });
      } else {
        const { error } = (await result) as { error?: unknown };
        const envelope = c.expect.example?.value as { error_code: string; error_msg: string };
        expect(isIamError(error)).toBe(true);
        expect(error).toMatchObject({
          status: c.expect.status,
          code: envelope.error_code,
          errorMsg: envelope.error_msg,
        });
      }
    });
  });

  describe("each request example, sent as it is", () => {
    test.for(of("request"))("$title", async (c) => {
      const { response, text } = await sendCase(c, mock.url, false);

      expect(response.status).toBe(c.expect.status);
      expectNoBreaks(spec, c.operationId, response.status, response.headers.get("content-type"), text);
      expect(response.headers.get("x-subject-token")).toBe(successHeaderExample(c));
      // The provider, given the same credentials, sends a request the mock accepts as well.
      await expect(providerFor(c)()).resolves.toBe(successHeaderExample(c));
    });
  });

  describe("each bad request the request schema implies", () => {
    test.for(of("negative"))("$title", async (c) => {
      const { response, text, body } = await sendCase(c, mock.url, false);

      expect(response.status).toBe(c.expect.status);
      expectNoBreaks(spec, c.operationId, response.status, response.headers.get("content-type"), text);
      expect(body).toEqual(c.expect.example?.value);
      const seen = JSON.parse(response.headers.get("sl-violations") ?? "[]") as { message: string }[];
      expect(seen.map((v) => v.message)).toEqual([c.expect.violation && formatViolation(c.expect.violation)]);
    });
  });
});
