// Client and mock agree on every documented response: requests go through the wrapper (or, for
// requests the spec forbids, the raw openapi-fetch client) to the real Prism mock from global setup,
// and every body that comes back is validated against its schema, compiled from the spec.
import { beforeAll, describe, expect, inject, test } from "vitest";
import {
  createImageSearchClient,
  type ImageSearchClient,
  ImageSearchError,
  isImageSearchError,
} from "../src/index.js";
import { TEST_TOKEN } from "./support/secrets.js";
import {
  compileSchema,
  expectValid,
  jsonRequest,
  jsonResponse,
  loadSpec,
  type NamedExample,
  namedExamples,
  operationById,
} from "./support/spec.js";

const api = await loadSpec();
const modifyImage = operationById(api, "modifyImage");
const success = jsonResponse(modifyImage, "200");
const failure = jsonResponse(modifyImage, "400");
const validateSuccess = compileSchema(success);
const validateFailure = compileSchema(failure);
const errorExamples = namedExamples(failure);
const pageRequest = namedExamples(jsonRequest(modifyImage)).find(
  (e) => e.name === "page-example",
) as NamedExample & {
  value: { path: string; tags: Record<string, string> };
};

const PROJECT_ID = "0123456789abcdef0123456789abcdef";
const INSTANCE = "test-instance";

let client: ImageSearchClient;
let bodiesSeen: { status: number; text: string }[];

beforeAll(() => {
  bodiesSeen = [];
  client = createImageSearchClient({
    endpoint: inject("mockUrl"),
    projectId: PROJECT_ID,
    token: TEST_TOKEN,
    // Tee every body the mock returns, so the suite can check each against its schema.
    fetch: async (request) => {
      const response = await fetch(request);
      bodiesSeen.push({ status: response.status, text: await response.clone().text() });
      return response;
    },
  });
});

describe("PUT /v1/{project_id}/{instance_name}/image (modifyImage)", () => {
  test("the page's example request resolves to the page's example response", async () => {
    const result = await client.modifyImage({ instanceName: INSTANCE, ...pageRequest.value });

    expect(result).toEqual({ result: "Success" });
    expectValid(validateSuccess, result);
    expect(result).toEqual(namedExamples(success)[0]?.value);
  });

  test("the spec documents at least the page's failure example and one per error code", () => {
    expect(errorExamples.map((e) => e.name)).toContain("path-null");
    expect(errorExamples.length).toBeGreaterThanOrEqual(10);
  });

  describe.each(errorExamples)("named 400 example $name", (example) => {
    test("is valid against the error schema", () => {
      expectValid(validateFailure, example.value);
    });

    test("rejects with ImageSearchError carrying its code and message", async () => {
      const { error_code, error_msg } = example.value as { error_code: string; error_msg: string };
      const call = client.modifyImage(
        { instanceName: INSTANCE, ...pageRequest.value },
        { headers: { Prefer: `code=400, example=${example.name}` } },
      );

      const error = await call.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImageSearchError);
      expect(isImageSearchError(error)).toBe(true);
      expect(error).toMatchObject({
        name: "ImageSearchError",
        operation: "modifyImage",
        status: 400,
        code: error_code,
        errorMsg: error_msg,
      });
      expect((error as ImageSearchError).response.status).toBe(400);
    });
  });

  describe("requests the spec forbids, sent with the raw client, get a 400 in the error envelope", () => {
    const target = "/v1/{project_id}/{instance_name}/image" as const;
    const path = { project_id: PROJECT_ID, instance_name: INSTANCE };
    const forbidden: { name: string; header: Record<string, string>; body: unknown }[] = [
      { name: "no path", header: { "X-Auth-Token": "t" }, body: { tags: { a: "b" } } },
      { name: "no tags", header: { "X-Auth-Token": "t" }, body: { path: "https://x/y.jpg" } },
      { name: "empty path", header: { "X-Auth-Token": "t" }, body: { path: "", tags: { a: "b" } } },
      { name: "no token", header: {}, body: { path: "https://x/y.jpg", tags: { a: "b" } } },
      { name: "an empty token", header: { "X-Auth-Token": "" }, body: { path: "https://x/y.jpg", tags: {} } },
      { name: "path of the wrong type", header: { "X-Auth-Token": "t" }, body: { path: 42, tags: {} } },
      { name: "tags of the wrong type", header: { "X-Auth-Token": "t" }, body: { path: "p", tags: "a=b" } },
      {
        name: "a tag value of the wrong type",
        header: { "X-Auth-Token": "t" },
        body: { path: "p", tags: { a: 1 } },
      },
    ];

    test.each(forbidden)("$name", async ({ header, body }) => {
      const { data, error, response } = await client.raw.PUT(target, {
        params: { path, header: header as { "X-Auth-Token": string } },
        body: body as never,
      });

      expect(data).toBeUndefined();
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expectValid(validateFailure, error);
    });
  });

  test("a request without path gets the page's own failure example", async () => {
    const { error, response } = await client.raw.PUT("/v1/{project_id}/{instance_name}/image", {
      params: { path: { project_id: PROJECT_ID, instance_name: INSTANCE }, header: { "X-Auth-Token": "t" } },
      body: { tags: { "test-tags": "test-image" } } as never,
    });

    expect(response.status).toBe(400);
    expect(error).toEqual({ error_code: "IS.0003", error_msg: "Arguments of path can not be null." });
  });

  test("every body the mock returned in this file validates against its schema", () => {
    expect(bodiesSeen.length).toBeGreaterThan(errorExamples.length);
    const validators: Record<number, typeof validateSuccess> = { 200: validateSuccess, 400: validateFailure };
    for (const { status, text } of bodiesSeen) {
      const validate = validators[status];
      expect(validate, `status ${status} is not documented`).toBeDefined();
      expectValid(validate as typeof validateSuccess, JSON.parse(text));
    }
  });
});
