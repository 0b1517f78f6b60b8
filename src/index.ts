export type { components, operations, paths } from "../generated/image-search.js";
export {
  type CallOptions,
  createImageSearchClient,
  DEFAULT_TIMEOUT_MS,
  type ImageSearchClient,
  type ImageSearchClientOptions,
  type ModifyImageInput,
  type ModifyImageResult,
  type TokenRequest,
  type TokenSource,
} from "./client.js";
export {
  BODY_EXCERPT_LIMIT,
  type FailureContext,
  type ImageSearchClientError,
  ImageSearchError,
  InvalidInputError,
  isImageSearchError,
  isInvalidInputError,
  isNetworkError,
  isTimeoutError,
  isUnexpectedResponseError,
  NetworkError,
  type SchemaViolation,
  TimeoutError,
  UnexpectedResponseError,
} from "./errors.js";
export { DEFAULT_RETRY, type RetryEvent, type RetryOptions } from "./retry.js";
export { VERSION } from "./version.js";
