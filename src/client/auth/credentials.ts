// What an AK/SK signer needs before it can sign, checked when it is made: credentials that a header can
// carry, and Web Crypto. Kept apart from the signer, so that the client checks both when it is made and
// loads the signing code only when it first signs.
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { UnsupportedRuntimeError } from "../errors/unsupported-runtime-error.js";
import { isVisibleAscii } from "../visible-ascii.js";

export interface AkSkCredentials {
  /** Access key ID (AK); sent in the `Authorization` header. */
  accessKey: string;
  /** Secret access key (SK); used only as the HMAC key, never sent, logged or quoted in an error. */
  secretKey: string;
  /** Security token of temporary credentials; sent as `X-Security-Token` and signed. */
  securityToken?: string | undefined;
}

/** The operation a signer's errors name: signers are made for the client. */
export const SIGNER_OPERATION = "createImageSearchClient";

export interface CheckedCredentials {
  accessKey: string;
  secretKey: string;
  securityToken: string | undefined;
}

/** The credentials, checked and copied: a later change to the caller's object changes nothing. */
export function checkCredentials(credentials: unknown): CheckedCredentials {
  const context = { operation: SIGNER_OPERATION };
  if (typeof credentials !== "object" || credentials === null) {
    throw new InvalidInputError(
      "credentials",
      "must be an object { accessKey, secretKey, securityToken? }",
      context,
    );
  }
  const { accessKey, secretKey, securityToken } = credentials as Record<string, unknown>;
  // The reasons describe the rule, never the value: the value may be the secret itself.
  if (!isVisibleAscii(accessKey) || accessKey.includes(",")) {
    throw new InvalidInputError(
      "credentials.accessKey",
      "must be a non-empty string of visible ASCII characters, without commas or spaces",
      context,
    );
  }
  if (!isVisibleAscii(secretKey)) {
    throw new InvalidInputError(
      "credentials.secretKey",
      "must be a non-empty string of visible ASCII characters, without spaces or line breaks",
      context,
    );
  }
  if (securityToken !== undefined && !isVisibleAscii(securityToken)) {
    throw new InvalidInputError(
      "credentials.securityToken",
      "must be a non-empty string of visible ASCII characters when given",
      context,
    );
  }
  return { accessKey, secretKey, securityToken };
}

/** Web Crypto's `subtle`, which signing needs; UnsupportedRuntimeError where the runtime has none. */
export function requireWebCrypto(subtle: SubtleCrypto | undefined): SubtleCrypto {
  if (subtle) return subtle;
  throw new UnsupportedRuntimeError(
    "crypto.subtle",
    "AK/SK signing needs (Web Crypto; browsers offer it in secure https: contexts only)",
    { operation: SIGNER_OPERATION },
  );
}
