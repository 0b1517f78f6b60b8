// When and how long to wait before another attempt: exponential backoff with full jitter,
// honouring the server's Retry-After.
import type { ImageSearchClientError } from "./errors/index.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { isNetworkError } from "./errors/network-error.js";
import { isTimeoutError } from "./errors/timeout-error.js";
import { isUnexpectedResponseError } from "./errors/unexpected-response-error.js";
import { checkCount, checkMilliseconds } from "./options.js";

export interface RetryEvent {
  operation: string;
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  error: ImageSearchClientError;
}

export interface RetryOptions {
  /** Attempts in total, the first included (default 3). */
  attempts?: number;
  /** Upper bound of the first backoff (default 200 ms); doubles with every attempt. */
  baseDelayMs?: number;
  /** No wait is longer; a Retry-After beyond it ends the retries (default 20 s). */
  maxDelayMs?: number;
  /** Statuses worth another attempt (default 429, 502, 503, 504). */
  statuses?: readonly number[];
  /** Called before every retry, e.g. to log or count them. */
  onRetry?: (event: RetryEvent) => void;
}

export type RetryPolicy = Required<Omit<RetryOptions, "onRetry">> & Pick<RetryOptions, "onRetry">;

export const DEFAULT_RETRY: RetryPolicy = {
  attempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  statuses: [429, 502, 503, 504],
};

/** The policy the options amount to; throws InvalidInputError naming an option that cannot work. */
export function retryPolicy(
  options: RetryOptions | false | undefined,
  context: { operation: string },
): RetryPolicy {
  if (options === false) return { ...DEFAULT_RETRY, attempts: 1 };
  if (options !== undefined && (typeof options !== "object" || options === null)) {
    throw new InvalidInputError("retry", "must be an object or false", context);
  }
  const policy = { ...DEFAULT_RETRY, ...options };
  checkCount(policy.attempts, "retry.attempts", 1, Number.MAX_SAFE_INTEGER, context);
  checkMilliseconds(policy.baseDelayMs, "retry.baseDelayMs", 0, context);
  checkMilliseconds(policy.maxDelayMs, "retry.maxDelayMs", 0, context);
  if (
    !Array.isArray(policy.statuses) ||
    !policy.statuses.every((s) => Number.isInteger(s) && s >= 400 && s <= 599)
  ) {
    throw new InvalidInputError("retry.statuses", "must be a list of HTTP statuses from 400 to 599", context);
  }
  if (policy.onRetry !== undefined && typeof policy.onRetry !== "function") {
    throw new InvalidInputError("retry.onRetry", "must be a function", context);
  }
  return policy;
}

/**
 * Milliseconds to wait before retrying after `error` on attempt `attempt`, or `undefined` when the
 * error is not worth another attempt. Documented errors (the service's own 4xx) never are.
 */
export function retryDelay(
  error: ImageSearchClientError,
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number | undefined {
  if (isUnexpectedResponseError(error)) {
    if (!policy.statuses.includes(error.status)) return undefined;
    const serverDelay = retryAfterMs(error.response.headers.get("retry-after"));
    if (serverDelay !== undefined) return serverDelay <= policy.maxDelayMs ? serverDelay : undefined;
  } else if (!isNetworkError(error) && !isTimeoutError(error)) {
    return undefined;
  }
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Retry-After as delay-seconds or an HTTP date; `undefined` when absent or unreadable. */
export function retryAfterMs(value: string | null, now: number = Date.now()): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Resolves after `ms`, or rejects with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
