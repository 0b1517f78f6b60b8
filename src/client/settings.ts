// The client's options, every one checked once, at creation: an option that could never work is
// refused before the first call, naming the option.
import { type AkSkSigner, createAkSkSigner } from "./auth/signer.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./body-reader.js";
import type { ImageSearchClientOptions } from "./client-options.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { isLogger } from "./logger.js";
import {
  checkCount,
  checkEndpoint,
  checkHeaders,
  checkMilliseconds,
  checkOptionsObject,
  fetchOption,
} from "./options.js";
import { retryPolicy } from "./retry.js";
import { checkPathSegment } from "./wire.js";

export const DEFAULT_TIMEOUT_MS = 30_000;
/** Default time limit of a whole call, attempts and waits included: two full attempts' worth. */
export const DEFAULT_DEADLINE_MS = 60_000;

/** What the client's calls run by: the options, checked, with their defaults filled in. */
export type Settings = ReturnType<typeof settingsOf>;

/** Every client option checked once, at creation: one that could never work is refused here. */
export function settingsOf(options: ImageSearchClientOptions) {
  const context = { operation: "createImageSearchClient" };
  checkOptionsObject(options, context);
  const baseUrl = checkEndpoint(options.endpoint, "endpoint", options.allowInsecureHttp === true, context);
  checkPathSegment(options.projectId, "projectId", context.operation);
  const timeoutMs = checkMilliseconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", 1, context);
  const deadlineMs = checkMilliseconds(options.deadlineMs ?? DEFAULT_DEADLINE_MS, "deadlineMs", 1, context);
  checkHeaders(options.headers, "headers", context);
  const maxResponseBytes = checkCount(
    options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
    "maxResponseBytes",
    1,
    Number.MAX_SAFE_INTEGER,
    context,
  );
  if (options.logger !== undefined && !isLogger(options.logger)) {
    throw new InvalidInputError("logger", "must have debug, info, warn and error methods", context);
  }
  const baseFetch = fetchOption(options.fetch, context);
  return {
    baseUrl,
    projectId: options.projectId,
    timeoutMs,
    deadlineMs,
    maxResponseBytes,
    retry: retryPolicy(options.retry, context),
    validateResponses: options.validateResponses !== false,
    signer: authenticationOf(options, context),
    token: options.token,
    logger: options.logger,
    baseFetch,
  };
}

/** The signer for AK/SK credentials, or `undefined` for a token; exactly one of the two is allowed. */
function authenticationOf(
  options: ImageSearchClientOptions,
  context: { operation: string },
): AkSkSigner | undefined {
  const hasToken = options.token !== undefined;
  const hasCredentials = options.credentials !== undefined;
  if (hasToken && hasCredentials) {
    throw new InvalidInputError(
      "credentials",
      "cannot be given together with token: pass exactly one",
      context,
    );
  }
  if (!hasToken && !hasCredentials) {
    throw new InvalidInputError("token", "or credentials is required: pass exactly one", context);
  }
  return hasCredentials ? createAkSkSigner(options.credentials) : undefined;
}
