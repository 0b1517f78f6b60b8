// The error envelope Huawei Cloud's services answer with, `{ error_code, error_msg }`, as the client's
// ImageSearchError, and the codes with which Image Search v1 refuses a token.
import type { ClientSettings } from "./client-options.js";
import { isClientError } from "./errors/base.js";
import { ImageSearchError, isImageSearchError } from "./errors/image-search-error.js";

/** IS.0004 "Exception verifying token" and IS.0013 "The token is empty": the spec's token codes. */
const TOKEN_ERROR_CODES = new Set(["IS.0004", "IS.0013"]);

export const huaweiErrors: Pick<ClientSettings, "documentedError" | "isCredentialRefusal"> = {
  documentedError: ({ body, response, operation, requestId }) => {
    const { error_code, error_msg } = (body ?? {}) as { error_code?: unknown; error_msg?: unknown };
    if (typeof error_code !== "string" || typeof error_msg !== "string") return undefined;
    return new ImageSearchError(error_code, error_msg, response, { operation, requestId });
  },
  isCredentialRefusal: (error) =>
    (isImageSearchError(error) && TOKEN_ERROR_CODES.has(error.code)) ||
    (isClientError(error) && error.status === 401),
};
