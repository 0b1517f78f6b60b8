// What a command prints of a failure: the message of an Error, or the thrown value as text.

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
