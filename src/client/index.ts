export type { components, operations, paths } from "../../generated/image-search.js";
export {
  DEFAULT_REFRESH_BEFORE_MS,
  type IamTokenProvider,
  type IamTokenProviderOptions,
  iamTokenProvider,
} from "./auth/iam.js";
export {
  type AkSkCredentials,
  type AkSkSigner,
  type AkSkSignerOptions,
  createAkSkSigner,
  type SignableRequest,
} from "./auth/signer.js";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./body-reader.js";
export {
  createImageSearchClient,
  createImageSearchClientFor,
  DEFAULT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  type ImageSearchClient,
  type ImageSearchClientFor,
} from "./client.js";
export type {
  AkSkAuthentication,
  AkSkClientOptions,
  CallOptions,
  ClientSettings,
  ImageSearchClientOptions,
  ResponseInfo,
  TokenAuthentication,
  TokenClientOptions,
  TokenRequest,
  TokenSource,
} from "./client-options.js";
export {
  BODY_EXCERPT_LIMIT,
  ClientError,
  type FailureContext,
  IamError,
  type ImageSearchClientError,
  ImageSearchError,
  InvalidInputError,
  isClientError,
  isIamError,
  isImageSearchError,
  isInvalidInputError,
  isNetworkError,
  isRedirectError,
  isResponseTooLargeError,
  isTimeoutError,
  isTokenProviderError,
  isUnexpectedResponseError,
  isUnsupportedRuntimeError,
  MESSAGE_TEXT_LIMIT,
  NetworkError,
  RedirectError,
  ResponseTooLargeError,
  type SchemaViolation,
  TimeoutError,
  TokenProviderError,
  UnexpectedResponseError,
  UnsupportedRuntimeError,
} from "./errors/index.js";
export type { LogFields, Logger } from "./logger.js";
export type * from "./operation-names.js";
export type { OperationId, OperationInput, OperationMethods, OperationResult } from "./operations.js";
export { DEFAULT_RETRY, type RetryEvent, type RetryOptions } from "./retry.js";
export { VERSION } from "./version.js";
