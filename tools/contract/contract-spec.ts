// A spec as the contract cases read it: each operation with its parameters, security, JSON request
// media, ajv validators compiled from its schemas, the error answers it documents and what a real
// server is spared (`x-provider-verification`).
import type { ValidateFunction } from "ajv";
import type { OpenAPIV3 } from "openapi-types";
import type { FallbackAnswer } from "../../generated/shared-types.js";
import type { Answer } from "../../src/mock/types.js";
import { isIgnoredParameter, layoutOf, type ParameterLayout, sendsBody } from "../codegen/layout.js";
import { GENERATED_LENGTHS } from "../codegen/validators-module.js";
import { fallbackOf } from "../mock/fallback.js";
import { answersOf } from "../mock/violations.js";
import { loadSpec } from "../shared/load-spec.js";
import {
  type Credential,
  canonicalSchema,
  compilable,
  jsonMedia,
  operationsOf,
  securityOf,
  specAjv,
  withoutAnnotations,
} from "../shared/openapi.js";

export interface ContractSpec {
  api: OpenAPIV3.Document;
  operations: Operation[];
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  operation: OpenAPIV3.OperationObject;
  parameters: OpenAPIV3.ParameterObject[];
  /** Each parameter with the name a client's method takes it by (generated/<spec>.operations.ts). */
  inputs: ParameterLayout[];
  /** Whether a client's method takes the body's fields beside the parameters, or the body as `body`. */
  bodyInput: "fields" | "body" | undefined;
  /** The operation's security alternatives (tools/shared/openapi.ts, `securityOf`). */
  security: Credential[][];
  requestMedia?: { type: string; media: OpenAPIV3.MediaTypeObject; required: boolean };
  /** A body of bytes (a media type neither JSON nor a form, or any type): no schema to make it from. */
  rawBody?: { mediaType: string; required: boolean };
  /** ajv validators compiled from the spec, by status. */
  responses: Record<string, { media?: OpenAPIV3.MediaTypeObject; validate?: ValidateFunction }>;
  validateBody?: ValidateFunction;
  answers: Answer[];
  /** The answer to a violation none of `answers` is mapped to, as the mocks give it. */
  fallback: FallbackAnswer;
  /** Why a real server is spared this operation unless the run opts in, from `x-provider-verification`. */
  providerSkip?: string;
  /** What the operation changes on a real server: sent only when the run allows writes. */
  providerWrites?: string;
}

export async function loadContractSpec(path: string): Promise<ContractSpec> {
  // Through the one loader: a recursive schema keeps its `$ref`, which specAjv's validators follow.
  const api = (await loadSpec(path)).dereferenced();
  const ajv = specAjv(GENERATED_LENGTHS, api);
  // Compiled as generated/ compiles them (validators-module.ts), so that each reports its issues in
  // the same order as the mocks' validators: a case expects the violation the mocks will see.
  // Schemas that check the same (every operation's error envelope) share one validator, as there.
  const byCheck = new Map<string, ValidateFunction>();
  const compile = (schema: object | undefined) => {
    if (!schema) return undefined;
    const compiled = compilable(withoutAnnotations(canonicalSchema(schema)) as object);
    const check = JSON.stringify(compiled);
    const known = byCheck.get(check) ?? ajv.compile(compiled);
    byCheck.set(check, known);
    return known;
  };
  const operations: Operation[] = [];
  for (const at of operationsOf(api)) {
    const { path, method, operationId, operation, parameters } = at;
    const layout = layoutOf(at);
    const body = sendsBody(method)
      ? (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)
      : undefined;
    // JSON, else a form: the media type a client's method sends the body as (layout.ts).
    const type = layout.body?.schema ? layout.body.mediaType : undefined;
    const media = type ? body?.content[type] : undefined;
    const responses: Operation["responses"] = {};
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const json = jsonMedia((response as OpenAPIV3.ResponseObject).content)?.media;
      responses[status] = {
        ...(json ? { media: json } : {}),
        ...withValidate(compile(json?.schema), "validate"),
      };
    }
    operations.push({
      operationId,
      method,
      path,
      operation,
      // What OpenAPI says is ignored (an `Accept` header parameter) neither the client nor the mocks check.
      parameters: parameters.filter((p) => !isIgnoredParameter(p)),
      inputs: layout.parameters,
      bodyInput: layout.body?.input,
      security: securityOf(api, operation),
      ...(type && media && body ? { requestMedia: { type, media, required: body.required === true } } : {}),
      ...(layout.body && layout.body.schema === undefined
        ? { rawBody: { mediaType: layout.body.mediaType, required: layout.body.required } }
        : {}),
      responses,
      ...withValidate(compile(media?.schema), "validateBody"),
      answers: answersOf(operation),
      fallback: fallbackOf(operation, ajv),
      ...providerVerificationOf(operation),
    });
  }
  return { api, operations };
}

/**
 * `x-provider-verification` on an operation: `{ skip: <reason> }` spares a real server the operation
 * unless the run names it; `{ writes: <reason> }` sends it only when the run allows writes.
 */
function providerVerificationOf(operation: OpenAPIV3.OperationObject): {
  providerSkip?: string;
  providerWrites?: string;
} {
  const extension = (operation as { "x-provider-verification"?: Record<string, unknown> })[
    "x-provider-verification"
  ];
  if (extension === undefined) return {};
  const entries = Object.entries(extension ?? {});
  const [key, reason] = entries[0] ?? [];
  if (
    entries.length !== 1 ||
    (key !== "skip" && key !== "writes") ||
    typeof reason !== "string" ||
    !reason.trim()
  ) {
    throw new Error(
      `${operation.operationId}: x-provider-verification must be { skip: <reason> } or { writes: <reason> }`,
    );
  }
  return key === "skip" ? { providerSkip: reason } : { providerWrites: reason };
}

function withValidate<K extends string>(validate: ValidateFunction | undefined, key: K) {
  return (validate ? { [key]: validate } : {}) as Partial<Record<K, ValidateFunction>>;
}

export function mediaExamples(
  media: OpenAPIV3.MediaTypeObject | undefined,
): { name: string; value: unknown }[] {
  const named = Object.entries(media?.examples ?? {}).map(([name, example]) => ({
    name,
    value: (example as OpenAPIV3.ExampleObject).value,
  }));
  // A single unnamed `example` has no name Prefer could select it by.
  if (named.length === 0 && media?.example !== undefined) return [{ name: "", value: media.example }];
  return named;
}

// A `format` is an annotation here, as in every validator the spec compiles to (any format passes):
// not checked, and not warned about once per schema.
const ajvForValues = specAjv({ ...GENERATED_LENGTHS, strict: false, validateFormats: false });
const compiledForValues = new WeakMap<object, (value: unknown) => boolean>();
/** Whether `schema` accepts `value`, as one plain value (a path segment, a header). */
export function schemaAccepts(schema: unknown, value: unknown): boolean {
  const key = (schema ?? {}) as object;
  let validate = compiledForValues.get(key);
  if (!validate) {
    validate = ajvForValues.compile(compilable(key)) as (value: unknown) => boolean;
    compiledForValues.set(key, validate);
  }
  return validate(value);
}
