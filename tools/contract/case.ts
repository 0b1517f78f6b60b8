// What one contract case is, and the pieces every kind of case is built from: the operation's valid
// request, its first success status, and the expectation of a documented error answer.
import type { OpenAPIV3 } from "openapi-types";
import { answerBody } from "../../src/mock/answers.js";
import type { Answer, Violation } from "../../src/mock/types.js";
import { mediaExamples, type Operation } from "./contract-spec.js";

export type CaseKind = "example" | "request" | "negative";

export interface ContractCase {
  /** Unique and readable, e.g. `modifyImage 400 path-null`. */
  id: string;
  operationId: string;
  kind: CaseKind;
  /** What the case shows, as a behaviour sentence. */
  title: string;
  method: string;
  /** The path template, e.g. `/v1/{project_id}/{instance_name}/image`. */
  path: string;
  pathParams: Record<string, string>;
  headers: Record<string, string>;
  body?: { json: unknown } | { text: string; contentType?: string };
  /** `Prefer` header that forces the mock's answer; the provider run never sends it. */
  prefer?: string;
  expect: {
    status: number;
    /** The named example the mock must serve, if there is one. */
    example?: { name: string; value: unknown };
    violation?: Violation;
  };
  /** Whether a real server can answer it without leaving the named project and instance. */
  provider: boolean;
  /** Why the spec spares a real server this operation (`x-provider-verification: { skip }`), if it does. */
  providerSkip?: string;
}

export interface DeriveOptions {
  /** Parameter values by name (e.g. a real project id); the spec's examples otherwise. */
  bindings?: Record<string, string>;
  /** The mock's body limit, for the "body too big" case. */
  maxBodyBytes?: number;
}

/** The case's request, before it says what it shows and expects. */
export type BaseRequest = ReturnType<typeof baseRequest>;

/** The operation's valid request: the first request example and each parameter's example or binding. */
export function baseRequest(op: Operation, options: DeriveOptions, bodyValue?: unknown) {
  const pathParams: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const parameter of op.parameters) {
    if (!parameter.required) continue;
    const value =
      options.bindings?.[parameter.name] ??
      String(parameter.example ?? schemaExample(parameter.schema) ?? "x");
    if (parameter.in === "path") pathParams[parameter.name] = value;
    if (parameter.in === "header") headers[parameter.name] = value;
  }
  // The first way to authenticate (e.g. the token); a real run binds it to a real credential.
  for (const credential of op.security[0] ?? []) {
    if (credential.in === "header") headers[credential.name] = options.bindings?.[credential.name] ?? "x";
  }
  const json =
    bodyValue ??
    (op.requestMedia
      ? (mediaExamples(op.requestMedia.media)[0]?.value ?? op.requestMedia.media.example)
      : undefined);
  return {
    operationId: op.operationId,
    method: op.method,
    path: op.path,
    pathParams,
    headers,
    ...(op.requestMedia && json !== undefined ? { body: { json } } : {}),
  };
}

function schemaExample(schema: unknown): unknown {
  return (schema as OpenAPIV3.SchemaObject | undefined)?.example;
}

/** The operation's first documented 2xx status, if it documents one. */
export function successStatus(op: Operation): string | undefined {
  return Object.keys(op.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .sort()[0];
}

/** What a case expects when the spec maps its violation to `answer`. */
export function answerExpectation(answer: Answer, violation: Violation): ContractCase["expect"] {
  return {
    status: answer.status,
    example: { name: answer.name, value: answerBody(answer, violation) },
    violation,
  };
}
