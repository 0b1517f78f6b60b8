// Requests shaped as the official SDKs build them reach the mocks and get the documented success.
// Image Search v1: each operation's method, path and Content-Type as the Go SDK's request definitions
// give them (test/fixtures/sdk-models.json; `application/json;charset=UTF-8` on bodies), with the
// spec's own example bodies. Image Search v2: the same from test/fixtures/sdk-models-v2.json
// (`application/json`), with each of the spec's example bodies, to the Node mock of the v2 spec and
// its MSW handlers, which must answer alike (each documented error example too, and an empty body
// or a missing token with the code the spec maps them to); and each operation sent by the official
// SDK core itself (HcClient, AK/SK signed, project_id from the credentials). IAM: the official IAM SDK itself (KeystoneCreateUserTokenByPassword) sends its
// password-token request to the IAM mock, scoped each way IAM documents.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { getResponse } from "msw";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { createImageSearchHandlers, createImageSearchV2Handlers } from "../../../src/mock/msw.js";
import type { SdkOperation } from "../../../tools/contract/sdk-models.js";
import { type RunningMock, startMock } from "../../../tools/mock/server.js";
import { type OperationAt, operationsOf } from "../../../tools/shared/openapi.js";
import { TEST_TOKEN } from "../../support/secrets.js";
import {
  compileSchema,
  expectValid,
  jsonRequest,
  jsonResponse,
  loadSpec,
  type NamedExample,
  namedExamples,
} from "../../support/spec.js";

type SdkOperations = { operations: Record<string, SdkOperation> };
const sdk = JSON.parse(readFileSync("test/fixtures/sdk-models.json", "utf8")) as SdkOperations;
const api = await loadSpec();
const handlers = createImageSearchHandlers({ baseUrl: inject("mockUrl") });
const PARAMS: Record<string, string> = {
  project_id: "0123456789abcdef0123456789abcdef",
  instance_name: "test-instance",
  service_name: "test-service",
};

/** The operation of `spec` that the SDK operation is. */
function specOperationOf(spec: OpenAPIV3.Document, name: string, op: SdkOperation): OperationAt {
  const at = operationsOf(spec).find((o) => o.method.toUpperCase() === op.method && o.path === op.path);
  if (!at) throw new Error(`the spec has no ${op.method} ${op.path} for ${name}`);
  return at;
}

/** The spec's named example bodies of an operation's request, none when it takes no body. */
function exampleBodies(at: OperationAt): NamedExample[] {
  return at.operation.requestBody ? namedExamples(jsonRequest(at.operation)) : [];
}

/** The request the SDK builds for one operation, with `body`, if any, and the test token. */
function sdkRequest(base: string, op: SdkOperation, body: unknown): Request {
  const path = op.path.replace(/\{(\w+)\}/g, (_, p: string) => PARAMS[p] ?? "");
  return new Request(`${base}${path}`, {
    method: op.method,
    headers: { "Content-Type": op.contentType, "X-Auth-Token": TEST_TOKEN },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

describe("Image Search requests shaped as the official SDK builds them", () => {
  const cases = Object.entries(sdk.operations).map(([name, op]) => [name, op.method, op.path, op] as const);

  test("are the eight operations", () => {
    expect(cases).toHaveLength(8);
  });

  test.each(cases)(
    "%s (%s %s) gets 200 with a body the spec accepts, from the mock and the MSW handlers",
    async (name, _m, _p, op) => {
      const at = specOperationOf(api, name, op);
      const request = sdkRequest(inject("mockUrl"), op, exampleBodies(at)[0]?.value);
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
// The SDK core's client builder, which each service's client builder wraps; not in its public API.
const { ClientBuilder } = require("@huaweicloud/huaweicloud-sdk-core/ClientBuilder");

const V2_SPEC = "spec/image-search-v2.openapi.yaml";
const V2_SERVER = "https://mms.test";
const v2Handlers = createImageSearchV2Handlers({ baseUrl: V2_SERVER });

/** The answers of the Node mock at `mockUrl` and of the v2 MSW handlers to the same request. */
async function bothMocks(mockUrl: string, request: Request) {
  const toMock = new Request(request.url.replace(V2_SERVER, mockUrl), request.clone());
  return [await fetch(toMock), await getResponse(v2Handlers, request.clone())] as const;
}
const sdkV2 = JSON.parse(readFileSync("test/fixtures/sdk-models-v2.json", "utf8")) as SdkOperations;
const apiV2 = await loadSpec(V2_SPEC);
const v2Cases = Object.entries(sdkV2.operations).map(([name, op]) => {
  const at = specOperationOf(apiV2, name, op);
  return { name, op, at, validate: compileSchema(jsonResponse(at.operation, "200")) };
});

describe("Image Search v2 requests shaped as the official SDKs build them, to the Node mock of the v2 spec", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ spec: V2_SPEC, port: 0 });
  }, 60_000);
  afterAll(() => mock?.stop());

  test("are the five operations, each sent as a media type its spec operation takes", () => {
    expect(v2Cases).toHaveLength(5);
    for (const { op, at } of v2Cases) {
      const media = Object.keys((at.operation.requestBody as OpenAPIV3.RequestBodyObject).content);
      expect(media).toContain(op.contentType.split(";")[0]);
    }
  });

  const withBodies = v2Cases.flatMap((c) => exampleBodies(c.at).map((example) => ({ ...c, example })));
  test.each(withBodies.map((c) => [c.name, c.example.name, c] as const))(
    "%s with the spec's example body %s, the Go SDK's method, path and Content-Type, gets 200 with a body the spec accepts, from the mock and the MSW handlers alike",
    async (name, _, { op, example, validate }) => {
      const [response, fromMsw] = await bothMocks(mock.url, sdkRequest(V2_SERVER, op, example.value));

      expect(response.status, `${name}: ${await response.clone().text()}`).toBe(200);
      const body = await response.json();
      expectValid(validate, body);
      expect([fromMsw?.status, await fromMsw?.json()]).toEqual([200, body]);
    },
  );

  const errorExamples = v2Cases.flatMap((c) =>
    Object.keys(c.at.operation.responses)
      .filter((status) => status !== "200")
      .flatMap((status) =>
        namedExamples(jsonResponse(c.at.operation, status)).map((e) => ({ ...c, status, example: e })),
      ),
  );
  test.each(errorExamples.map((c) => [c.name, c.status, c.example.name, c] as const))(
    "%s answers its documented %s example %s when Prefer asks for it, from the mock and the MSW handlers alike",
    async (_n, status, name, { op, at }) => {
      const request = sdkRequest(V2_SERVER, op, exampleBodies(at)[0]?.value);
      request.headers.set("Prefer", `code=${status}, example=${name}`);
      const [response, fromMsw] = await bothMocks(mock.url, request);

      const body = await response.json();
      expect(response.status).toBe(Number(status));
      expect(body).toEqual(
        namedExamples(jsonResponse(at.operation, status)).find((e) => e.name === name)?.value,
      );
      expect([fromMsw?.status, await fromMsw?.json()]).toEqual([response.status, body]);
    },
  );

  test.each(v2Cases.map((c) => [c.name, c] as const))(
    "%s with an empty body is answered 400 MMS.0003, and without a token 403 MMS.0001, by the mock and the MSW handlers alike",
    async (_, { op, at }) => {
      const empty = sdkRequest(V2_SERVER, op, {});
      const tokenless = sdkRequest(V2_SERVER, op, exampleBodies(at)[0]?.value);
      tokenless.headers.delete("X-Auth-Token");

      for (const [request, status, code] of [
        [empty, 400, "MMS.0003"],
        [tokenless, 403, "MMS.0001"],
      ] as const) {
        const [response, fromMsw] = await bothMocks(mock.url, request);
        const body = await response.json();
        expect([response.status, body.error_code]).toEqual([status, code]);
        expect([fromMsw?.status, await fromMsw?.json()]).toEqual([status, body]);
      }
    },
  );

  test.each(v2Cases.map((c) => [c.name, c] as const))(
    "%s sent by the official SDK core (AK/SK signed, project_id from the credentials) gets 200",
    async (name, { op, at, validate }) => {
      const client = new ClientBuilder((hc: unknown) => hc)
        .withCredential(
          new core.BasicCredentials()
            .withAk("AK-not-used")
            .withSk("SK-not-used")
            .withProjectId(PARAMS.project_id),
        )
        .withEndpoint(mock.url)
        .build();

      const response = await client.sendRequest({
        method: op.method,
        url: op.path,
        contentType: op.contentType,
        pathParams: { service_name: PARAMS.service_name },
        queryParams: {},
        headers: {},
        data: exampleBodies(at)[0]?.value,
      });

      const { httpStatusCode, ...body } = response;
      expect(httpStatusCode, name).toBe(200);
      expectValid(validate, body);
    },
    60_000,
  );
});

describe("the official IAM SDK's password-token request to the IAM mock", () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ spec: "spec/iam.openapi.yaml", port: 0, errors: true });
  });
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
