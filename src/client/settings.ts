// A client's options, every one checked once, at creation: an option that could never work is refused
// before the first call, naming the option.
import type { ClientOptions, SchemeCredential } from "./client-options.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { isLogger, type Logger, safeLogger } from "./logger.js";
import {
  checkCount,
  checkEndpoint,
  checkHeaders,
  checkMilliseconds,
  checkOptionsObject,
  fetchOption,
} from "./options.js";
import { retryPolicy } from "./retry.js";

export const DEFAULT_TIMEOUT_MS = 30_000;
/**
 * Default cap on a response body's decoded bytes, 16 MiB. The largest answer the Image Search spec
 * documents is a search with `limit` 100: a hundred results of a path and a few tags, well under 1 MiB
 * even with 4 KiB paths and tag values; 16 MiB leaves a margin of more than ten times that.
 */
export const DEFAULT_MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
/** Default time limit of a whole call, attempts and waits included: two full attempts' worth. */
export const DEFAULT_DEADLINE_MS = 60_000;

/** What a client's calls run by: the options, checked, with their defaults filled in. */
export type Settings = ReturnType<typeof settingsOf>;

/** Every client option checked once, at creation; `caller` is the function errors name. */
export function settingsOf(options: ClientOptions, caller: string) {
  const context = { operation: caller };
  checkOptionsObject(options, context);
  const baseUrl = checkEndpoint(options.endpoint, "endpoint", options.allowInsecureHttp === true, context);
  checkHeaders(options.headers, "headers", context);
  return {
    baseUrl,
    timeoutMs: checkMilliseconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", 1, context),
    deadlineMs: checkMilliseconds(options.deadlineMs ?? DEFAULT_DEADLINE_MS, "deadlineMs", 1, context),
    maxResponseBytes: checkCount(
      options.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      "maxResponseBytes",
      1,
      Number.MAX_SAFE_INTEGER,
      context,
    ),
    retry: retryPolicy(options.retry, context),
    validateResponses: options.validateResponses !== false,
    logger: loggerOption(options.logger, context),
    baseFetch: fetchOption(options.fetch, context),
    headers: options.headers,
    defaults: objectOption(options.defaults, "defaults", context),
    auth: authOption(options.auth, context),
    token: options.token,
    sign: functionOption(options.sign, "sign", context),
    secretResponseHeaders: options.secretResponseHeaders ?? [],
    documentedError: functionOption(options.documentedError, "documentedError", context),
    isCredentialRefusal: functionOption(options.isCredentialRefusal, "isCredentialRefusal", context),
  };
}

function loggerOption(logger: unknown, context: { operation: string }): Logger | undefined {
  if (logger === undefined) return undefined;
  if (!isLogger(logger)) {
    throw new InvalidInputError("logger", "must have debug, info, warn and error methods", context);
  }
  return safeLogger(logger);
}

function objectOption(
  value: unknown,
  field: string,
  context: { operation: string },
): Record<string, unknown> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new InvalidInputError(field, "must be an object", context);
  }
  return value as Record<string, unknown>;
}

function authOption(value: unknown, context: { operation: string }): Record<string, SchemeCredential> {
  const auth = objectOption(value, "auth", context);
  for (const [scheme, credential] of Object.entries(auth)) {
    const basic = typeof credential === "object" && credential !== null;
    const valid = basic
      ? typeof (credential as { username?: unknown }).username === "string" &&
        typeof (credential as { password?: unknown }).password === "string"
      : typeof credential === "string" || typeof credential === "function";
    if (!valid) {
      throw new InvalidInputError(
        `auth.${scheme}`,
        "must be a string, a function that returns one, or { username, password }",
        context,
      );
    }
  }
  return auth as Record<string, SchemeCredential>;
}

function functionOption<T>(
  value: T | undefined,
  field: string,
  context: { operation: string },
): T | undefined {
  if (value !== undefined && typeof value !== "function") {
    throw new InvalidInputError(field, "must be a function", context);
  }
  return value;
}
