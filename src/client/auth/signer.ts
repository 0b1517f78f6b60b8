// AK/SK request signing (SDK-HMAC-SHA256), computed as Huawei Cloud's own SDKs compute it, with Web
// Crypto only so that it runs unchanged in Node and in browsers.
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { UnsupportedRuntimeError } from "../errors/unsupported-runtime-error.js";
import { isVisibleAscii } from "../visible-ascii.js";

export interface AkSkCredentials {
  /** Access key ID (AK); sent in the `Authorization` header. */
  accessKey: string;
  /** Secret access key (SK); used only as the HMAC key, never sent, logged or quoted in an error. */
  secretKey: string;
  /** Security token of temporary credentials; sent as `X-Security-Token` and signed. */
  securityToken?: string | undefined;
}

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

const OPERATION = "createImageSearchClient";
const EMPTY_BODY = new Uint8Array(0);
const utf8Encoder = new TextEncoder();
// ignoreBOM keeps a leading U+FEFF, as URL parsing does, instead of dropping it.
const utf8Decoder = new TextDecoder("utf-8", { ignoreBOM: true });
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/**
 * Signs requests with AK/SK credentials. The credentials are checked here, and the secret key stays
 * in this closure: the returned object holds nothing that `JSON.stringify` or `util.inspect` prints.
 * Throws InvalidInputError naming the offending field (never quoting it), and UnsupportedRuntimeError
 * where the runtime has no Web Crypto.
 */
export function createAkSkSigner(credentials: AkSkCredentials, options: AkSkSignerOptions = {}): AkSkSigner {
  const { accessKey, secretKey, securityToken } = checkCredentials(credentials);
  const now = options.now ?? (() => new Date());
  if (typeof now !== "function") {
    throw new InvalidInputError("now", "must be a function returning a Date or epoch milliseconds", {
      operation: OPERATION,
    });
  }
  const webCrypto = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (!webCrypto) {
    throw new UnsupportedRuntimeError(
      "crypto.subtle",
      "AK/SK signing needs (Web Crypto; browsers offer it in secure https: contexts only)",
      { operation: OPERATION },
    );
  }
  const subtle: SubtleCrypto = webCrypto;
  // Imported on first use (creation stays synchronous), non-extractable, and the string is dropped.
  let secret: string | undefined = secretKey;
  let hmacKey: Promise<CryptoKey> | undefined;
  const key = (): Promise<CryptoKey> => {
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

  async function signatureHeaders(request: SignableRequest): Promise<Record<string, string>> {
    const date = sdkDate(now());
    const url = new URL(request.url);
    const headers = new Headers(request.headers);
    const added: Record<string, string> = { "X-Sdk-Date": date };
    if (securityToken !== undefined) added["X-Security-Token"] = securityToken;
    for (const [name, value] of Object.entries(added)) headers.set(name, value);

    // A payload hash the caller set is used as it is, as the SDK does.
    let payloadHash = headers.get("x-sdk-content-sha256") || undefined;
    if (payloadHash === undefined && hashesBody(headers.get("content-type"))) {
      payloadHash = hex(await subtle.digest("SHA-256", bytesOf(request.body)));
    } else if (payloadHash === undefined) {
      // As the SDK does: only a JSON body is hashed; any other is declared unsigned.
      payloadHash = UNSIGNED_PAYLOAD;
      added["X-Sdk-Content-Sha256"] = UNSIGNED_PAYLOAD;
      headers.set("x-sdk-content-sha256", UNSIGNED_PAYLOAD);
    }

    const signed: [string, string][] = [];
    for (const name of SIGNED_HEADERS) {
      const value = name === "host" ? url.host : headers.get(name);
      if (value === null) continue;
      // A multipart boundary may be chosen after signing, so the SDK leaves the type unsigned.
      if (name === "content-type" && value.includes("multipart/form-data")) continue;
      signed.push([name, value]);
    }
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
    const signature = hex(await subtle.sign("HMAC", await key(), utf8Encoder.encode(stringToSign)));
    added.Authorization = `${SIGNING_ALGORITHM} Access=${accessKey}, SignedHeaders=${signedNames}, Signature=${signature}`;
    return added;
  }

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

function checkCredentials(credentials: unknown): {
  accessKey: string;
  secretKey: string;
  securityToken: string | undefined;
} {
  const context = { operation: OPERATION };
  if (typeof credentials !== "object" || credentials === null) {
    throw new InvalidInputError(
      "credentials",
      "must be an object { accessKey, secretKey, securityToken? }",
      context,
    );
  }
  const { accessKey, secretKey, securityToken } = credentials as Record<string, unknown>;
  // The reasons describe the rule, never the value: the value may be the secret itself.
  if (!isVisibleAscii(accessKey) || accessKey.includes(",")) {
    throw new InvalidInputError(
      "credentials.accessKey",
      "must be a non-empty string of visible ASCII characters, without commas or spaces",
      context,
    );
  }
  if (!isVisibleAscii(secretKey)) {
    throw new InvalidInputError(
      "credentials.secretKey",
      "must be a non-empty string of visible ASCII characters, without spaces or line breaks",
      context,
    );
  }
  if (securityToken !== undefined && !isVisibleAscii(securityToken)) {
    throw new InvalidInputError(
      "credentials.securityToken",
      "must be a non-empty string of visible ASCII characters when given",
      context,
    );
  }
  return { accessKey, secretKey, securityToken };
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

/**
 * The canonical URI: the path decoded, then each `/`-separated segment encoded anew, ending in `/`.
 * The SDK encodes the raw (unencoded) path-parameter values; the wire carries them percent-encoded,
 * so decoding first gives the same string the SDK signs. Exported for tests and for debugging a
 * refused signature.
 */
export function canonicalPath(pathname: string): string {
  const path = percentDecode(pathname).split("/").map(encode).join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/**
 * The canonical query string: names and values decoded, names sorted, each name's values sorted
 * (both by UTF-16 code units, as the SDK sorts), each encoded anew, joined as `name=value` by `&`.
 */
export function canonicalQuery(searchParams: URLSearchParams): string {
  const byName = new Map<string, string[]>();
  for (const [name, value] of searchParams) {
    const values = byName.get(name);
    if (values) values.push(value);
    else byName.set(name, [value]);
  }
  const pairs: string[] = [];
  for (const name of [...byName.keys()].sort()) {
    const encodedName = encode(name);
    for (const value of (byName.get(name) ?? []).sort()) pairs.push(`${encodedName}=${encode(value)}`);
  }
  return pairs.join("&");
}

/** RFC 3986 encoding: everything but `A-Z a-z 0-9 - . _ ~` as UTF-8 `%XX`, upper-case hex. */
function encode(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Decodes each run of `%XX` as UTF-8 (malformed bytes become U+FFFD, as URL parsing does). */
function percentDecode(text: string): string {
  if (!text.includes("%")) return text;
  return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = Number.parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    return utf8Decoder.decode(bytes);
  });
}

function hex(buffer: ArrayBuffer): string {
  let out = "";
  for (const byte of new Uint8Array(buffer)) out += HEX[byte];
  return out;
}
