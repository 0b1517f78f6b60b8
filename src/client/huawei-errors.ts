// The error envelope Huawei Cloud's services answer with, `{ error_code, error_msg }`, as the client's
// ImageSearchError, and the codes with which a service refuses a token.
import type { ClientSettings } from "./client-options.js";
import { isClientError } from "./errors/base.js";
import { ImageSearchError, isImageSearchError } from "./errors/image-search-error.js";

/** The envelope as ImageSearchError; a refusal is a 401, or an envelope with one of `tokenErrorCodes`. */
export function huaweiErrors(
  tokenErrorCodes: readonly string[],
): Pick<ClientSettings, "documentedError" | "isCredentialRefusal"> {
  const codes = new Set(tokenErrorCodes);
  return {
    documentedError: ({ body, response, operation, requestId }) => {
      const { error_code, error_msg } = (body ?? {}) as { error_code?: unknown; error_msg?: unknown };
      if (typeof error_code !== "string" || typeof error_msg !== "string") return undefined;
      return new ImageSearchError(error_code, error_msg, response, { operation, requestId });
    },
    isCredentialRefusal: (error) =>
      (isImageSearchError(error) && codes.has(error.code)) || (isClientError(error) && error.status === 401),
  };
}
