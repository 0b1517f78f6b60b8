import { ClientError, guardFor } from "./base.js";
import { cut } from "./quote.js";

/** The IAM operation the token provider calls (POST /v3/auth/tokens), as failures name it. */
export const IAM_TOKEN_OPERATION = "createUserToken";

/** IAM answered with its documented error envelope. */
export class IamError extends ClientError {
  override readonly name = "IamError" as const;
  declare readonly status: number;
  /** IAM's `error_code`, e.g. `IAM.0007`. */
  readonly code: string;
  /** IAM's `error_msg`, verbatim (the message holds its first characters only). */
  readonly errorMsg: string;

  constructor(code: string, errorMsg: string, status: number, requestId: string | undefined) {
    super(`${IAM_TOKEN_OPERATION} failed with ${status} ${cut(code)}: ${cut(errorMsg)}`, {
      operation: IAM_TOKEN_OPERATION,
      status,
      requestId,
    });
    this.code = code;
    this.errorMsg = errorMsg;
  }
}

export const isIamError = guardFor(IamError, "IamError");
