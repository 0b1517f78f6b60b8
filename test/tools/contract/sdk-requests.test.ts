// Requests shaped as the official SDKs build them reach the mocks and get the documented success.
// Image Search: each v1 operation's method, path and Content-Type as the Go SDK's request definitions
// give them (test/fixtures/sdk-models.json; `application/json;charset=UTF-8` on bodies), with the
// spec's own example bodies. IAM: the official IAM SDK itself (KeystoneCreateUserTokenByPassword)
// sends its password-token request to the IAM mock, scoped each way IAM documents.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { getResponse } from "msw";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createImageSearchHandlers } from "../../../src/mock/msw.js";
import type { SdkOperation } from "../../../tools/contract/sdk-models.js";
import { type RunningMock, startMock } from "../../../tools/mock/server.js";
import { operationsOf } from "../../../tools/shared/openapi.js";
import { TEST_TOKEN } from "../../support/secrets.js";
import {
  compileSchema,
  expectValid,
  jsonRequest,
  jsonResponse,
  loadSpec,
  namedExamples,
} from "../../support/spec.js";

const sdk = JSON.parse(readFileSync("test/fixtures/sdk-models.json", "utf8")) as {
  operations: Record<string, SdkOperation>;
};
const api = await loadSpec();
const handlers = createImageSearchHandlers({ baseUrl: inject("mockUrl") });
const PARAMS: Record<string, string> = {
  project_id: "0123456789abcdef0123456789abcdef",
  instance_name: "test-instance",
};

/** The request the SDK builds for one operation, with the spec's first example body, if any. */
function sdkRequest(base: string, name: string, op: SdkOperation): { request: Request; operationId: string } {
  const at = operationsOf(api).find((o) => o.method.toUpperCase() === op.method && o.path === op.path);
  if (!at) throw new Error(`the spec has no ${op.method} ${op.path} for ${name}`);
  const body = at.operation.requestBody ? namedExamples(jsonRequest(at.operation))[0]?.value : undefined;
  const path = op.path.replace(/\{(\w+)\}/g, (_, p: string) => PARAMS[p] ?? "");
  const request = new Request(`${base}${path}`, {
    method: op.method,
    headers: { "Content-Type": op.contentType, "X-Auth-Token": TEST_TOKEN },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { request, operationId: at.operationId };
}

describe("Image Search requests shaped as the official SDK builds them", () => {
  const cases = Object.entries(sdk.operations).map(([name, op]) => [name, op.method, op.path, op] as const);

  test("are the eight operations", () => {
    expect(cases).toHaveLength(8);
  });

  test.each(cases)(
    "%s (%s %s) gets 200 with a body the spec accepts, from the mock and the MSW handlers",
    async (name, _m, _p, op) => {
      const base = inject("mockUrl");
      const { request, operationId } = sdkRequest(base, name, op);
      const at = operationsOf(api).find((o) => o.operationId === operationId);
      if (!at) throw new Error(operationId);
      // The SDK marks a body as JSON in UTF-8, and a call without one as plain JSON.
      expect(op.contentType).toBe(
        at.operation.requestBody ? "application/json;charset=UTF-8" : "application/json",
      );
      const validate = compileSchema(jsonResponse(at.operation, "200"));
      for (const response of [await fetch(request.clone()), await getResponse(handlers, request.clone())]) {
        expect(response?.status, `${name}: ${await response?.clone().text()}`).toBe(200);
        expectValid(validate, await response?.json());
      }
    },
  );
});

// The SDK's entry point: its package root fails to load in this version.
const require = createRequire(import.meta.url);
const iam = require("@huaweicloud/huaweicloud-sdk-iam/v3/public-api");
const core = require("@huaweicloud/huaweicloud-sdk-core");

describe("the official IAM SDK's password-token request to the IAM mock", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ spec: "spec/iam.openapi.yaml", port: 0, errors: true });
  }, 60_000);
  afterAll(() => mock?.stop());

  const scopes = [
    [
      "project id",
      () => new iam.AuthScope().withProject(new iam.AuthScopeProject().withId(PARAMS.project_id)),
    ],
    [
      "project name",
      () => new iam.AuthScope().withProject(new iam.AuthScopeProject().withName("ap-southeast-1")),
    ],
    [
      "domain name",
      () => new iam.AuthScope().withDomain(new iam.AuthScopeDomain().withName("example-account")),
    ],
  ] as const;

  test.each(scopes)(
    "scoped by %s gets 201 and an X-Subject-Token",
    async (_, scope) => {
      // The SDK sends to the endpoint it is given: the local mock. The call needs no AK/SK of its own.
      const client = iam.IamClient.newBuilder()
        .withCredential(new core.GlobalCredentials().withAk("AK-not-used").withSk("SK-not-used"))
        .withEndpoint(mock.url)
        .build();
      const user = new iam.PwdPasswordUser()
        .withName("alice")
        .withPassword("not-a-real-password")
        .withDomain(new iam.PwdPasswordUserDomain().withName("example-account"));
      const identity = new iam.PwdIdentity()
        .withMethods(["password"])
        .withPassword(new iam.PwdPassword().withUser(user));
      const body = new iam.KeystoneCreateUserTokenByPasswordRequestBody().withAuth(
        new iam.PwdAuth().withIdentity(identity).withScope(scope()),
      );

      const response = await client.keystoneCreateUserTokenByPassword(
        new iam.KeystoneCreateUserTokenByPasswordRequest().withBody(body),
      );

      expect(response.httpStatusCode).toBe(201);
      expect(response["X-Subject-Token"]).toEqual(expect.any(String));
      expect(response["X-Subject-Token"].length).toBeGreaterThan(0);
    },
    60_000,
  );
});
