import { ClientError, type FailureContext, guardFor } from "./base.js";
import { cut } from "./quote.js";

/** The service answered with a documented error envelope (any `error_code`, known or not). */
export class ImageSearchError extends ClientError {
  override readonly name = "ImageSearchError" as const;
  declare readonly status: number;
  /** The provider's `error_code`, as the spec's error examples give them. */
  readonly code: string;
  /** The provider's `error_msg`, verbatim (the message holds its first characters only). */
  readonly errorMsg: string;
  /** The response; its body has been read. Not enumerable, so logging the error stays short. */
  declare readonly response: Response;

  constructor(code: string, errorMsg: string, response: Response, context: FailureContext) {
    super(`${context.operation} failed with ${response.status} ${cut(code)}: ${cut(errorMsg)}`, {
      ...context,
      status: response.status,
    });
    this.code = code;
    this.errorMsg = errorMsg;
    Object.defineProperty(this, "response", { value: response, enumerable: false });
  }
}

export const isImageSearchError = guardFor(ImageSearchError, "ImageSearchError");
