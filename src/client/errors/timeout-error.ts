import { ClientError, type FailureContext, guardFor } from "./base.js";

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

export const isTimeoutError = guardFor(TimeoutError, "TimeoutError");
