// The one home for reading an answer, for every client of every spec: the documented response its
// status picks (exact, then `2XX`-style range, then `default`), its body parsed and checked against the
// spec's schema, and then the result (a success), a documented error, or an UnexpectedResponseError.
import type {
  OperationContract,
  ResponseContract,
  Validate,
  ValidationIssue,
} from "../../generated/shared-types.js";
import { ApiError } from "./errors/api-error.js";
import type { ClientError } from "./errors/base.js";
import { type SchemaViolation, UnexpectedResponseError } from "./errors/unexpected-response-error.js";
import { issuePointer } from "./json-pointer.js";
import { failureContext } from "./request-id.js";
import type { Settings } from "./settings.js";

/** The body as it was read: its text, a success's and a failure's alike. */
export interface Payload {
  ok: boolean;
  /** `undefined` when there was no body to read. */
  value: unknown;
}

/** The documented result of a success, or the error the answer amounts to, thrown. */
export function readAnswer(
  contract: OperationContract,
  received: Response,
  payload: Payload,
  settings: Pick<Settings, "validateResponses" | "documentedError" | "secretResponseHeaders">,
): unknown {
  const operation = contract.operationId;
  const response = keptResponse(received, settings.secretResponseHeaders);
  const documented = documentedResponse(contract, response.status);
  const text = textOf(payload);
  const unexpected = (reason: string, violations: SchemaViolation[] = []) =>
    new UnexpectedResponseError(reason, response, text, violations, failureContext(operation, response));
  if (documented === undefined) throw unexpected("is not a status the spec documents");
  if (documented === UNDESCRIBED) {
    const body = undescribedBody(payload, text, response.headers.get("content-type"));
    return settled(response, body, settings, operation);
  }
  // A 204, 205 or 304 never carries a body, whatever the spec documents for it.
  if (NO_BODY_STATUSES.has(response.status)) return settled(response, undefined, settings, operation);
  const body = bodyOf(documented, payload, text, unexpected);
  if (typeof documented === "function" && settings.validateResponses) {
    const valid = validateDeep(documented, body);
    if (valid === undefined) throw unexpected("has a body nested too deeply to check");
    if (!valid) throw unexpected("has a body that breaks the spec's schema", violationsOf(documented.errors));
  }
  return settled(response, body, settings, operation);
}

const NO_BODY_STATUSES = new Set([204, 205, 304]);

/** The result of a success, or the documented error a failure amounts to, thrown. */
function settled(
  response: Response,
  body: unknown,
  settings: Pick<Settings, "documentedError">,
  operation: string,
): unknown {
  if (response.ok) return body;
  throw documentedError(settings, { operation, body, response });
}

/** The response an error may keep: without the headers that carry a secret, if it has any. */
export function keptResponse(response: Response, secretHeaders: readonly string[]): Response {
  if (!secretHeaders.some((name) => response.headers.has(name))) return response;
  const headers = new Headers(response.headers);
  for (const name of secretHeaders) headers.delete(name);
  return new Response(null, { status: response.status, statusText: response.statusText, headers });
}

/**
 * The documented response for a status: its own, its range's (`4XX`), or `default`. An operation that
 * documents no response at all (OpenAPI 3.1 allows it) promises nothing: any body is read as it came.
 */
function documentedResponse(
  contract: OperationContract,
  status: number,
): ResponseContract | typeof UNDESCRIBED | undefined {
  const { responses } = contract;
  const own = responses[String(status)] ?? responses[`${String(status)[0]}XX`] ?? responses.default;
  return own ?? (isEmpty(responses) ? UNDESCRIBED : undefined);
}

/** A response the spec says nothing about: JSON parsed when its media type says JSON, else text. */
const UNDESCRIBED = "undescribed";

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

/** What the body is, as the documented response says it should be read. */
function bodyOf(
  documented: ResponseContract,
  payload: Payload,
  text: string,
  unexpected: (reason: string) => UnexpectedResponseError,
): unknown {
  if (documented === "empty") return undefined;
  if (documented === "text") return text;
  if (payload.value === undefined || text === "") throw unexpected("has an empty body");
  if (typeof payload.value !== "string") return payload.value;
  try {
    return JSON.parse(payload.value);
  } catch {
    throw unexpected("has a body that is not JSON");
  }
}

/** No body as undefined, a JSON one parsed (as text if it is not JSON after all), anything else as text. */
function undescribedBody(payload: Payload, text: string, contentType: string | null): unknown {
  if (payload.value === undefined || text === "") return undefined;
  if (typeof payload.value !== "string" || !/\bjson\b/i.test(contentType ?? "")) return payload.value;
  try {
    return JSON.parse(payload.value);
  } catch {
    return payload.value;
  }
}

function textOf({ value }: Payload): string {
  if (value === undefined) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function documentedError(
  settings: Pick<Settings, "documentedError">,
  failure: { operation: string; body: unknown; response: Response },
): ClientError {
  const context = failureContext(failure.operation, failure.response);
  const made = settings.documentedError?.({ ...failure, status: failure.response.status, ...context });
  return made ?? new ApiError(failure.body, failure.response, context);
}

/** The validator's verdict, or `undefined` when the body is too deep for it to walk. */
export function validateDeep(validate: Validate, body: unknown): boolean | undefined {
  try {
    return validate(body);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function violationsOf(issues: ValidationIssue[] | null | undefined): SchemaViolation[] {
  return (issues ?? []).map((issue) => ({
    pointer: issuePointer(issue),
    message: issue.message ?? issue.keyword,
  }));
}
