// What a caller gives a client: its options at creation, and each call's own.
import type { ClientError } from "./errors/base.js";
import type { Logger } from "./logger.js";
import type { RetryOptions } from "./retry.js";

export interface TokenRequest {
  /** True when the last token was refused (a 401, or the refusal the client was told of): return a fresh one. */
  refresh: boolean;
  /**
   * With `refresh`: the token that was refused. A source that has replaced it since (another call's
   * refusal got there first) returns the newer one instead of fetching yet another.
   */
  refused?: string;
}

/** A token, or a function called before every attempt that returns one (e.g. from a cache). */
export type TokenSource = string | ((request: TokenRequest) => string | Promise<string>);

/** What a security scheme takes: a secret (an API key, a bearer token), or a user name and password (http basic). */
export type SchemeCredential = TokenSource | { username: string; password: string };

/** A documented error response, for {@link ClientSettings.documentedError}. */
export interface DocumentedFailure {
  operation: string;
  status: number;
  /** The body, parsed and checked against the documented schema. */
  body: unknown;
  response: Response;
  requestId: string | undefined;
}

export interface ClientSettings {
  /**
   * Base URL of the service, e.g. `https://petstore.example/v1`: `https:` unless loopback or
   * `allowInsecureHttp`; no `user:password@`, no `?query`, no `#fragment`.
   */
  endpoint: string;
  /**
   * Allow a plain `http:` endpoint on a host that is not loopback (default `false`). The credentials
   * then cross the network unencrypted: only for a trusted network or a TLS-terminating proxy.
   */
  allowInsecureHttp?: boolean;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** Check every response against the spec's schemas (default `true`). */
  validateResponses?: boolean;
  /** Time limit of one attempt, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Time limit of a whole call, its attempts, waits and token requests, in milliseconds (default 60 s). */
  deadlineMs?: number;
  /** Retries of idempotent calls, or `false` for none (default: 3 attempts in total). */
  retry?: RetryOptions | false;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Most bytes of a response body the client reads, after decompression (default 16 MiB). */
  maxResponseBytes?: number;
  /** Told about every attempt, retry and failure; silent when absent. Never sees a secret, never changes a call's outcome. */
  logger?: Logger;
  /** Credentials by the name of the spec's security scheme (`components.securitySchemes`). */
  auth?: Readonly<Record<string, SchemeCredential>>;
  /**
   * A token for the first security scheme an operation accepts that takes one secret (an API key in
   * a header, query or cookie, or an http bearer token), unless `auth` names that scheme.
   */
  token?: TokenSource;
  /** Signs each attempt's request as built, instead of sending a credential (e.g. `createAkSkSigner`). */
  sign?: (request: Request) => Promise<Request>;
  /** Response headers that carry a secret (e.g. a token): an error keeps a copy of its response without them. */
  secretResponseHeaders?: readonly string[];
  /** Makes the error a documented error response rejects with; `ApiError` when it returns nothing. */
  documentedError?: (failure: DocumentedFailure) => ClientError | undefined;
  /** Whether an error means the service refused the credential, so a token function gets `refresh` (default: a 401). */
  isCredentialRefusal?: (error: ClientError) => boolean;
}

/** The options of `createClient`, with the values every call shares by input name. */
export interface ClientOptions<Defaults extends object = object> extends ClientSettings {
  /** Values the client gives every call, by input name (e.g. `{ projectId }`): its methods no longer take them. */
  defaults?: Defaults;
}

/** A successful response's status and headers, for {@link CallOptions.onResponse}. */
export interface ResponseInfo {
  status: number;
  headers: Headers;
  /** The provider's request id (`X-Request-Id`), when the response had one. */
  requestId: string | undefined;
}

export interface CallOptions {
  /** Time limit of each attempt of this call, in milliseconds. */
  timeoutMs?: number;
  /** Time limit of this whole call, its attempts and waits included, in milliseconds. */
  deadlineMs?: number;
  /** Called with the status and headers of the response the call resolves with. */
  onResponse?: (response: ResponseInfo) => void;
  /** Cancels the call: it rejects at once with the signal's reason, and nothing is retried. */
  signal?: AbortSignal;
  /** Extra headers for this call, e.g. `{ Prefer: "code=400, example=path-null" }` against the mock. */
  headers?: Record<string, string>;
}
