// A token source for the client that gets a project-scoped token from IAM with a user's password
// (POST /v3/auth/tokens, spec/iam.openapi.yaml), caches it, renews it before it expires and once
// more when the service refuses it. Neither the password nor a token is ever part of an error.
import type { TokenRequest } from "../client-options.js";
import { type IssuedToken, iamTokenCall } from "./iam-call.js";
import { type IamTokenProviderOptions, iamSettingsOf } from "./iam-settings.js";

export { DEFAULT_REFRESH_BEFORE_MS, type IamTokenProviderOptions } from "./iam-settings.js";

/** A token source for `createImageSearchClient({ token })`. */
export type IamTokenProvider = (request?: TokenRequest) => Promise<string>;

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
  const settings = iamSettingsOf(options);
  return cachedTokenSource(iamTokenCall(settings), settings.now, settings.refreshBeforeMs);
}

/** Serves the cached token while it is fresh, and shares one call to `issue` among all who need a new one. */
function cachedTokenSource(
  issue: () => Promise<IssuedToken>,
  now: () => number,
  refreshBeforeMs: number,
): IamTokenProvider {
  let cached: Cached | undefined;
  let inFlight: Promise<string> | undefined;

  async function fetchToken(): Promise<string> {
    const startedAt = now();
    const { token, issuedAt, expiresAt } = await issue();
    cached = { token, ...localTimes(startedAt, issuedAt, expiresAt, refreshBeforeMs) };
    return token;
  }

  function singleFlight(): Promise<string> {
    inFlight ??= fetchToken().finally(() => {
      inFlight = undefined;
    });
    return inFlight;
  }

  return async function iamToken(request?: TokenRequest): Promise<string> {
    if (request?.refresh) {
      // The service refused the token: a call already under way brings a new one. A refusal of a
      // token that has been replaced since (it arrived after that call ended) is served the newer
      // one, so one revocation costs one IAM call however many calls it refuses.
      if (inFlight) return inFlight;
      if (!replacedSince(cached, request.refused)) cached = undefined;
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

/** Whether the cached token is another than the refused one, which a call that ended has brought. */
function replacedSince(cached: Cached | undefined, refused: string | undefined): boolean {
  return cached !== undefined && refused !== undefined && cached.token !== refused;
}

/**
 * When a token asked for at `startedAt` expires, and when to renew it, on the local clock. Validity is
 * measured on IAM's clock (issued_at to expires_at) and laid onto the local one, so a skewed local
 * clock does not shorten or stretch it.
 */
function localTimes(
  startedAt: number,
  issuedAt: number | undefined,
  expiresAt: number,
  refreshBeforeMs: number,
): Omit<Cached, "token"> {
  const validity = issuedAt === undefined ? expiresAt - startedAt : expiresAt - issuedAt;
  const localExpiry = startedAt + Math.max(0, validity);
  const early = Math.min(refreshBeforeMs, validity / 2);
  return { expiresAt: localExpiry, renewAt: localExpiry - early };
}
