// The spec's types: paths, operations, components, and each named schema as `Schema<Name>` (e.g. SchemaImageTags).
export type * from "../../generated/image-search.js";
export type { Operations, Schema, Schemas } from "../../generated/image-search.operations.js";
export type { OperationContract, OperationsTable } from "../../generated/shared-types.js";
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
export type {
  CallOptions,
  ClientOptions,
  ClientSettings,
  DocumentedFailure,
  ResponseInfo,
  SchemeCredential,
  TokenRequest,
  TokenSource,
} from "./client-options.js";
export { type Client, type Contracts, createClient, type TableFor } from "./create-client.js";
export {
  type CursorPaging,
  cursorItems,
  DEFAULT_MAX_PAGES,
  type PagingOptions,
} from "./cursor-items.js";
export {
  ApiError,
  BODY_EXCERPT_LIMIT,
  ClientError,
  type FailureContext,
  IamError,
  type ImageSearchClientError,
  ImageSearchError,
  InvalidInputError,
  isApiError,
  isClientError,
  isIamError,
  isImageSearchError,
  isInvalidInputError,
  isNetworkError,
  isPageLimitError,
  isRedirectError,
  isResponseTooLargeError,
  isTimeoutError,
  isTokenProviderError,
  isUnexpectedResponseError,
  isUnsupportedRuntimeError,
  MESSAGE_TEXT_LIMIT,
  NetworkError,
  PageLimitError,
  RedirectError,
  ResponseTooLargeError,
  type SchemaViolation,
  TimeoutError,
  TokenProviderError,
  UnexpectedResponseError,
  UnsupportedRuntimeError,
} from "./errors/index.js";
export type {
  HuaweiClientOptions,
  HuaweiClientSettings,
} from "./huawei-client.js";
export {
  type AkSkAuthentication,
  type AkSkClientOptions,
  createImageSearchClient,
  createImageSearchClientFor,
  DEFAULT_DEADLINE_MS,
  DEFAULT_TIMEOUT_MS,
  type ImageSearchClient,
  type ImageSearchClientFor,
  type ImageSearchClientOptions,
  type ImageSearchSettings,
  type OperationId,
  type OperationInput,
  type OperationMethods,
  type OperationResult,
  type TokenAuthentication,
  type TokenClientOptions,
} from "./image-search.js";
export {
  type CheckDataItemsInput,
  type CursorMethods,
  createImageSearchV2Client,
  createImageSearchV2ClientFor,
  type ImageSearchV2Client,
  type ImageSearchV2ClientFor,
  type ImageSearchV2ClientOptions,
  type ImageSearchV2Input,
  type ImageSearchV2OperationId,
  type ImageSearchV2Result,
  type SearchItem,
  type SearchKeywordItemsInput,
} from "./image-search-v2.js";
export type { LogFields, Logger } from "./logger.js";
export type * from "./operation-names.js";
export type { CallerInput, ErrorBodiesOf, InputOf, MethodFor, MethodsOf, ResultOf } from "./operations.js";
export { DEFAULT_RETRY, type RetryEvent, type RetryOptions } from "./retry.js";
export { DEFAULT_MAX_RESPONSE_BYTES } from "./settings.js";
export { VERSION } from "./version.js";
