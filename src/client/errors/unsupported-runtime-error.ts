import { ClientError, type FailureContext, guardFor } from "./base.js";

/**
 * The JavaScript runtime lacks something the client needs, e.g. Web Crypto (`crypto.subtle`) for AK/SK
 * signing, which browsers offer in secure (`https:`) contexts only. Nothing the caller passed is wrong.
 */
export class UnsupportedRuntimeError extends ClientError {
  override readonly name = "UnsupportedRuntimeError" as const;
  /** What is missing, e.g. `crypto.subtle`. */
  readonly feature: string;

  constructor(feature: string, purpose: string, context: FailureContext) {
    super(`${context.operation}: this runtime has no ${feature}, which ${purpose}`, context);
    this.feature = feature;
  }
}

export const isUnsupportedRuntimeError = guardFor(UnsupportedRuntimeError, "UnsupportedRuntimeError");
