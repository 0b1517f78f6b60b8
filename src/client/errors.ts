// Every failure the client reports is one of these classes. Each class's prototype carries a brand
// under a registered symbol, so the guards below recognise the client's errors across realms
// (iframes, duplicated bundles) where `instanceof` does not, and nothing else (a DOMException named
// "TimeoutError" is not one). None of them holds the request, which carries the token, and every
// message cuts what the server sent to {@link MESSAGE_TEXT_LIMIT} characters.

/** Where a failure happened, common to every error class. */
export interface FailureContext {
  /** The operation's `operationId` in the spec, e.g. `modifyImage`. */
  operation: string;
  /** HTTP status of the response, when there was one. */
  status?: number | undefined;
  /** The provider's request id (`X-Request-Id` response header), when the response had one. */
  requestId?: string | undefined;
  cause?: unknown;
}

const BRAND = Symbol.for("huaweicloud-image-search.error");

/** The base of every error the client and the IAM token provider throw. */
export abstract class ClientError extends Error {
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
  /** The provider's `error_msg`, verbatim (the message holds its first characters only). */
  readonly errorMsg: string;
  /** The response; its body has been read. Not enumerable, so logging the error stays short. */
  declare readonly response: Response;

  constructor(code: string, errorMsg: string, response: Response, context: FailureContext) {
    super(`${context.operation} failed with ${response.status} ${cut(code)}: ${cut(errorMsg)}`, {
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
    const where = cut(violations.map((v) => `${v.pointer || "/"} ${v.message}`).join("; "));
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

/** No response within a time limit: one attempt's (`timeoutMs`) or the whole call's (`deadlineMs`). */
export class TimeoutError extends ClientError {
  override readonly name = "TimeoutError" as const;
  readonly timeoutMs: number;
  /** Which limit passed: one attempt's, or the whole call's across attempts and waits. */
  readonly limit: "attempt" | "call";

  constructor(timeoutMs: number, context: FailureContext, limit: "attempt" | "call" = "attempt") {
    const what = limit === "call" ? "the call's deadline of " : "";
    super(`${context.operation} timed out after ${what}${timeoutMs} ms`, context);
    this.timeoutMs = timeoutMs;
    this.limit = limit;
  }
}

/** The request never got a response: DNS, refused or reset connection, TLS, CORS, or a cancel. */
export class NetworkError extends ClientError {
  override readonly name = "NetworkError" as const;

  constructor(detail: string, context: FailureContext) {
    super(`${context.operation} failed before a response: ${detail}`, context);
  }
}

/**
 * The server answered with a redirect (3xx), which the provider never documents. No redirect is
 * followed, to the same origin or another: the credentials and the body stay where they were sent.
 */
export class RedirectError extends ClientError {
  override readonly name = "RedirectError" as const;
  /** The 3xx status, or 0 for a browser's opaque redirect (which hides status and target). */
  declare readonly status: number;
  /** The origin of the `Location` target (never its path or query), or `undefined` when unknown. */
  readonly targetOrigin: string | undefined;

  constructor(status: number, targetOrigin: string | undefined, context: FailureContext) {
    const target = targetOrigin === undefined ? "an unknown target" : cut(targetOrigin);
    super(`${context.operation} was redirected (${status}) to ${target}; redirects are not followed`, {
      ...context,
      status,
    });
    this.targetOrigin = targetOrigin;
  }
}

/** A response body longer than the client's `maxResponseBytes`; the rest of it was not read. */
export class ResponseTooLargeError extends ClientError {
  override readonly name = "ResponseTooLargeError" as const;
  declare readonly status: number;
  readonly maxResponseBytes: number;

  constructor(maxResponseBytes: number, context: FailureContext & { status: number }) {
    super(
      `${context.operation} got a ${context.status} response whose body passed ${maxResponseBytes} bytes`,
      context,
    );
    this.maxResponseBytes = maxResponseBytes;
  }
}

/** The token function threw, or returned something that is not a token. Its error is the `cause`. */
export class TokenProviderError extends ClientError {
  override readonly name = "TokenProviderError" as const;

  constructor(detail: string, context: FailureContext) {
    super(`${context.operation}: the token provider ${detail}`, context);
  }
}

export type ImageSearchClientError =
  | ImageSearchError
  | UnexpectedResponseError
  | InvalidInputError
  | TimeoutError
  | NetworkError
  | RedirectError
  | ResponseTooLargeError
  | TokenProviderError;

export const BODY_EXCERPT_LIMIT = 512;
/** The most characters of server text (an `error_msg`, a code, an origin) a message quotes. */
export const MESSAGE_TEXT_LIMIT = 200;

function excerptOf(body: string): string {
  return body.length > BODY_EXCERPT_LIMIT ? `${body.slice(0, BODY_EXCERPT_LIMIT)}…` : body;
}

/** Server text as a message quotes it: at most {@link MESSAGE_TEXT_LIMIT} characters. */
export function cut(text: string): string {
  return text.length > MESSAGE_TEXT_LIMIT ? `${text.slice(0, MESSAGE_TEXT_LIMIT)}…` : text;
}

/** Brands a class's prototype with its name; the guards read the brand, never `name`. */
export function brand(errorClass: abstract new (...args: never[]) => ClientError, name: string): void {
  Object.defineProperty(errorClass.prototype, BRAND, { value: name, enumerable: false });
}

for (const [errorClass, name] of [
  [ImageSearchError, "ImageSearchError"],
  [UnexpectedResponseError, "UnexpectedResponseError"],
  [InvalidInputError, "InvalidInputError"],
  [TimeoutError, "TimeoutError"],
  [NetworkError, "NetworkError"],
  [RedirectError, "RedirectError"],
  [ResponseTooLargeError, "ResponseTooLargeError"],
  [TokenProviderError, "TokenProviderError"],
] as const) {
  brand(errorClass, name);
}

/** The brand of one of the client's errors, from any realm or copy of this package; else `undefined`. */
export function brandOf(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const mark = (value as { [BRAND]?: unknown })[BRAND];
  return typeof mark === "string" ? mark : undefined;
}

/** True for any error the client or the IAM token provider throws. */
export function isClientError(value: unknown): value is ClientError {
  return brandOf(value) !== undefined;
}
/** A guard for one of the client's errors: compares the brand, so it works across realms and copies. */
export function guardFor<T extends ClientError>(name: string): (value: unknown) => value is T {
  return (value: unknown): value is T => brandOf(value) === name;
}
export const isImageSearchError = guardFor<ImageSearchError>("ImageSearchError");
export const isUnexpectedResponseError = guardFor<UnexpectedResponseError>("UnexpectedResponseError");
export const isInvalidInputError = guardFor<InvalidInputError>("InvalidInputError");
export const isTimeoutError = guardFor<TimeoutError>("TimeoutError");
export const isNetworkError = guardFor<NetworkError>("NetworkError");
export const isRedirectError = guardFor<RedirectError>("RedirectError");
export const isResponseTooLargeError = guardFor<ResponseTooLargeError>("ResponseTooLargeError");
export const isTokenProviderError = guardFor<TokenProviderError>("TokenProviderError");
