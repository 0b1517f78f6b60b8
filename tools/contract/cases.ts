// The contract cases, derived from the parsed spec alone: one per operation × documented status ×
// named example, one per named request example, and the negative cases each request schema implies.
// The contract suite runs them against the mock; `npm run test:provider` runs the ones a real server
// can answer against it. Nothing here names an operation, a field or an error code.
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv, type ValidateFunction } from "ajv";
import type { OpenAPIV3 } from "openapi-types";
import { answerBody, answerFor } from "../../src/mock/answers.js";
import { escapeSegment, issuePointer, keysOf } from "../../src/mock/pointer.js";
import { formatViolation } from "../../src/mock/report.js";
import { bySpecificity, routesOn } from "../../src/mock/routes.js";
import { type Answer, DEFAULT_MAX_BODY_BYTES, type Violation } from "../../src/mock/types.js";
import { answersOf } from "../mock/violations.js";
import {
  type Credential,
  compilable,
  HTTP_METHODS,
  operationsOf,
  securityOf,
  specAjv,
} from "../shared/openapi.js";

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

export interface Spec {
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

export async function loadSpec(path: string): Promise<Spec> {
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

export interface DeriveOptions {
  /** Parameter values by name (e.g. a real project id); the spec's examples otherwise. */
  bindings?: Record<string, string>;
  /** The mock's body limit, for the "body too big" case. */
  maxBodyBytes?: number;
}

export function deriveCases(spec: Spec, options: DeriveOptions = {}): ContractCase[] {
  const cases = [
    ...spec.operations.flatMap((op) => [
      ...exampleCases(op, options),
      ...requestCases(op, options),
      ...negativeCases(op, options),
      ...routeCases(spec, op, options),
      ...literalNameCases(spec, op, options),
    ]),
    ...unknownRouteCase(spec, options),
  ];
  return cases.map((c) => {
    const providerSkip = spec.operations.find((op) => op.operationId === c.operationId)?.providerSkip;
    return providerSkip ? { ...c, providerSkip } : c;
  });
}

/** A method the path does not document, once per path (on its first operation). */
function routeCases(spec: Spec, op: Operation, options: DeriveOptions): ContractCase[] {
  const onPath = spec.operations.filter((o) => o.path === op.path);
  if (onPath[0] !== op) return [];
  const method = HTTP_METHODS.find(
    (m) => m !== "options" && m !== "head" && !onPath.some((o) => o.method === m),
  );
  if (!method) return [];
  const violation: Violation = { in: "request", at: "", kind: "method-not-allowed" };
  const answer = answerFor(op.answers, violation);
  if (!answer) return [];
  // No body: some methods cannot carry one, and the method alone is what is wrong.
  const { body: _body, ...base } = baseRequest(op, options);
  return [
    {
      ...base,
      method,
      id: `${op.operationId} ${method.toUpperCase()} ${op.path}`,
      kind: "negative",
      title: `answers ${method.toUpperCase()}, a method the path does not document, with ${answer.status} ${answer.name}`,
      expect: {
        status: answer.status,
        example: { name: answer.name, value: answerBody(answer, violation) },
        violation,
      },
      provider: false,
    },
  ];
}

/**
 * A path parameter set to another path's literal segment (e.g. an instance named `image`), where the
 * URL then matches another template too: the request still reaches this operation, the one whose
 * literal segment comes first (`bySpecificity`). Only when this operation wins; never sent to a
 * real server, which would create or delete such a resource.
 */
function literalNameCases(spec: Spec, op: Operation, options: DeriveOptions): ContractCase[] {
  const literals = [...new Set(spec.operations.flatMap((o) => o.path.split("/")))].filter(
    (segment) => segment !== "" && !segment.includes("{"),
  );
  const success = Object.keys(op.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .sort()[0];
  if (!success) return [];
  const base = baseRequest(op, options);
  const cases: ContractCase[] = [];
  for (const parameter of op.parameters.filter((p) => p.in === "path")) {
    for (const literal of literals.filter((l) => accepts(parameter.schema, l))) {
      const pathParams = { ...base.pathParams, [parameter.name]: literal };
      const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathParams[name] ?? "");
      const matching = routesOn(spec.operations, url).filter((o) => o.method === op.method);
      if (matching.length < 2) continue;
      const winner = matching.sort((a, b) => bySpecificity(a.path, b.path))[0];
      if (winner !== op) continue;
      cases.push({
        ...base,
        pathParams,
        id: `${op.operationId} request with ${parameter.name} ${literal}`,
        kind: "request",
        title: `answers ${op.method.toUpperCase()} ${url}, which another path matches too, with ${success}`,
        expect: { status: Number(success), ...firstExample(op, success) },
        provider: false,
      });
    }
  }
  return cases;
}

function firstExample(op: Operation, status: string): { example?: { name: string; value: unknown } } {
  const first = namedExamples(op.responses[status]?.media)[0];
  return first ? { example: first } : {};
}

/** A path the spec does not document, once per spec. */
function unknownRouteCase(spec: Spec, options: DeriveOptions): ContractCase[] {
  const first = spec.operations[0];
  const violation: Violation = { in: "request", at: "", kind: "route-unknown" };
  const answer = answerFor(
    spec.operations.flatMap((o) => o.answers),
    violation,
  );
  if (!first || !answer) return [];
  const base = baseRequest(first, options);
  return [
    {
      ...base,
      path: "/no-such-route",
      pathParams: {},
      id: "a path the spec does not document",
      kind: "negative",
      title: `answers a path the spec does not document with ${answer.status} ${answer.name}`,
      expect: {
        status: answer.status,
        example: { name: answer.name, value: answerBody(answer, violation) },
        violation,
      },
      provider: false,
    },
  ];
}

/** One case per documented status × named example (or one per status without named examples). */
function exampleCases(op: Operation, options: DeriveOptions): ContractCase[] {
  const base = baseRequest(op, options);
  return Object.entries(op.responses).flatMap(([status, { media }]) => {
    const code = statusCode(status);
    const named = namedExamples(media);
    if (named.length === 0) {
      return [
        {
          ...base,
          id: `${op.operationId} ${status}`,
          kind: "example" as const,
          title: `serves a ${status} that matches its schema when asked for it`,
          prefer: `code=${code}`,
          expect: { status: code },
          provider: false,
        },
      ];
    }
    return named.map(({ name, value }) => ({
      ...base,
      id: `${op.operationId} ${status} ${name || "example"}`,
      kind: "example" as const,
      title: `serves the ${status} example ${name || "(unnamed)"} when asked for it`,
      prefer: name ? `code=${code}, example=${name}` : `code=${code}`,
      expect: { status: code, example: { name, value } },
      provider: false,
    }));
  });
}

/** One case per named request example: sent as it is, it gets the first success response. */
function requestCases(op: Operation, options: DeriveOptions): ContractCase[] {
  const success = Object.keys(op.responses)
    .filter((s) => /^2\d\d$/.test(s))
    .sort()[0];
  if (!success) return [];
  const first = namedExamples(op.responses[success]?.media)[0];
  const bodies = op.requestMedia ? namedExamples(op.requestMedia.media) : [];
  const requests = bodies.length > 0 ? bodies : [{ name: "", value: undefined }];
  return requests.map(({ name, value }) => {
    const label = value === undefined ? "without body" : name || "example";
    return {
      ...baseRequest(op, options, value),
      id: `${op.operationId} request ${label}`,
      kind: "request" as const,
      title: `answers the request ${label} with ${success}`,
      expect: { status: Number(success), ...(first ? { example: first } : {}) },
      provider: true,
    };
  });
}

/** The bad requests each part of the request implies, each expecting the answer the spec maps to it. */
function negativeCases(op: Operation, options: DeriveOptions): ContractCase[] {
  const base = baseRequest(op, options);
  const cases: ContractCase[] = [];
  const add = (label: string, violation: Violation, change: Partial<ContractCase>, provider = true) => {
    const answer = answerFor(op.answers, violation);
    if (!answer) return;
    cases.push({
      ...base,
      ...change,
      id: `${op.operationId} ${formatViolation(violation)}${label ? ` (${label})` : ""}`,
      kind: "negative",
      title: `answers ${label || formatViolation(violation)} with ${answer.status} ${answer.name}`,
      expect: {
        status: answer.status,
        example: { name: answer.name, value: answerBody(answer, violation) },
        violation,
      },
      provider,
    });
  };

  for (const parameter of op.parameters) {
    const where = parameter.in as "path" | "header" | "query";
    if (where === "path") {
      // Another path segment addresses another resource: never sent to a real server.
      add(
        `empty ${parameter.name}`,
        { in: "path", at: parameter.name, kind: "empty" },
        {
          pathParams: { ...base.pathParams, [parameter.name]: "" },
        },
        false,
      );
      continue;
    }
    if (where === "header") {
      const { [parameter.name]: _gone, ...others } = base.headers;
      if (parameter.required) {
        add(
          `no ${parameter.name} header`,
          { in: "header", at: parameter.name, kind: "missing" },
          { headers: others },
        );
      }
      if (!accepts(parameter.schema, "")) {
        add(
          `an empty ${parameter.name} header`,
          { in: "header", at: parameter.name, kind: "empty" },
          {
            headers: { ...others, [parameter.name]: "" },
          },
        );
      }
    }
  }

  addSecurityCases(op, base, add);

  if (!op.requestMedia || !op.validateBody) return cases;
  const bodyValue = (base.body && "json" in base.body ? base.body.json : undefined) as unknown;
  const root = (kind: Violation["kind"]): Violation => ({ in: "body", at: "", kind });
  add("a body that is not JSON", root("not-json"), { body: { text: '{"unterminated": ' } });
  add("JSON sent as text/plain", root("not-json"), {
    body: { text: JSON.stringify(bodyValue), contentType: "text/plain" },
  });
  if (op.requestMedia.required) add("no body", root("missing"), { body: { text: "" } });
  for (const value of [[], "text", 42, true]) {
    if (!op.validateBody(value))
      add(`a body that is ${JSON.stringify(value)}`, root("type"), { body: { json: value } });
  }
  if (!op.validateBody(null)) add("a body that is null", root("null"), { body: { json: null } });
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  add("a body over the mock's limit", root("too-big"), { body: { text: " ".repeat(limit + 1) } }, false);

  for (const field of fieldsOf(op.requestMedia.media.schema, bodyValue)) {
    const variants: [string, Violation["kind"], unknown][] = [];
    if (field.required) variants.push([`without ${field.pointer}`, "missing", REMOVE]);
    if (field.schema.nullable !== true) variants.push([`${field.pointer} null`, "null", null]);
    const wrong = wrongTypeFor(field.schema);
    if (wrong !== undefined) variants.push([`${field.pointer} of the wrong type`, "type", wrong]);
    if (field.schema.type === "string") variants.push([`${field.pointer} empty`, "empty", ""]);
    for (const [label, kind, value] of variants) {
      const json = withValue(bodyValue, field.pointer, value);
      // An empty string the schema allows is a valid request, not a negative case.
      if (op.validateBody(json)) continue;
      add(label, { in: "body", at: field.pointer, kind }, { body: { json } });
    }
  }
  return cases;
}

/** Without any credential, and with the first one sent empty, when the operation needs credentials. */
function addSecurityCases(
  op: Operation,
  base: ReturnType<typeof baseRequest>,
  add: (label: string, violation: Violation, change: Partial<ContractCase>) => void,
): void {
  const first = op.security[0]?.[0];
  if (first?.in !== "header" || op.security.some((a) => a.length === 0)) return;
  const names = new Set(op.security.flat().map((c) => c.name));
  const others = Object.fromEntries(Object.entries(base.headers).filter(([name]) => !names.has(name)));
  add(`no ${first.name} header`, { in: "header", at: first.name, kind: "missing" }, { headers: others });
  add(
    `an empty ${first.name} header`,
    { in: "header", at: first.name, kind: "empty" },
    { headers: { ...others, [first.name]: "" } },
  );
}

interface Field {
  pointer: string;
  schema: OpenAPIV3.SchemaObject;
  required: boolean;
}

/** Every field the example body has or the schema requires, with its JSON pointer. */
function fieldsOf(schema: unknown, value: unknown, pointer = ""): Field[] {
  const s = schema as OpenAPIV3.SchemaObject | undefined;
  if (s?.type !== "object") return [];
  const present = isRecord(value) ? value : {};
  const fields: Field[] = [];
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const at = `${pointer}/${escapeSegment(name)}`;
    const required = s.required?.includes(name) ?? false;
    if (!required && !(name in present)) continue;
    fields.push({ pointer: at, schema: child as OpenAPIV3.SchemaObject, required });
    fields.push(...fieldsOf(child, present[name], at));
  }
  if (typeof s.additionalProperties === "object") {
    for (const name of Object.keys(present).filter((k) => !(k in (s.properties ?? {})))) {
      const at = `${pointer}/${escapeSegment(name)}`;
      fields.push({ pointer: at, schema: s.additionalProperties as OpenAPIV3.SchemaObject, required: false });
      fields.push(...fieldsOf(s.additionalProperties, present[name], at));
    }
  }
  return fields;
}

const REMOVE = Symbol("remove");

function withValue(body: unknown, pointer: string, value: unknown): unknown {
  const copy = structuredClone(body);
  const keys = keysOf(pointer);
  const last = keys.pop();
  let target: unknown = copy;
  for (const key of keys) target = isRecord(target) ? target[key] : undefined;
  if (isRecord(target) && last !== undefined) {
    if (value === REMOVE) delete target[last];
    else target[last] = value;
  }
  return copy;
}

function wrongTypeFor(schema: OpenAPIV3.SchemaObject): unknown {
  switch (schema.type) {
    case "string":
      return 42;
    case "number":
    case "integer":
    case "boolean":
    case "object":
    case "array":
      return "text";
    default:
      return undefined;
  }
}

const ajvForValues = new Ajv({ strict: false });
function accepts(schema: unknown, value: unknown): boolean {
  return ajvForValues.validate((schema ?? {}) as object, value) as boolean;
}

/** The operation's valid request: the first request example and each parameter's example or binding. */
function baseRequest(op: Operation, options: DeriveOptions, bodyValue?: unknown) {
  const pathParams: Record<string, string> = {};
  const headers: Record<string, string> = {};
  for (const parameter of op.parameters) {
    if (!parameter.required) continue;
    const value =
      options.bindings?.[parameter.name] ?? String(parameter.example ?? exampleOf(parameter.schema) ?? "x");
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
      ? (namedExamples(op.requestMedia.media)[0]?.value ?? op.requestMedia.media.example)
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

function exampleOf(schema: unknown): unknown {
  return (schema as OpenAPIV3.SchemaObject | undefined)?.example;
}

export function namedExamples(
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

/** The case as a fetch call against `baseUrl`; `prefer` only when asked (never for a real server). */
export function toRequest(
  c: ContractCase,
  baseUrl: string,
  withPrefer: boolean,
): { url: string; init: RequestInit } {
  const path = c.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(c.pathParams[name] ?? ""),
  );
  const headers: Record<string, string> = { ...c.headers };
  let body: string | undefined;
  if (c.body && "json" in c.body) {
    body = JSON.stringify(c.body.json);
    headers["content-type"] = "application/json";
  } else if (c.body) {
    body = c.body.text;
    headers["content-type"] = c.body.contentType ?? "application/json";
  }
  if (withPrefer && c.prefer) headers.prefer = c.prefer;
  return {
    url: `${baseUrl.replace(/\/+$/, "")}${path}`,
    init: { method: c.method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) },
  };
}

/** One way a response breaks the contract: where (a JSON pointer into the body, or a part of the response) and how. */
export interface Break {
  pointer: string;
  message: string;
}

/** What is wrong with a response to an operation, judged by the spec alone. */
export function contractBreaks(
  op: Operation,
  status: number,
  contentType: string | null,
  text: string,
): Break[] {
  const documented = op.responses[String(status)] ?? op.responses.default;
  if (!documented) {
    return [
      {
        pointer: "status",
        message: `${status} is not a status ${op.operationId} documents (${Object.keys(op.responses).join(", ")})`,
      },
    ];
  }
  if (!documented.validate) return [];
  if (!/^application\/(.+\+)?json/.test(contentType ?? "")) {
    return [{ pointer: "content-type", message: `is ${contentType ?? "missing"}, not application/json` }];
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [{ pointer: "", message: "body is not JSON" }];
  }
  if (documented.validate(body)) return [];
  return (documented.validate.errors ?? []).map((e) => {
    const pointer = issuePointer(e);
    return { pointer: pointer || "/", message: e.message ?? e.keyword };
  });
}

function statusCode(status: string): number {
  return /^\d{3}$/.test(status) ? Number(status) : 500;
}

function isJson(mediaType: string): boolean {
  return /^application\/(.+\+)?json$/i.test(mediaType);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * The case's request as the wrapper takes it: every path parameter but the project (which the
 * client holds) in camelCase, and the body's fields (or `body`, when given, instead).
 */
export function wrapperInput(c: ContractCase, body?: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(c.pathParams)) {
    if (name !== "project_id") input[camelCase(name)] = value;
  }
  const json = body ?? (c.body && "json" in c.body ? c.body.json : undefined);
  return isRecord(json) ? { ...input, ...json } : input;
}

function camelCase(name: string): string {
  return name.replace(/[_-]([a-z])/g, (_, c: string) => c.toUpperCase());
}
