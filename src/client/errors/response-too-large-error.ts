import { ClientError, type FailureContext, guardFor } from "./base.js";

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

export const isResponseTooLargeError = guardFor(ResponseTooLargeError, "ResponseTooLargeError");
