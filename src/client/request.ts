// A caller's input as the request openapi-fetch builds: each parameter taken by its input name (or the
// client's default), checked against its validator, and put where the spec says (path, query, header,
// cookie); the body's fields (or `body`) checked and serialised as its media type. Throws
// InvalidInputError naming the input, before anything is sent.
import type { BodyContract, OperationContract, ParameterContract } from "../../generated/shared-types.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { issueField, issueReason } from "./input-issue.js";
import { checkHeaderValue } from "./options.js";
import { type QuerySerializer, querySerializerFor } from "./query.js";

/** What openapi-fetch is given to build the request from. */
export interface PreparedRequest {
  params: {
    path: Record<string, unknown>;
    query: Record<string, unknown>;
    header: Record<string, string>;
  };
  cookies: string[];
  body: unknown;
  /** The body's media type, when it is not the JSON openapi-fetch assumes. */
  contentType: string | undefined;
  bodySerializer: ((body: unknown) => BodyInit) | undefined;
  querySerializer: QuerySerializer;
}

export function prepareRequest(
  contract: OperationContract,
  input: unknown,
  defaults: Readonly<Record<string, unknown>>,
): PreparedRequest {
  const operation = contract.operationId;
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    throw new InvalidInputError("input", "must be an object", { operation });
  }
  const given = input as Record<string, unknown>;
  const prepared: PreparedRequest = {
    params: { path: {}, query: {}, header: {} },
    cookies: [],
    body: undefined,
    contentType: undefined,
    bodySerializer: undefined,
    querySerializer: querySerializerFor(contract),
  };
  for (const parameter of contract.parameters) {
    const value = given[parameter.input] !== undefined ? given[parameter.input] : defaults[parameter.input];
    placeParameter(prepared, parameter, value, operation);
  }
  if (contract.requestBody) placeBody(prepared, contract, given, defaults);
  return prepared;
}

function placeParameter(
  prepared: PreparedRequest,
  p: ParameterContract,
  value: unknown,
  operation: string,
): void {
  if (value === undefined) {
    if (p.required) throw new InvalidInputError(p.input, "is required", { operation });
    return;
  }
  check(p.validate, value, p.input, operation);
  // A parameter whose `content` is JSON carries its value as JSON text, wherever it goes.
  if (p.json) value = JSON.stringify(value);
  if (p.in === "path") {
    const text = String(value);
    // Percent-encoded, an empty, "." or ".." segment would still route elsewhere (URLs resolve dot
    // segments, even encoded ones), whatever the schema says.
    if (text === "" || text === "." || text === "..") {
      throw new InvalidInputError(p.input, text === "" ? "must not be empty" : `must not be "${text}"`, {
        operation,
      });
    }
    prepared.params.path[p.name] = value;
  } else if (p.in === "query") {
    prepared.params.query[p.name] = value;
  } else {
    const text = p.json ? (value as string) : simpleStyle(value, p.explode === true);
    checkHeaderValue(text, p.input, { operation });
    if (p.in === "header") prepared.params.header[p.name] = text;
    else prepared.cookies.push(`${p.name}=${encodeURIComponent(text)}`);
  }
}

/** A header or cookie value in OpenAPI's `simple` style: `a,b` for a list, `k,v` (or `k=v` exploded) for an object. */
function simpleStyle(value: unknown, explode: boolean): string {
  if (Array.isArray(value)) return value.map(String).join(",");
  if (typeof value === "object" && value !== null) {
    const pairs = Object.entries(value).map(([k, v]) =>
      explode ? `${k}=${String(v)}` : `${k},${String(v)}`,
    );
    return pairs.join(",");
  }
  return String(value);
}

/** How an operation's body is taken from an input and put on the wire: the same for every call. */
interface BodyPlan {
  /** The input names that are parameters (or defaults), not fields of the body. */
  taken: ReadonlySet<string>;
  /** The body's media type, when it is not the JSON openapi-fetch assumes. */
  contentType: string | undefined;
  serializer: ((body: unknown) => BodyInit) | undefined;
}

const bodyPlans = new WeakMap<OperationContract, WeakMap<object, BodyPlan>>();

function bodyPlanOf(contract: OperationContract, defaults: Readonly<Record<string, unknown>>): BodyPlan {
  const plans = bodyPlans.get(contract) ?? new WeakMap<object, BodyPlan>();
  bodyPlans.set(contract, plans);
  let plan = plans.get(defaults);
  if (!plan) {
    const { mediaType } = contract.requestBody as BodyContract;
    plan = {
      taken: new Set([...contract.parameters.map((p) => p.input), ...Object.keys(defaults)]),
      contentType: /^application\/json$/i.test(mediaType) ? undefined : mediaType,
      serializer: serializerFor(mediaType),
    };
    plans.set(defaults, plan);
  }
  return plan;
}

/** The body: the fields the parameters and defaults do not take, or the input's `body`. */
function placeBody(
  prepared: PreparedRequest,
  contract: OperationContract,
  given: Record<string, unknown>,
  defaults: Readonly<Record<string, unknown>>,
): void {
  const spec = contract.requestBody as BodyContract;
  const operation = contract.operationId;
  const plan = bodyPlanOf(contract, defaults);
  let body: unknown;
  if (spec.input === "body") {
    body = given.body;
  } else {
    const fields = Object.entries(given).filter(
      ([name, value]) => !plan.taken.has(name) && value !== undefined,
    );
    body = fields.length > 0 || spec.required ? Object.fromEntries(fields) : undefined;
  }
  if (body === undefined) {
    if (spec.required) throw new InvalidInputError("body", "is required", { operation });
    return;
  }
  if (spec.validate) check(spec.validate, body, spec.input === "body" ? "body" : "", operation);
  prepared.body = body;
  prepared.contentType = plan.contentType && contentTypeOf(plan.contentType, body);
  prepared.bodySerializer = plan.serializer;
}

/**
 * The Content-Type a body of the media type is sent with. A media range (any type, `image/*`) is no
 * type a request can carry: the body's own (a Blob's), else bytes, `application/octet-stream`.
 */
function contentTypeOf(mediaType: string, body: unknown): string {
  if (!/\*/.test(mediaType)) return mediaType;
  return body instanceof Blob && body.type !== "" ? body.type : "application/octet-stream";
}

/** How a body of the media type goes on the wire; `undefined` for JSON, which openapi-fetch writes. */
function serializerFor(mediaType: string): ((body: unknown) => BodyInit) | undefined {
  if (/^application\/(?:[\w.+-]+\+)?json\b/i.test(mediaType)) {
    return /^application\/json$/i.test(mediaType) ? undefined : (body) => JSON.stringify(body);
  }
  if (/^application\/x-www-form-urlencoded\b/i.test(mediaType))
    return (body) => formFields(body, new URLSearchParams());
  if (/^multipart\/form-data\b/i.test(mediaType)) return (body) => formFields(body, new FormData());
  return (body) => body as BodyInit;
}

/** A body's fields as a form: a list as its name repeated, each value as formValue writes it. */
export function formFields<Form extends URLSearchParams | FormData>(body: unknown, form: Form): Form {
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    for (const item of Array.isArray(value) ? value : [value])
      form.append(name, formValue(item) as string & Blob);
  }
  return form;
}

/** One value of a form field: a file as it is, an object in JSON (OpenAPI's default), anything else as text. */
export function formValue(item: unknown): string | Blob {
  if (item instanceof Blob) return item;
  return typeof item === "object" && item !== null ? JSON.stringify(item) : String(item);
}

function check(
  validate: ParameterContract["validate"],
  value: unknown,
  field: string,
  operation: string,
): void {
  if (validate(value)) return;
  const issue = validate.errors?.[0];
  throw new InvalidInputError(issueField(field, issue) || "input", issueReason(issue), { operation });
}
