// How the mocks say what went wrong: their own error envelope (for what no spec example answers),
// a violation as text, and a violation as Prism's `sl-violations` header lists one.
import type { Kind, Violation } from "./types.js";

export function mockError(code: string, message: string): { error_code: string; error_msg: string } {
  return { error_code: code, error_msg: message };
}

export function formatViolation(v: Violation): string {
  return [v.in, v.at, v.kind].filter(Boolean).join(" ");
}

/** A violation as Prism reports one in its `sl-violations` header, so devtools show why. */
export function slViolation(v: Violation): {
  location: string[];
  severity: string;
  code: Kind;
  message: string;
} {
  const location = ["request", v.in, ...v.at.split("/").filter(Boolean)];
  return { location, severity: "Error", code: v.kind, message: formatViolation(v) };
}

/**
 * `value` as JSON that a header can carry: every character outside printable ASCII (a key in another
 * script, a control character) written as its `\\uXXXX` escape, which parses back to the same value.
 */
export function headerJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}
