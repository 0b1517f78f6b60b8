// The base of every error the client and the IAM token provider throw. Each class's prototype carries a
// brand under a registered symbol, so the guards recognise the client's errors across realms (iframes,
// duplicated bundles) where `instanceof` does not, and nothing else (a DOMException named
// "TimeoutError" is not one). None of them holds the request, which carries the token.

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

/**
 * Brands `errorClass`'s prototype with `name` and returns the guard that reads that brand: one call
 * makes both, so they cannot disagree. The guard compares the brand, never `name` or `instanceof`, so
 * it works across realms and copies.
 */
export function guardFor<T extends ClientError>(
  errorClass: abstract new (...args: never[]) => T,
  name: string,
): (value: unknown) => value is T {
  Object.defineProperty(errorClass.prototype, BRAND, { value: name, enumerable: false });
  return (value: unknown): value is T => brandOf(value) === name;
}
