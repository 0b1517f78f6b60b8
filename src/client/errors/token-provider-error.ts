import { ClientError, type FailureContext, guardFor } from "./base.js";

/** The token function threw, or returned something that is not a token. Its error is the `cause`. */
export class TokenProviderError extends ClientError {
  override readonly name = "TokenProviderError" as const;

  constructor(detail: string, context: FailureContext) {
    super(`${context.operation}: the token provider ${detail}`, context);
  }
}

export const isTokenProviderError = guardFor(TokenProviderError, "TokenProviderError");
