// What Huawei Cloud's service clients share around the generic client: the project every call is made
// in, a token or AK/SK signing (exactly one), and the provider's error envelope with the codes by
// which a service refuses a token. Each service's facade (image-search.ts, image-search-v2.ts) is a
// thin use of it.
import type { OperationContract, OperationsTable } from "../../generated/shared-types.js";
import type { AkSkCredentials } from "./auth/credentials.js";
import { createAkSkSigner } from "./auth/signer.js";
import type { ClientSettings, TokenSource } from "./client-options.js";
import { clientOf } from "./create-client.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { type CredentialRefusal, huaweiErrors } from "./huawei-errors.js";

/** Token authentication: `X-Auth-Token` on every request. */
export interface TokenAuthentication {
  /** Sent as `X-Auth-Token`; never logged and never part of an error. */
  token: TokenSource;
  credentials?: never;
}

/** AK/SK authentication: every attempt is signed (`SDK-HMAC-SHA256`) and carries no token. */
export interface AkSkAuthentication {
  /** Access key, secret key and, for temporary credentials, the security token. */
  credentials: AkSkCredentials;
  token?: never;
}

/** What a Huawei Cloud service client takes beside its authentication. */
export interface HuaweiClientSettings
  extends Omit<ClientSettings, "auth" | "token" | "sign" | "documentedError" | "isCredentialRefusal"> {
  /** Project ID; every call is made in this project. */
  projectId: string;
}

/** A Huawei Cloud service client's options: exactly one of `token` and `credentials`. */
export type HuaweiClientOptions =
  | (HuaweiClientSettings & TokenAuthentication)
  | (HuaweiClientSettings & AkSkAuthentication);

/** How one service differs: the function its caller called, and the codes by which it refuses a token. */
export interface HuaweiService {
  caller: string;
  /** The spec's answers meaning the token was refused (a 401 always means so). */
  credentialRefusals: readonly CredentialRefusal[];
}

/** A client of the contracts with the project, the credentials and the error envelope filled in. */
export function huaweiClient(
  contracts: OperationsTable | readonly OperationContract[],
  options: HuaweiClientOptions,
  service: HuaweiService,
): Record<string, unknown> {
  const context = { operation: service.caller };
  if (typeof options !== "object" || options === null)
    throw new InvalidInputError("options", "must be an object", context);
  const { projectId, token, credentials, ...settings } = options as HuaweiClientSettings & {
    token?: TokenSource;
    credentials?: AkSkCredentials;
  };
  checkProjectId(projectId, context);
  if (token !== undefined && credentials !== undefined) {
    throw new InvalidInputError(
      "credentials",
      "cannot be given together with token: pass exactly one",
      context,
    );
  }
  if (token === undefined && credentials === undefined) {
    throw new InvalidInputError("token", "or credentials is required: pass exactly one", context);
  }
  const signing = credentials === undefined ? {} : { sign: createAkSkSigner(credentials).sign };
  return clientOf(
    contracts,
    {
      ...settings,
      defaults: { projectId },
      ...(token === undefined ? {} : { token }),
      ...signing,
      ...huaweiErrors(service.credentialRefusals),
    },
    service.caller,
  );
}

/** The project is a path segment: an empty, "." or ".." one would route elsewhere. */
function checkProjectId(projectId: unknown, context: { operation: string }): void {
  if (typeof projectId !== "string" || projectId === "") {
    throw new InvalidInputError("projectId", "must be a non-empty string", context);
  }
  if (projectId === "." || projectId === "..") {
    throw new InvalidInputError("projectId", `must not be "${projectId}"`, context);
  }
}
