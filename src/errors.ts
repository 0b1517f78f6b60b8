// Every failure the client reports is one of these classes. Each has a literal `name`, so the
// guards below also work across realms (iframes, duplicated bundles) where `instanceof` does not.
// None of them holds the request, which carries the token.

/** Where a failure happened, common to every error class. */
export interface FailureContext {
  /** The operation's `operationId` in the spec, e.g. `modifyImage`. */
  operation: string;
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** The provider's request id (`X-Request-Id` response header), when there was one. */
  requestId?: string | undefined;
  cause?: unknown;
}

abstract class ClientError extends Error {
  readonly operation: string;
  readonly status: number | undefined;
  readonly requestId: string | undefined;

  constructor(message: string, context: FailureContext) {
    super(message, context.cause === undefined ? undefined : { cause: context.cause });
    this.operation = context.operation;
    this.status = context.status;
    this.requestId = context.requestId;
  }
}

/** The service answered with a documented error envelope (any `error_code`, known or not). */
export class ImageSearchError extends ClientError {
  override readonly name = "ImageSearchError" as const;
  declare readonly status: number;
  /** The provider's `error_code`, e.g. `IS.0003`. */
  readonly code: string;
  /** The provider's `error_msg`, verbatim. */
  readonly errorMsg: string;
  /** The response; its body has been read. Not enumerable, so logging the error stays short. */
  declare readonly response: Response;

  constructor(code: string, errorMsg: string, response: Response, context: FailureContext) {
    super(`${context.operation} failed with ${response.status} ${code}: ${errorMsg}`, {
      ...context,
      status: response.status,
    });
    this.code = code;
    this.errorMsg = errorMsg;
    Object.defineProperty(this, "response", { value: response, enumerable: false });
  }
}

/** Where a body broke the spec's schema, and how. */
export interface SchemaViolation {
  /** JSON pointer into the body, `""` for the body itself. */
  pointer: string;
  message: string;
}

/** A status or body the spec does not document: a gateway's 401/5xx page, HTML, bad JSON, a schema break. */
export class UnexpectedResponseError extends ClientError {
  override readonly name = "UnexpectedResponseError" as const;
  declare readonly status: number;
  /** The first {@link BODY_EXCERPT_LIMIT} characters of the body. */
  readonly bodyExcerpt: string;
  /** For a body that parsed but broke the schema: each violation. Empty otherwise. */
  readonly violations: readonly SchemaViolation[];
  declare readonly response: Response;

  constructor(
    reason: string,
    response: Response,
    body: string,
    violations: readonly SchemaViolation[],
    context: FailureContext,
  ) {
    const excerpt = excerptOf(body);
    const where = violations.map((v) => `${v.pointer || "/"} ${v.message}`).join("; ");
    super(
      `${context.operation} got an undocumented response: ${response.status} ${reason}${where ? ` (${where})` : ""}`,
      { ...context, status: response.status },
    );
    this.bodyExcerpt = excerpt;
    this.violations = violations;
    Object.defineProperty(this, "response", { value: response, enumerable: false });
  }
}

/** Input that breaks the spec, caught before anything went on the wire. */
export class InvalidInputError extends ClientError {
  override readonly name = "InvalidInputError" as const;
  /** The offending field, as the caller named it (e.g. `tags.color`, `instanceName`). */
  readonly field: string;
  readonly reason: string;

  constructor(field: string, reason: string, context: FailureContext) {
    super(`${context.operation}: invalid input: ${field} ${reason}`, context);
    this.field = field;
    this.reason = reason;
  }
}

/** No response within the time limit of an attempt. */
export class TimeoutError extends ClientError {
  override readonly name = "TimeoutError" as const;
  readonly timeoutMs: number;

  constructor(timeoutMs: number, context: FailureContext) {
    super(`${context.operation} timed out after ${timeoutMs} ms`, context);
    this.timeoutMs = timeoutMs;
  }
}

/** The request never got a response: DNS, refused or reset connection, TLS, CORS, or a cancel. */
export class NetworkError extends ClientError {
  override readonly name = "NetworkError" as const;

  constructor(detail: string, context: FailureContext) {
    super(`${context.operation} failed before a response: ${detail}`, context);
  }
}

export type ImageSearchClientError =
  | ImageSearchError
  | UnexpectedResponseError
  | InvalidInputError
  | TimeoutError
  | NetworkError;

export const BODY_EXCERPT_LIMIT = 512;

function excerptOf(body: string): string {
  return body.length > BODY_EXCERPT_LIMIT ? `${body.slice(0, BODY_EXCERPT_LIMIT)}…` : body;
}

function hasName(value: unknown, name: string): boolean {
  return typeof value === "object" && value !== null && (value as { name?: unknown }).name === name;
}

export function isImageSearchError(value: unknown): value is ImageSearchError {
  return hasName(value, "ImageSearchError");
}
export function isUnexpectedResponseError(value: unknown): value is UnexpectedResponseError {
  return hasName(value, "UnexpectedResponseError");
}
export function isInvalidInputError(value: unknown): value is InvalidInputError {
  return hasName(value, "InvalidInputError");
}
export function isTimeoutError(value: unknown): value is TimeoutError {
  return hasName(value, "TimeoutError");
}
export function isNetworkError(value: unknown): value is NetworkError {
  return hasName(value, "NetworkError");
}
