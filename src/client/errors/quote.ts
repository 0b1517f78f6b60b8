// How an error message quotes what a server sent: never more than a bounded number of characters, and
// never a control character that a terminal or a log reader would act on (the raw text stays on the
// error's own properties).

/** The most characters of server text (an `error_msg`, a code, an origin) a message quotes. */
export const MESSAGE_TEXT_LIMIT = 200;

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters to escape
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Server text as a message quotes it: at most {@link MESSAGE_TEXT_LIMIT} characters, controls escaped. */
export function cut(text: string): string {
  const shown = text.length > MESSAGE_TEXT_LIMIT ? `${text.slice(0, MESSAGE_TEXT_LIMIT)}…` : text;
  return withControlsEscaped(shown);
}

/** `text` with each control character (and line or paragraph separator) written as its `\\uXXXX` escape. */
export function withControlsEscaped(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
