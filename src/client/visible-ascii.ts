// The rule for a credential carried in a header (a token, an access key, a signature's parts): visible
// ASCII only. A header value is trimmed and must be bytes, so a space, a line break or a non-ASCII
// character would be changed or refused on the way; the client catches it before anything is sent.

const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

/** A non-empty string of visible ASCII characters (`!` to `~`): no space, control or non-ASCII character. */
export function isVisibleAscii(value: unknown): value is string {
  return typeof value === "string" && VISIBLE_ASCII.test(value);
}
