// Which request a failure was: the provider's request id, read from the response.

/**
 * The provider's request id. The Image Search pages document no response header; Huawei Cloud's
 * common response headers name `X-Request-Id`, and the official SDK core reads that header (Inferred).
 * Many other APIs send the same header.
 */
export function requestIdOf(response: Response): string | undefined {
  return response.headers.get("x-request-id") ?? undefined;
}

/** Where a failure happened: the operation, and the provider's request id when the response has one. */
export function failureContext(operation: string, response: Response) {
  return { operation, requestId: requestIdOf(response) };
}
