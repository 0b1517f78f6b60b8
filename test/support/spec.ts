// The spec, parsed by a real OpenAPI parser, and ajv validators compiled from it at test time:
// the tests never restate a schema, and they do not trust generated/ to be current.
import SwaggerParser from "@apidevtools/swagger-parser";
import type { ValidateFunction } from "ajv";
import type { OpenAPIV3 } from "openapi-types";
import { operationsOf, specAjv } from "../../tools/shared/openapi.js";
import { DEFAULT_SPEC } from "../../tools/shared/specs.js";

export const SPEC_PATH = DEFAULT_SPEC;

export interface NamedExample {
  name: string;
  summary: string | undefined;
  value: unknown;
}

export async function loadSpec(path = SPEC_PATH): Promise<OpenAPIV3.Document> {
  return (await SwaggerParser.dereference(path)) as OpenAPIV3.Document;
}

export function operationById(api: OpenAPIV3.Document, operationId: string): OpenAPIV3.OperationObject {
  const found = operationsOf(api).find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the spec`);
  return found.operation;
}

export function jsonResponse(op: OpenAPIV3.OperationObject, status: string): OpenAPIV3.MediaTypeObject {
  const media = (op.responses[status] as OpenAPIV3.ResponseObject | undefined)?.content?.["application/json"];
  if (!media) throw new Error(`${op.operationId} documents no application/json ${status}`);
  return media;
}

export function jsonRequest(op: OpenAPIV3.OperationObject): OpenAPIV3.MediaTypeObject {
  const media = (op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content["application/json"];
  if (!media) throw new Error(`${op.operationId} has no application/json request body`);
  return media;
}

export function namedExamples(media: OpenAPIV3.MediaTypeObject): NamedExample[] {
  return Object.entries(media.examples ?? {}).map(([name, example]) => {
    const { summary, value } = example as OpenAPIV3.ExampleObject;
    return { name, summary, value };
  });
}

const ajv = specAjv();

export function compileSchema(media: OpenAPIV3.MediaTypeObject): ValidateFunction {
  if (!media.schema) throw new Error("media type has no schema");
  return ajv.compile(structuredClone(media.schema));
}

/** Throws with every violation, so a failing test says what broke and where. */
export function expectValid(validate: ValidateFunction, body: unknown): void {
  if (!validate(body)) {
    const where = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
    throw new Error(`body breaks the spec's schema: ${where}\n${JSON.stringify(body)}`);
  }
}

/** The example of an operation's parameter: a value the spec accepts, for tests not about that parameter. */
export function parameterExample(
  op: OpenAPIV3.OperationObject,
  name: string,
  parameters = op.parameters as OpenAPIV3.ParameterObject[] | undefined,
): unknown {
  const parameter = parameters?.find((p) => p.name === name);
  const value = parameter?.example ?? (parameter?.schema as OpenAPIV3.SchemaObject | undefined)?.example;
  if (value === undefined) throw new Error(`${op.operationId} has no example for its parameter ${name}`);
  return value;
}

/** The first example of an operation's JSON request body: a body the spec accepts. */
export function requestExample(op: OpenAPIV3.OperationObject): Record<string, unknown> {
  const media = jsonRequest(op);
  const value = media.example ?? namedExamples(media)[0]?.value;
  if (typeof value !== "object" || value === null)
    throw new Error(`${op.operationId} has no request example`);
  return value as Record<string, unknown>;
}

/** A request the spec accepts, from its examples: the method, the path with its parameters filled, the body. */
export function exampleRequest(
  api: OpenAPIV3.Document,
  operationId: string,
): { method: string; path: string; body: string | undefined } {
  const found = operationsOf(api).find((op) => op.operationId === operationId);
  if (!found) throw new Error(`no operation ${operationId} in the spec`);
  const path = found.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(String(parameterExample(found.operation, name, found.parameters))),
  );
  const body = found.operation.requestBody ? JSON.stringify(requestExample(found.operation)) : undefined;
  return { method: found.method.toUpperCase(), path, body };
}
