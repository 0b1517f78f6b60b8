import { ClientError, type FailureContext, guardFor } from "./base.js";

/** The request never got a response: DNS, refused or reset connection, TLS, CORS, or a cancel. */
export class NetworkError extends ClientError {
  override readonly name = "NetworkError" as const;

  constructor(detail: string, context: FailureContext) {
    super(`${context.operation} failed before a response: ${detail}`, context);
  }
}

export const isNetworkError = guardFor(NetworkError, "NetworkError");
