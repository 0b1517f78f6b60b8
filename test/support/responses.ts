// What an injected fetch answers with in the client and IAM tests.

/** A JSON response: `body` serialized, with the JSON media type and any extra `headers`. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json", ...headers },
  });
}

/** The Error a promise rejects with; throws if it resolves, or rejects with something else. */
export async function failure(promise: Promise<unknown>): Promise<Error> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error("expected the call to reject with an Error");
  return error;
}
