// The Image Search v1 client: the generic client of generated/image-search.operations.ts, with what
// Huawei Cloud's services share around it (huawei-client.ts), and the codes by which v1 refuses a token.
import type { Client as FetchClient } from "openapi-fetch";
import type { paths } from "../../generated/image-search.js";
import { credentialRefusals, type Operations, operations } from "../../generated/image-search.operations.js";
import type { OperationContract } from "../../generated/shared-types.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import {
  type AkSkAuthentication,
  type HuaweiClientSettings,
  huaweiClient,
  type TokenAuthentication,
} from "./huawei-client.js";
import type { CallerInput, InputOf, MethodsOf, ResultOf } from "./operations.js";

export type { AkSkAuthentication, TokenAuthentication } from "./huawei-client.js";
export { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS } from "./settings.js";

/** What the Image Search client takes beside its authentication. */
export interface ImageSearchSettings extends HuaweiClientSettings {}

export type TokenClientOptions = ImageSearchSettings & TokenAuthentication;
export type AkSkClientOptions = ImageSearchSettings & AkSkAuthentication;
/** The client's options: exactly one of `token` and `credentials`. */
export type ImageSearchClientOptions = TokenClientOptions | AkSkClientOptions;

/** An operation of the spec, by the name of its method. */
export type OperationId = keyof Operations;
/** What a method takes: its parameters in camelCase (the project is the client's) and its body's fields. */
export type OperationInput<Id extends OperationId> = CallerInput<InputOf<Operations[Id]>, "projectId">;
/** What a method resolves to: the JSON body of the operation's success response. */
export type OperationResult<Id extends OperationId> = ResultOf<Operations[Id]>;
/**
 * One method per operation, named by its operationId. Every method validates its input, maps the
 * answer onto its typed result or a typed error, and retries only if the operation's method is
 * idempotent (GET, PUT, DELETE). A request refused for its token is sent once more with a fresh one
 * when the token is a function, whatever the method (a POST included): it was not carried out.
 */
export type OperationMethods<Id extends OperationId = OperationId> = MethodsOf<
  Pick<Operations, Id>,
  "projectId"
>;

/** A client of some operations: one method for each, and `raw`. */
export type ImageSearchClientFor<Id extends OperationId> = OperationMethods<Id> & {
  /**
   * The underlying openapi-fetch client, for callers who want `{ data, error, response }`. Its calls
   * carry the token (or are signed), follow no redirect and read a capped body, but get no checks or
   * retries.
   */
  readonly raw: FetchClient<paths>;
};

/** The client: one method per operation of the spec, and `raw`. */
export type ImageSearchClient = ImageSearchClientFor<OperationId>;

/** A client with a method for every operation of the spec. */
export function createImageSearchClient(options: ImageSearchClientOptions): ImageSearchClient {
  return imageSearchClient(operations, options, "createImageSearchClient") as unknown as ImageSearchClient;
}

/**
 * A client with a method for each of the given operations only, their contracts imported from
 * `huaweicloud-image-search/operations`: an app bundles those operations' validators and no others.
 */
export function createImageSearchClientFor<const Given extends readonly Operations[OperationId][]>(
  contracts: Given,
  options: ImageSearchClientOptions,
): ImageSearchClientFor<Given[number]["name"]> {
  if (!Array.isArray(contracts)) {
    throw new InvalidInputError("operations", "must be a list of operation contracts", {
      operation: "createImageSearchClientFor",
    });
  }
  return imageSearchClient(
    contracts,
    options,
    "createImageSearchClientFor",
  ) as unknown as ImageSearchClientFor<Given[number]["name"]>;
}

function imageSearchClient(
  contracts: Operations | readonly OperationContract[],
  options: ImageSearchClientOptions,
  caller: string,
): Record<string, unknown> {
  return huaweiClient(contracts, options, { caller, credentialRefusals });
}
