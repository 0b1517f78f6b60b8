// How a failure without a response is described in a message: by its type only, never its text.

/**
 * A failure by its type only: the error's name and its inner error's name and code (e.g. `TypeError:
 * Error ECONNRESET`), never a message, which may quote a URL, a header or a provider's secrets.
 */
export function describe(cause: unknown): string {
  if (!(cause instanceof Error)) return typeof cause;
  const inner = cause.cause instanceof Error ? `: ${cause.cause.name}${codeOf(cause.cause)}` : "";
  return `${cause.name}${inner}`;
}

function codeOf(error: Error): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === "string" && /^[A-Z][A-Z0-9_]{0,40}$/.test(code) ? ` ${code}` : "";
}
