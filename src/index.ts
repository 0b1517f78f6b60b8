export type { components, operations, paths } from "../generated/image-search.js";
export {
  type AkSkAuthentication,
  type AkSkClientOptions,
  type CallOptions,
  type ClientSettings,
  createImageSearchClient,
  DEFAULT_TIMEOUT_MS,
  type ImageSearchClient,
  type ImageSearchClientOptions,
  type ModifyImageInput,
  type ModifyImageResult,
  type TokenAuthentication,
  type TokenClientOptions,
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
export {
  DEFAULT_REFRESH_BEFORE_MS,
  IamError,
  type IamTokenProvider,
  type IamTokenProviderOptions,
  iamTokenProvider,
  isIamError,
} from "./iam.js";
export { DEFAULT_RETRY, type RetryEvent, type RetryOptions } from "./retry.js";
export {
  type AkSkCredentials,
  type AkSkSigner,
  type AkSkSignerOptions,
  createAkSkSigner,
  SIGNED_HEADERS,
  SIGNING_ALGORITHM,
  type SignableRequest,
  UNSIGNED_PAYLOAD,
} from "./signer.js";
export { VERSION } from "./version.js";
