// Fuzzing every input of modifyImage: each call either fails with an InvalidInputError naming the
// field, before anything is sent, or sends a request whose path parameters are percent-encoded
// (nothing escapes the route) and whose body validates against the spec.
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";
import { createImageSearchClient, isInvalidInputError } from "../../../src/client/index.js";
import {
  compileSchema,
  jsonRequest,
  loadSpec,
  operationById,
  parameterExample,
  requestExample,
} from "../../support/spec.js";

const RUNS = Number(process.env.FUZZ_RUNS ?? 1_000);
const modifyImage = operationById(await loadSpec(), "modifyImage");
const validateBody = compileSchema(jsonRequest(modifyImage));
// A modifyImage input the spec accepts, from its examples, for the properties not fuzzed.
const validInput = {
  ...requestExample(modifyImage),
  instanceName: parameterExample(modifyImage, "instance_name"),
};

/** Any string, with the characters that could break out of a path segment well represented. */
const text = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({
    unit: fc.constantFrom("/", ".", "?", "#", "%", "\\", " ", "~", "&", "a", "é", "😀"),
    maxLength: 12,
  }),
);
const anyValue = fc.oneof(
  text,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.object(),
);

async function send(projectId: string, token: string, input: Record<string, unknown>) {
  const requests: Request[] = [];
  const client = createImageSearchClient({
    endpoint: "https://imagesearch.ap-southeast-1.myhuaweicloud.com",
    projectId,
    token,
    retry: false,
    fetch: async (request) => {
      requests.push(request as Request);
      return new Response('{"result":"Success"}', {
        status: 200,
        headers: { "Content-Type": "application/json" },
      });
    },
  });
  const error = await client.modifyImage(input as never).then(
    () => undefined,
    (e: unknown) => e,
  );
  return { error, requests };
}

async function expectRejectedOrWellFormed(
  projectId: string,
  token: string,
  input: Record<string, unknown>,
  allowedFields: readonly string[],
) {
  const { error, requests } = await send(projectId, token, input);
  if (error !== undefined) {
    expect(isInvalidInputError(error), String(error)).toBe(true);
    const field = (error as { field: string }).field;
    expect(
      allowedFields.some((f) => field === f || field.startsWith(`${f}.`)),
      field,
    ).toBe(true);
    expect(error).toHaveProperty("message", expect.stringContaining(field));
    expect(requests).toHaveLength(0);
    return;
  }
  expect(requests).toHaveLength(1);
  const request = requests[0] as Request;
  const url = new URL(request.url);
  const segments = url.pathname.split("/");
  expect(url.search).toBe("");
  expect(url.hash).toBe("");
  expect(segments).toHaveLength(5);
  expect(segments.slice(0, 2)).toEqual(["", "v1"]);
  expect(segments[4]).toBe("image");
  expect(decodeURIComponent(segments[2] ?? "")).toBe(projectId);
  expect(decodeURIComponent(segments[3] ?? "")).toBe(input.instanceName);
  expect(request.headers.get("X-Auth-Token")).toBe(token);
  const body: unknown = await request.json();
  expect(validateBody(body), JSON.stringify(validateBody.errors)).toBe(true);
}

describe("modifyImage under fuzzing", () => {
  test.prop([text, text, fc.dictionary(text, text)], { numRuns: RUNS })(
    "string inputs are sent encoded and valid, or refused naming the field",
    (instanceName, path, tags) =>
      expectRejectedOrWellFormed("p1", "t", { instanceName, path, tags }, ["instanceName", "path", "tags"]),
  );

  test.prop([anyValue, anyValue, fc.oneof(anyValue, fc.dictionary(text, anyValue))], { numRuns: RUNS })(
    "inputs of any type are sent valid, or refused naming the field",
    (instanceName, path, tags) =>
      expectRejectedOrWellFormed("p1", "t", { instanceName, path, tags }, ["instanceName", "path", "tags"]),
  );

  test.prop([text.filter((s) => s.length > 0 && s !== "." && s !== ".."), text], { numRuns: RUNS })(
    "project ids are sent encoded, and tokens are sent as given or refused naming the token",
    (projectId, token) => expectRejectedOrWellFormed(projectId, token, validInput, ["token"]),
  );

  test.prop([text], { numRuns: RUNS })(
    "project ids are accepted at creation or refused naming projectId",
    (projectId) => {
      let error: unknown;
      try {
        createImageSearchClient({ endpoint: "https://x.example", projectId, token: "t" });
      } catch (e) {
        error = e;
      }
      if (error !== undefined) expect(error).toMatchObject({ name: "InvalidInputError", field: "projectId" });
      else expect(["", ".", ".."]).not.toContain(projectId);
    },
  );
});
