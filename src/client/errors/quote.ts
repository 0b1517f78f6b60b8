// How an error message quotes what a server sent: never more than a bounded number of characters.

/** The most characters of server text (an `error_msg`, a code, an origin) a message quotes. */
export const MESSAGE_TEXT_LIMIT = 200;

/** Server text as a message quotes it: at most {@link MESSAGE_TEXT_LIMIT} characters. */
export function cut(text: string): string {
  return text.length > MESSAGE_TEXT_LIMIT ? `${text.slice(0, MESSAGE_TEXT_LIMIT)}…` : text;
}
