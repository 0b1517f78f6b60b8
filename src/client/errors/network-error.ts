import { ClientError, type FailureContext, guardFor } from "./base.js";

/** The request never got a response: DNS, refused or reset connection, TLS, CORS, or a cancel. */
export class NetworkError extends ClientError {
  override readonly name = "NetworkError" as const;

  /** `target`: the server the request was sent to, as `host:port`. */
  constructor(detail: string, context: FailureContext, target?: string) {
    super(
      `${context.operation} failed before a response${target ? ` from ${target}` : ""}: ${detail}`,
      context,
    );
  }
}

export const isNetworkError = guardFor(NetworkError, "NetworkError");
