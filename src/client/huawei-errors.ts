// The error envelope Huawei Cloud's services answer with, `{ error_code, error_msg }`, as the client's
// ImageSearchError, and the answers with which a service refuses a token (from its spec).
import type { ClientSettings } from "./client-options.js";
import { isClientError } from "./errors/base.js";
import { ImageSearchError, isImageSearchError } from "./errors/image-search-error.js";

/** A status and the envelope fields that together mean the service refused the credential. */
export interface CredentialRefusal {
  readonly status: number;
  readonly body: Readonly<Record<string, unknown>>;
}

/** The envelope as ImageSearchError; a refusal is a 401, or an envelope the spec's refusals describe. */
export function huaweiErrors(
  refusals: readonly CredentialRefusal[],
): Pick<ClientSettings, "documentedError" | "isCredentialRefusal"> {
  const refuses = (error: ImageSearchError) => {
    const envelope: Record<string, unknown> = { error_code: error.code, error_msg: error.errorMsg };
    return refusals.some(
      (r) => r.status === error.status && Object.entries(r.body).every(([k, v]) => envelope[k] === v),
    );
  };
  return {
    documentedError: ({ body, response, operation, requestId }) => {
      const { error_code, error_msg } = (body ?? {}) as { error_code?: unknown; error_msg?: unknown };
      if (typeof error_code !== "string" || typeof error_msg !== "string") return undefined;
      return new ImageSearchError(error_code, error_msg, response, { operation, requestId });
    },
    isCredentialRefusal: (error) =>
      (isImageSearchError(error) && refuses(error)) || (isClientError(error) && error.status === 401),
  };
}
