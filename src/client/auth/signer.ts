// AK/SK request signing (SDK-HMAC-SHA256) as Huawei Cloud's own SDKs compute it, with Web Crypto only
// (see signing.ts). Creating a signer checks everything at once and stays synchronous; the signing
// code itself is imported on the first signature, so that an app that authenticates with a token
// (or never signs) does not load it: a bundler puts it in a chunk of its own.
import { InvalidInputError } from "../errors/invalid-input-error.js";
import {
  type AkSkCredentials,
  type CheckedCredentials,
  checkCredentials,
  SIGNER_OPERATION as OPERATION,
  requireWebCrypto,
} from "./credentials.js";
import type { SigningCore } from "./signing.js";

export type { AkSkCredentials } from "./credentials.js";

export interface AkSkSignerOptions {
  /** The clock that dates each signature (default: the system clock); `X-Sdk-Date` is its UTC second. */
  now?: () => Date | number;
}

/** A request described by its parts, for callers that do not hold a `Request`. */
export interface SignableRequest {
  /** HTTP method, as it goes on the wire (e.g. `PUT`). */
  method: string;
  /** Absolute URL, path and query already percent-encoded as they go on the wire. */
  url: string | URL;
  /** The request's headers; only content-type, host, x-sdk-content-sha256, x-sdk-date and
   * x-security-token are signed. */
  headers?: HeadersInit;
  /** The body exactly as sent: a string is sent as UTF-8. */
  body?: string | BufferSource | null | undefined;
}

export interface AkSkSigner {
  /**
   * A copy of `request` carrying `X-Sdk-Date`, `Authorization` and, where due, `X-Security-Token` and
   * `X-Sdk-Content-Sha256`. Reads, and so consumes, `request`'s body. Call it once per attempt: the
   * signature is dated.
   */
  sign(request: Request): Promise<Request>;
  /** The headers {@link AkSkSigner.sign} would set, for a request described by its parts. */
  signatureHeaders(request: SignableRequest): Promise<Record<string, string>>;
}

/**
 * Signs requests with AK/SK credentials. The credentials are checked here, and the secret key stays
 * in this closure: the returned object holds nothing that `JSON.stringify` or `util.inspect` prints.
 * Throws InvalidInputError naming the offending field (never quoting it), and UnsupportedRuntimeError
 * where the runtime has no Web Crypto.
 */
export function createAkSkSigner(credentials: AkSkCredentials, options: AkSkSignerOptions = {}): AkSkSigner {
  let checked: CheckedCredentials | undefined = checkCredentials(credentials);
  const now = clockOf(options.now);
  const subtle = requireWebCrypto(globalThis.crypto?.subtle);
  let loading: Promise<SigningCore> | undefined;
  // One import for every signature; one that fails is tried again by the next signature.
  const core = (): Promise<SigningCore> => {
    loading ??= import("./signing.js").then(
      ({ signingCore }) => {
        // Only the import that succeeds reads the copy, which the core then holds instead.
        const made = signingCore(checked as CheckedCredentials, subtle);
        checked = undefined;
        return made;
      },
      (error: unknown) => {
        loading = undefined;
        throw error;
      },
    );
    return loading;
  };
  return {
    sign: async (request) => (await core()).sign(request, now),
    signatureHeaders: async (request) => {
      const time = now();
      return (await core()).signatureHeaders(request, time);
    },
  };
}

/** The clock, each of its readings checked: a Date (or epoch milliseconds) in the years 0 to 9999. */
function clockOf(option: AkSkSignerOptions["now"]): () => Date {
  const now = option ?? (() => new Date());
  if (typeof now !== "function") {
    throw new InvalidInputError("now", "must be a function returning a Date or epoch milliseconds", {
      operation: OPERATION,
    });
  }
  return () => signatureDate(now());
}

function signatureDate(value: unknown): Date {
  const date = value instanceof Date ? value : typeof value === "number" ? new Date(value) : undefined;
  const year = date?.getUTCFullYear();
  if (date === undefined || year === undefined || !(year >= 0 && year <= 9999)) {
    throw new InvalidInputError(
      "now",
      "must return a valid Date (or epoch milliseconds) in the years 0 to 9999",
      {
        operation: OPERATION,
      },
    );
  }
  return date;
}
