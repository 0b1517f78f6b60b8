// A spec as the contract cases read it: each operation with its parameters, security, JSON request
// media, ajv validators compiled from its schemas, the error answers it documents and what a real
// server is spared (`x-provider-verification`).
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv, type ValidateFunction } from "ajv";
import type { OpenAPIV3 } from "openapi-types";
import type { Answer } from "../../src/mock/types.js";
import { answersOf } from "../mock/violations.js";
import { type Credential, compilable, operationsOf, securityOf, specAjv } from "../shared/openapi.js";

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
  /** The operation's security alternatives (tools/shared/openapi.ts, `securityOf`). */
  security: Credential[][];
  requestMedia?: { type: string; media: OpenAPIV3.MediaTypeObject; required: boolean };
  /** ajv validators compiled from the spec, by status. */
  responses: Record<string, { media?: OpenAPIV3.MediaTypeObject; validate?: ValidateFunction }>;
  validateBody?: ValidateFunction;
  answers: Answer[];
  /** Why a real server is spared this operation unless the run opts in, from `x-provider-verification`. */
  providerSkip?: string;
  /** What the operation changes on a real server: sent only when the run allows writes. */
  providerWrites?: string;
}

export async function loadContractSpec(path: string): Promise<ContractSpec> {
  const api = (await SwaggerParser.dereference(path)) as OpenAPIV3.Document;
  const ajv = specAjv({}, api);
  const compile = (schema: object | undefined) => (schema ? ajv.compile(compilable(schema)) : undefined);
  const operations: Operation[] = [];
  for (const { path, method, operationId, operation, parameters } of operationsOf(api)) {
    const body = operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
    const type = Object.keys(body?.content ?? {}).find(isJson);
    const media = type ? body?.content[type] : undefined;
    const responses: Operation["responses"] = {};
    for (const [status, response] of Object.entries(operation.responses)) {
      const json = (response as OpenAPIV3.ResponseObject).content?.["application/json"];
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
      parameters,
      security: securityOf(api, operation),
      ...(type && media && body ? { requestMedia: { type, media, required: body.required === true } } : {}),
      responses,
      ...withValidate(compile(media?.schema), "validateBody"),
      answers: answersOf(operation),
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

function isJson(mediaType: string): boolean {
  return /^application\/(.+\+)?json$/i.test(mediaType);
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

const ajvForValues = new Ajv({ strict: false });
/** Whether `schema` accepts `value`, as one plain value (a path segment, a header). */
export function schemaAccepts(schema: unknown, value: unknown): boolean {
  return ajvForValues.validate((schema ?? {}) as object, value) as boolean;
}
