// The retry options a client takes, and the policy they amount to, checked when the client is made.
// When and how long a call waits before another attempt is backoff.ts's.
import type { ClientError } from "./errors/base.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { checkCount, checkMilliseconds } from "./options.js";

export interface RetryEvent {
  operation: string;
  /** The attempt that just failed, from 1. */
  attempt: number;
  /** How long the client waits before the next attempt. */
  delayMs: number;
  error: ClientError;
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
