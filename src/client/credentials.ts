// What a call authenticates with: the first of the operation's security alternatives the client has a
// credential for each scheme of (from `auth` by scheme name, or `token` for the first one-secret
// scheme), and the values that puts on the request: a header, a query parameter or a cookie.
import type { Credential, OperationContract } from "../../generated/shared-types.js";
import { untilAborted } from "./body-reader.js";
import type { SchemeCredential, TokenRequest } from "./client-options.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { TokenProviderError } from "./errors/token-provider-error.js";
import { describe } from "./failure-detail.js";
import { isVisibleAscii } from "./visible-ascii.js";

export interface CredentialSources {
  auth: Readonly<Record<string, SchemeCredential>>;
  token: SchemeCredential | undefined;
  /** A signer authenticates instead: no credential is sent. */
  signs: boolean;
}

/** One credential to send, and where its value comes from. */
export interface ChosenCredential {
  credential: Credential;
  source: SchemeCredential;
}

/** The values a request carries for its credentials, by where they go. */
export interface CredentialValues {
  header: Record<string, string>;
  query: Record<string, string>;
  cookie: string[];
  /** The value sent for each scheme, so that a refusal can say which one it refused. */
  sent: Map<string, string>;
}

/**
 * The credentials to send for the operation: those of its first security alternative the client has a
 * value for every scheme of; none when the client signs, or has nothing that meets any alternative.
 */
export function chosenCredentials(
  contract: OperationContract,
  sources: CredentialSources,
): ChosenCredential[] {
  if (sources.signs) return [];
  const tokenScheme = contract.security
    .flatMap((alternative) => (alternative.length === 1 ? alternative : []))
    .find((c) => c.http !== "basic")?.scheme;
  for (const alternative of contract.security) {
    if (alternative.length === 0) continue;
    const chosen = alternative.map((credential) => ({
      credential,
      source:
        sources.auth[credential.scheme] ?? (credential.scheme === tokenScheme ? sources.token : undefined),
    }));
    if (chosen.every((c) => c.source !== undefined)) return chosen as ChosenCredential[];
  }
  return [];
}

/**
 * The values of the chosen credentials for one attempt. A token function is called with `refresh`
 * (and the value refused) after a refusal; waiting for it ends when `signal()` aborts.
 */
export async function credentialValues(
  chosen: readonly ChosenCredential[],
  refusal: { refresh: boolean; refused: Map<string, string> | undefined },
  signal: () => AbortSignal,
  operation: string,
): Promise<CredentialValues> {
  const values: CredentialValues = { header: {}, query: {}, cookie: [], sent: new Map() };
  for (const { credential, source } of chosen) {
    const refused = refusal.refused?.get(credential.scheme);
    const request: TokenRequest = refusal.refresh
      ? { refresh: true, ...(refused === undefined ? {} : { refused }) }
      : { refresh: false };
    const secret = await secretOf(source, request, signal, operation);
    values.sent.set(credential.scheme, secret);
    const value = credential.http === "bearer" ? `Bearer ${secret}` : secret;
    if (credential.in === "header") values.header[credential.name] = value;
    else if (credential.in === "query") values.query[credential.name] = value;
    else values.cookie.push(`${credential.name}=${value}`);
  }
  return values;
}

async function secretOf(
  source: SchemeCredential,
  request: TokenRequest,
  signalOf: () => AbortSignal,
  operation: string,
): Promise<string> {
  if (typeof source === "string") return checkedToken(source, operation);
  if (typeof source === "object") return basic(source.username, source.password);
  const signal = signalOf();
  let token: unknown;
  try {
    token = await untilAborted(
      Promise.resolve().then(() => source(request)),
      signal,
    );
  } catch (cause) {
    // The call's deadline or the caller's abort: the call ends with that, not a provider failure.
    if (signal.aborted && cause === signal.reason) throw cause;
    // Keep only the failure's type in the message: a provider's error may quote its secrets.
    throw new TokenProviderError(`failed (${describe(cause)})`, { operation, cause });
  }
  if (!isVisibleAscii(token)) {
    throw new TokenProviderError("returned no token: a non-empty string of visible ASCII characters", {
      operation,
    });
  }
  return token;
}

function checkedToken(token: string, operation: string): string {
  if (token.length === 0) throw new InvalidInputError("token", "must be a non-empty string", { operation });
  // A header value is trimmed and must be bytes; catch it here rather than as a transport failure.
  if (!isVisibleAscii(token)) {
    throw new InvalidInputError("token", "must be visible ASCII characters only", { operation });
  }
  return token;
}

/** An http basic credential: `Basic` and the user name and password, UTF-8, in Base64. */
function basic(username: string, password: string): string {
  const bytes = new TextEncoder().encode(`${username}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
