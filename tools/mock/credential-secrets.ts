// The credentials a request carries, by the places the spec's security schemes put them (a header, a
// query parameter, a cookie, or `Authorization`), and text with them taken out: what the mock and
// `npm run verify` print of an exchange names no credential, whatever the API calls its own.
import type { IncomingMessage } from "node:http";
import type { Credential } from "../shared/openapi.js";

type Place = Pick<Credential, "in" | "name">;

/** Always secret, whatever the spec declares: a proxy's and the standard authorization header. */
const ALWAYS: readonly Place[] = [
  { in: "header", name: "Authorization" },
  { in: "header", name: "Proxy-Authorization" },
];

/** The values `req` carries at `places` (and in the authorization headers), each credential whole. */
export function credentialSecrets(req: IncomingMessage, places: readonly Place[]): string[] {
  const url = new URL(req.url ?? "/", "http://mock.invalid");
  const cookies = new Map(
    [req.headers.cookie ?? ""]
      .join(";")
      .split(";")
      .map((pair) => pair.trim().split("=") as [string, string?])
      .map(([name, value = ""]) => [name, decodeURIComponentSafe(value)]),
  );
  const found = [...ALWAYS, ...places].flatMap((place): string[] => {
    if (place.in === "query") return url.searchParams.getAll(place.name);
    if (place.in === "cookie") return [cookies.get(place.name) ?? ""];
    const value = req.headers[place.name.toLowerCase()];
    // `Bearer abc` is secret whole, and its token on its own too.
    return [value ?? []].flat().flatMap((v) => [v, v.replace(/^\S+\s+/, "")]);
  });
  return [...new Set(found.filter((value) => value !== ""))];
}

function decodeURIComponentSafe(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * Characters a token is made of: a secret is redacted where it stands whole, not inside a word. `=`
 * only ends one (base64's padding), so a secret right after `name=` in a query is still whole.
 */
const BEFORE_TOKEN = "[A-Za-z0-9._~+/-]";
const TOKEN_CHARACTER = "[A-Za-z0-9._~+/=-]";

/** `text` with each whole occurrence of each of `secrets` (and of its URL-encoded form) as `<token>`. */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  return secrets.flatMap((s) => [s, encodeURIComponent(s)]).reduce(withoutSecret, text);
}

function withoutSecret(text: string, secret: string): string {
  if (secret === "") return text;
  const escaped = secret.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return text.replace(new RegExp(`(?<!${BEFORE_TOKEN})${escaped}(?!${TOKEN_CHARACTER})`, "g"), "<token>");
}
