// What a caller gives the client: its options at creation, and each call's own.
import type { AkSkCredentials } from "./auth/signer.js";
import type { Logger } from "./logger.js";
import type { RetryOptions } from "./retry.js";

export interface TokenRequest {
  /** True when the last token was refused (IS.0004, IS.0013 or a 401): return a fresh one. */
  refresh: boolean;
}

/** A token, or a function called before every attempt that returns one (e.g. from a cache). */
export type TokenSource = string | ((request: TokenRequest) => string | Promise<string>);

/** Token authentication: `X-Auth-Token` on every request. */
export interface TokenAuthentication {
  /** Sent as `X-Auth-Token`; never logged and never part of an error. */
  token: TokenSource;
  credentials?: never;
}

/** AK/SK authentication: every attempt is signed (`SDK-HMAC-SHA256`) and carries no token. */
export interface AkSkAuthentication {
  /** Access key, secret key and, for temporary credentials, the security token. */
  credentials: AkSkCredentials;
  token?: never;
}

export type TokenClientOptions = ClientSettings & TokenAuthentication;
export type AkSkClientOptions = ClientSettings & AkSkAuthentication;
/** The client's options: exactly one of `token` and `credentials`. */
export type ImageSearchClientOptions = TokenClientOptions | AkSkClientOptions;

export interface ClientSettings {
  /**
   * Base URL of the service, e.g. `https://imagesearch.ap-southeast-1.myhuaweicloud.com`: `https:`
   * unless loopback or `allowInsecureHttp`; no `user:password@`, no `?query`, no `#fragment`.
   */
  endpoint: string;
  /**
   * Allow a plain `http:` endpoint on a host that is not loopback (default `false`). The token or the
   * signature then crosses the network unencrypted: only for a trusted network or a TLS-terminating proxy.
   */
  allowInsecureHttp?: boolean;
  /** Project ID; every call is made in this project. */
  projectId: string;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** Check every response against the spec's schemas (default `true`). */
  validateResponses?: boolean;
  /** Time limit of one attempt, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Time limit of a whole call, its attempts and the waits between them, in milliseconds (default 60 s). */
  deadlineMs?: number;
  /** Retries of idempotent calls, or `false` for none (default: 3 attempts in total). */
  retry?: RetryOptions | false;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
  /** Most bytes of a response body the client reads, after decompression (default 16 MiB). */
  maxResponseBytes?: number;
  /** Told about every attempt, retry and failure; silent when absent. Never sees a secret. */
  logger?: Logger;
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
