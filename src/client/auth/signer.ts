// AK/SK request signing (SDK-HMAC-SHA256), computed as Huawei Cloud's own SDKs compute it, with Web
// Crypto only so that it runs unchanged in Node and in browsers.
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { canonicalPath, canonicalQuery } from "./canonical.js";
import {
  type AkSkCredentials,
  checkCredentials,
  SIGNER_OPERATION as OPERATION,
  requireWebCrypto,
} from "./credentials.js";

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
  /** The request's headers; only those in {@link SIGNED_HEADERS} are signed. */
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
 * The headers that are signed whenever the request carries them (`host` always: it comes from the
 * URL). Every other header is left out: a browser, a proxy or fetch itself may add or change
 * user-agent, accept, accept-encoding, connection and the like after signing, and a signed header
 * that changes on the way breaks the signature.
 */
export const SIGNED_HEADERS = [
  "content-type",
  "host",
  "x-sdk-content-sha256",
  "x-sdk-date",
  "x-security-token",
] as const;

export const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
/** Stands for the payload hash of a body that is not JSON, as the official SDK sends it. */
export const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

const EMPTY_BODY = new Uint8Array(0);
const utf8Encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** What every signature of one signer uses: the access key, the security token and the secret as a key. */
interface SigningKey {
  accessKey: string;
  securityToken: string | undefined;
  subtle: SubtleCrypto;
  hmacKey: () => Promise<CryptoKey>;
}

/**
 * Signs requests with AK/SK credentials. The credentials are checked here, and the secret key stays
 * in this closure: the returned object holds nothing that `JSON.stringify` or `util.inspect` prints.
 * Throws InvalidInputError naming the offending field (never quoting it), and UnsupportedRuntimeError
 * where the runtime has no Web Crypto.
 */
export function createAkSkSigner(credentials: AkSkCredentials, options: AkSkSignerOptions = {}): AkSkSigner {
  const { accessKey, secretKey, securityToken } = checkCredentials(credentials);
  const now = clockOf(options.now);
  const subtle = requireWebCrypto(globalThis.crypto?.subtle);
  const signing: SigningKey = { accessKey, securityToken, subtle, hmacKey: hmacKeyOnce(subtle, secretKey) };
  const signatureHeaders = async (request: SignableRequest) =>
    signatureHeadersOf(request, sdkDate(now()), signing);

  async function sign(request: Request): Promise<Request> {
    const body =
      request.body !== null && hashesBody(request.headers.get("content-type")) && !hasPayloadHash(request)
        ? await request.arrayBuffer()
        : undefined;
    const added = await signatureHeaders({
      method: request.method,
      url: request.url,
      headers: request.headers,
      body,
    });
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(added)) headers.set(name, value);
    // A body read for hashing is handed over as bytes; an unread one moves over with `request`.
    return new Request(request, body === undefined ? { headers } : { headers, body });
  }

  return { sign, signatureHeaders };
}

function clockOf(now: AkSkSignerOptions["now"]): () => Date | number {
  if (now === undefined) return () => new Date();
  if (typeof now !== "function") {
    throw new InvalidInputError("now", "must be a function returning a Date or epoch milliseconds", {
      operation: OPERATION,
    });
  }
  return now;
}

/** The HMAC key, imported on first use (creation stays synchronous), non-extractable; the string is dropped. */
function hmacKeyOnce(subtle: SubtleCrypto, secretKey: string): () => Promise<CryptoKey> {
  let secret: string | undefined = secretKey;
  let hmacKey: Promise<CryptoKey> | undefined;
  return () => {
    if (!hmacKey) {
      hmacKey = subtle.importKey(
        "raw",
        utf8Encoder.encode(secret),
        { name: "HMAC", hash: "SHA-256" },
        false,
        ["sign"],
      );
      secret = undefined;
    }
    return hmacKey;
  };
}

/** The headers a request dated `date` is signed with: the date, the security token, the signature. */
async function signatureHeadersOf(
  request: SignableRequest,
  date: string,
  signing: SigningKey,
): Promise<Record<string, string>> {
  const { accessKey, securityToken, subtle } = signing;
  const url = new URL(request.url);
  const headers = new Headers(request.headers);
  const added: Record<string, string> = { "X-Sdk-Date": date };
  if (securityToken !== undefined) added["X-Security-Token"] = securityToken;
  for (const [name, value] of Object.entries(added)) headers.set(name, value);
  const payloadHash = await payloadHashOf(request.body, headers, added, subtle);
  const signed = signedHeaders(headers, url);
  const signedNames = signed.map(([name]) => name).join(";");
  const canonicalRequest = [
    request.method,
    canonicalPath(url.pathname),
    canonicalQuery(url.searchParams),
    signed.map(([name, value]) => `${name}:${value}\n`).join(""),
    signedNames,
    payloadHash,
  ].join("\n");
  const canonicalHash = hex(await subtle.digest("SHA-256", utf8Encoder.encode(canonicalRequest)));
  const stringToSign = [SIGNING_ALGORITHM, date, canonicalHash].join("\n");
  const signature = hex(await subtle.sign("HMAC", await signing.hmacKey(), utf8Encoder.encode(stringToSign)));
  added.Authorization = `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedNames}, Signature=${signature}`;
  return added;
}

/**
 * The payload hash: one the caller set, used as it is (as the SDK does); the SHA-256 of a JSON body;
 * or, for any other body, UNSIGNED-PAYLOAD, which is then also sent (added to `headers` and `added`).
 */
async function payloadHashOf(
  body: SignableRequest["body"],
  headers: Headers,
  added: Record<string, string>,
  subtle: SubtleCrypto,
): Promise<string> {
  const given = headers.get("x-sdk-content-sha256") || undefined;
  if (given !== undefined) return given;
  if (hashesBody(headers.get("content-type"))) return hex(await subtle.digest("SHA-256", bytesOf(body)));
  added["X-Sdk-Content-Sha256"] = UNSIGNED_PAYLOAD;
  headers.set("x-sdk-content-sha256", UNSIGNED_PAYLOAD);
  return UNSIGNED_PAYLOAD;
}

/** The signed headers, in SIGNED_HEADERS order, as `[name, value]`: those the request carries. */
function signedHeaders(headers: Headers, url: URL): [string, string][] {
  const signed: [string, string][] = [];
  for (const name of SIGNED_HEADERS) {
    const value = name === "host" ? url.host : headers.get(name);
    if (value === null) continue;
    // A multipart boundary may be chosen after signing, so the SDK leaves the type unsigned.
    if (name === "content-type" && value.includes("multipart/form-data")) continue;
    signed.push([name, value]);
  }
  return signed;
}

/** The SDK hashes the body when there is no content type or it is exactly JSON (any case). */
function hashesBody(contentType: string | null): boolean {
  return contentType === null || contentType.toLowerCase() === "application/json";
}

function hasPayloadHash(request: Request): boolean {
  return Boolean(request.headers.get("x-sdk-content-sha256"));
}

function bytesOf(body: SignableRequest["body"]): BufferSource {
  if (body === null || body === undefined) return EMPTY_BODY;
  return typeof body === "string" ? utf8Encoder.encode(body) : body;
}

/** `YYYYMMDDTHHMMSSZ` in UTC. */
function sdkDate(value: unknown): string {
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
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    String(year).padStart(4, "0") +
    two(date.getUTCMonth() + 1) +
    two(date.getUTCDate()) +
    "T" +
    two(date.getUTCHours()) +
    two(date.getUTCMinutes()) +
    two(date.getUTCSeconds()) +
    "Z"
  );
}

function hex(buffer: ArrayBuffer): string {
  let out = "";
  for (const byte of new Uint8Array(buffer)) out += HEX[byte];
  return out;
}
