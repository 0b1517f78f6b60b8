// A token source for the client that gets a project-scoped token from IAM with a user's password
// (POST /v3/auth/tokens, spec/iam.openapi.yaml), caches it, renews it before it expires and once
// more when the service refuses it. Neither the password nor a token is ever part of an error.
import createClient from "openapi-fetch";
import type { paths } from "../../../generated/iam.js";
import { operations } from "../../../generated/iam.validators.js";
import { DEFAULT_MAX_RESPONSE_BYTES, HANDLED_RESPONSE, readBodyText, redirectOf } from "../body-reader.js";
import type { TokenRequest } from "../client-options.js";
import { isClientError } from "../errors/base.js";
import { IAM_TOKEN_OPERATION, IamError } from "../errors/iam-error.js";
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { NetworkError } from "../errors/network-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { UnexpectedResponseError } from "../errors/unexpected-response-error.js";
import { describe } from "../failure-detail.js";
import { checkEndpoint, checkMilliseconds, checkOptionsObject, fetchOption } from "../options.js";
import { isVisibleAscii } from "../visible-ascii.js";
import { isNonEmptyString, requestIdOf, validateDeep } from "../wire.js";

export interface IamTokenProviderOptions {
  /** IAM's base URL, e.g. `https://iam.ap-southeast-1.myhuaweicloud.com`; `https:` unless loopback or `allowInsecureHttp`. */
  iamEndpoint: string;
  /** Allow a plain `http:` IAM endpoint on a host that is not loopback (default `false`): the password would cross the network unencrypted. */
  allowInsecureHttp?: boolean;
  /** IAM user name. */
  user: string;
  /** The user's password; sent to IAM only, never logged and never part of an error. */
  password: string;
  /** Name of the account (domain) the user belongs to. */
  domain: string;
  /**
   * The project the token is scoped to: `{ id }` (the project ID of Image Search's paths) or
   * `{ name }` (e.g. the region ID `ap-southeast-1`); a string is a name.
   */
  project: string | { id: string } | { name: string };
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** How long before `expires_at` a new token is fetched (default 10 minutes; at most half the validity). */
  refreshBeforeMs?: number;
  /** Time limit of one IAM call, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** The clock, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

/** A token source for `createImageSearchClient({ token })`. */
export type IamTokenProvider = (request?: TokenRequest) => Promise<string>;

export const DEFAULT_REFRESH_BEFORE_MS = 10 * 60_000;
const OPERATION = IAM_TOKEN_OPERATION;
const DEFAULT_TIMEOUT_MS = 30_000;

interface Cached {
  token: string;
  /** Local time after which a new token is fetched. */
  renewAt: number;
  /** Local time at which the token expires. */
  expiresAt: number;
}

/**
 * Returns a token source that calls IAM at most once at a time: concurrent callers share one call,
 * a cached token is served until shortly before it expires, and `{ refresh: true }` (a refused
 * token) replaces it with a new one. Throws InvalidInputError naming an invalid option.
 */
export function iamTokenProvider(options: IamTokenProviderOptions): IamTokenProvider {
  const context = { operation: "iamTokenProvider" };
  checkOptionsObject(options, context);
  const baseUrl = checkEndpoint(
    options.iamEndpoint,
    "iamEndpoint",
    options.allowInsecureHttp === true,
    context,
  );
  for (const field of ["user", "password", "domain"] as const) {
    if (!isNonEmptyString(options[field])) {
      // The reason never quotes the value: it may be the password.
      throw new InvalidInputError(field, "must be a non-empty string", context);
    }
  }
  const project = projectScope(options.project, context);
  const refreshBeforeMs = checkMilliseconds(
    options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS,
    "refreshBeforeMs",
    0,
    context,
  );
  const timeoutMs = checkMilliseconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", 1, context);
  const now = options.now ?? Date.now;
  const baseFetch = fetchOption(options.fetch, context);
  const client = createClient<paths>({ baseUrl, fetch: baseFetch });
  // Only what the request needs is kept: the options object itself is not held.
  const body = {
    auth: {
      identity: {
        methods: ["password" as const],
        password: {
          user: { name: options.user, password: options.password, domain: { name: options.domain } },
        },
      },
      scope: { project },
    },
  };
  const bodyText = JSON.stringify(body);

  let cached: Cached | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const startedAt = now();
    const { response, text } = await postTokenRequest();
    const { token, issuedAt, expiresAt } = readTokenResponse(response, text);
    // Validity is measured on IAM's clock (issued_at to expires_at) and laid onto the local one, so a
    // skewed local clock does not shorten or stretch it.
    const validity = issuedAt === undefined ? expiresAt - startedAt : expiresAt - issuedAt;
    const localExpiry = startedAt + Math.max(0, validity);
    const early = Math.min(refreshBeforeMs, validity / 2);
    cached = { token, expiresAt: localExpiry, renewAt: localExpiry - early };
    return token;
  }

  /** One POST to IAM, its body read as a capped stream; no redirect followed (it would carry the password). */
  async function postTokenRequest(): Promise<{ response: Response; text: string }> {
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), timeoutMs);
    let response: Response | undefined;
    let sent: Request | undefined;
    try {
      await client.POST("/v3/auth/tokens", {
        params: { query: { nocatalog: "true" } },
        // Sent as serialized once: the password is not re-read from the options.
        body,
        bodySerializer: () => bodyText,
        headers: { "Content-Type": "application/json;charset=utf8" },
        fetch: async (request: Request) => {
          sent = request;
          response = await baseFetch(request, { signal: timeout.signal, redirect: "manual" });
          return HANDLED_RESPONSE;
        },
      });
      if (response === undefined || sent === undefined) throw new TypeError("the transport gave no response");
      const redirect = redirectOf(response, sent, OPERATION);
      if (redirect) throw redirect;
      const text = await readBodyText(response, DEFAULT_MAX_RESPONSE_BYTES, OPERATION);
      return { response: response, text };
    } catch (cause) {
      if (isClientError(cause)) throw cause;
      if (timeout.signal.aborted) throw new TimeoutError(timeoutMs, { operation: OPERATION });
      throw new NetworkError(describe(cause), { operation: OPERATION, cause });
    } finally {
      clearTimeout(timer);
    }
  }

  function singleFlight(): Promise<string> {
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return async function iamToken(request?: TokenRequest): Promise<string> {
    if (request?.refresh) {
      // The service refused the token: a call already under way brings a new one; else fetch one.
      if (!inFlight) cached = undefined;
      return singleFlight();
    }
    const current = cached;
    const time = now();
    if (current && time < current.renewAt) return current.token;
    if (current && time < current.expiresAt) {
      // Due for renewal but still valid: keep using it if IAM fails right now.
      return singleFlight().catch(() => current.token);
    }
    return singleFlight();
  };
}

function readTokenResponse(
  response: Response,
  text: string,
): {
  token: string;
  issuedAt: number | undefined;
  expiresAt: number;
} {
  const contract = operations[OPERATION];
  const context = { operation: OPERATION, requestId: requestIdOf(response) };
  // The error keeps a copy of the response without X-Subject-Token: the error must not carry the token.
  const unexpected = (reason: string) =>
    new UnexpectedResponseError(reason, withoutToken(response), text, [], context);
  const validate = contract.responses[String(response.status)];
  if (!validate) throw unexpected("is not a status the IAM spec documents");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw unexpected(text === "" ? "has an empty body" : "has a body that is not JSON");
  }
  const valid = validateDeep(validate, body);
  if (valid === undefined) throw unexpected("has a body nested too deeply to check");
  if (!valid) throw unexpected("has a body that breaks the IAM spec's schema");
  if (!response.ok) {
    const { error_code, error_msg } = body as { error_code: string; error_msg: string };
    throw new IamError(error_code, error_msg, response.status, context.requestId);
  }
  const token = response.headers.get("x-subject-token") ?? "";
  if (!isVisibleAscii(token)) throw unexpected("has no usable X-Subject-Token header");
  const { issued_at, expires_at } = (body as { token: { issued_at?: string; expires_at: string } }).token;
  const expiresAt = Date.parse(expires_at);
  const issuedAt = issued_at === undefined ? undefined : Date.parse(issued_at);
  if (Number.isNaN(expiresAt) || (issuedAt !== undefined && Number.isNaN(issuedAt))) {
    throw unexpected("has a token.expires_at or token.issued_at that is not a date");
  }
  return { token, issuedAt, expiresAt };
}

function withoutToken(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.delete("x-subject-token");
  return new Response(null, { status: response.status, statusText: response.statusText, headers });
}

/** The project scope IAM takes, by ID or by name; InvalidInputError names the field that is wrong. */
function projectScope(project: unknown, context: { operation: string }): { id: string } | { name: string } {
  if (typeof project === "string") {
    if (project.length === 0) throw new InvalidInputError("project", "must be a non-empty string", context);
    return { name: project };
  }
  if (typeof project !== "object" || project === null) {
    throw new InvalidInputError("project", "must be { id } or { name }", context);
  }
  const keys = Object.keys(project);
  const key = keys[0];
  if (keys.length !== 1 || (key !== "id" && key !== "name")) {
    throw new InvalidInputError("project", "must have exactly one of id and name", context);
  }
  const value = (project as Record<string, unknown>)[key];
  if (!isNonEmptyString(value)) {
    throw new InvalidInputError(`project.${key}`, "must be a non-empty string", context);
  }
  return key === "id" ? { id: value } : { name: value };
}
