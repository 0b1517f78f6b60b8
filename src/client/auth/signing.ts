// AK/SK request signing (SDK-HMAC-SHA256), computed as Huawei Cloud's own SDKs compute it, with Web
// Crypto only so that it runs unchanged in Node and in browsers. Loaded by auth/signer.ts on a
// signer's first signature: an app that never signs never loads it.
// It imports nothing the client also loads, so that a bundler gives it a chunk of its own.
import { canonicalPath, canonicalQuery } from "./canonical.js";
import type { CheckedCredentials } from "./credentials.js";
import type { SignableRequest } from "./signer.js";

/**
 * The headers that are signed whenever the request carries them (`host` always: it comes from the
 * URL). Every other header is left out: a browser, a proxy or fetch itself may add or change
 * user-agent, accept, accept-encoding, connection and the like after signing, and a signed header
 * that changes on the way breaks the signature.
 */
const SIGNED_HEADERS = [
  "content-type",
  "host",
  "x-sdk-content-sha256",
  "x-sdk-date",
  "x-security-token",
] as const;

const SIGNING_ALGORITHM = "SDK-HMAC-SHA256";
/** Stands for the payload hash of a body that is not JSON, as the official SDK sends it. */
const UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

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

/** What a signer does once its code is loaded: everything but the checks made when it was created. */
export interface SigningCore {
  sign(request: Request, now: () => Date): Promise<Request>;
  signatureHeaders(request: SignableRequest, time: Date): Promise<Record<string, string>>;
}

/** The signing of one signer's requests with `credentials`, already checked. */
export function signingCore(credentials: CheckedCredentials, subtle: SubtleCrypto): SigningCore {
  const { accessKey, secretKey, securityToken } = credentials;
  const signing: SigningKey = { accessKey, securityToken, subtle, hmacKey: hmacKeyOnce(subtle, secretKey) };
  const signatureHeaders = async (request: SignableRequest, time: Date) =>
    signatureHeadersOf(request, sdkDate(time), signing);

  async function sign(request: Request, now: () => Date): Promise<Request> {
    const body =
      request.body !== null && hashesBody(request.headers.get("content-type")) && !hasPayloadHash(request)
        ? await request.arrayBuffer()
        : undefined;
    const added = await signatureHeaders(
      { method: request.method, url: request.url, headers: request.headers, body },
      now(),
    );
    const headers = new Headers(request.headers);
    for (const [name, value] of Object.entries(added)) headers.set(name, value);
    // A body read for hashing is handed over as bytes; an unread one moves over with `request`.
    return new Request(request, body === undefined ? { headers } : { headers, body });
  }

  return { sign, signatureHeaders };
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

/** `YYYYMMDDTHHMMSSZ` in UTC, for a date the signer has checked (auth/signer.ts). */
function sdkDate(date: Date): string {
  const two = (n: number) => String(n).padStart(2, "0");
  return (
    String(date.getUTCFullYear()).padStart(4, "0") +
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
