// Every failure the client and the IAM token provider report is one of these classes, each in its own
// module with its guard; every message cuts what the server sent to MESSAGE_TEXT_LIMIT characters.
import type { ApiError } from "./api-error.js";
import type { ImageSearchError } from "./image-search-error.js";
import type { InvalidInputError } from "./invalid-input-error.js";
import type { NetworkError } from "./network-error.js";
import type { PageLimitError } from "./page-limit-error.js";
import type { RedirectError } from "./redirect-error.js";
import type { ResponseTooLargeError } from "./response-too-large-error.js";
import type { TimeoutError } from "./timeout-error.js";
import type { TokenProviderError } from "./token-provider-error.js";
import type { UnexpectedResponseError } from "./unexpected-response-error.js";

export { ApiError, isApiError } from "./api-error.js";
export { brandOf, ClientError, type FailureContext, guardFor, isClientError } from "./base.js";
export { IamError, isIamError } from "./iam-error.js";
export { ImageSearchError, isImageSearchError } from "./image-search-error.js";
export { InvalidInputError, isInvalidInputError } from "./invalid-input-error.js";
export { isNetworkError, NetworkError } from "./network-error.js";
export { isPageLimitError, PageLimitError } from "./page-limit-error.js";
export { cut, MESSAGE_TEXT_LIMIT } from "./quote.js";
export { isRedirectError, RedirectError } from "./redirect-error.js";
export { isResponseTooLargeError, ResponseTooLargeError } from "./response-too-large-error.js";
export { isTimeoutError, TimeoutError } from "./timeout-error.js";
export { isTokenProviderError, TokenProviderError } from "./token-provider-error.js";
export {
  BODY_EXCERPT_LIMIT,
  isUnexpectedResponseError,
  type SchemaViolation,
  UnexpectedResponseError,
} from "./unexpected-response-error.js";
export { isUnsupportedRuntimeError, UnsupportedRuntimeError } from "./unsupported-runtime-error.js";

/** Every error a call of the client can reject with (a caller's own abort reason aside). */
export type ImageSearchClientError =
  | ImageSearchError
  | ApiError
  | UnexpectedResponseError
  | InvalidInputError
  | TimeoutError
  | NetworkError
  | RedirectError
  | ResponseTooLargeError
  | TokenProviderError
  | PageLimitError;
