// When and how long to wait before another attempt: exponential backoff with full jitter, honouring
// the server's Retry-After.
import type { ClientError } from "./errors/base.js";
import { isNetworkError } from "./errors/network-error.js";
import { isTimeoutError } from "./errors/timeout-error.js";
import { isUnexpectedResponseError } from "./errors/unexpected-response-error.js";
import type { RetryPolicy } from "./retry.js";

/**
 * Milliseconds to wait before retrying after `error` on attempt `attempt`, or `undefined` when the
 * error is not worth another attempt. Documented errors (the service's own 4xx) never are.
 */
export function retryDelay(
  error: ClientError,
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
