import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../../generated/image-search.js";
import { operations } from "../../generated/image-search.validators.js";
import type { OperationContract } from "../../generated/shared-types.js";
import { attemptSender, type SendMethod } from "./attempt.js";
import { operationCaller } from "./call.js";
import type { ImageSearchClientOptions } from "./client-options.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { type OperationId, type OperationMethods, operationMethods } from "./operations.js";
import { settingsOf } from "./settings.js";
import { VERSION } from "./version.js";

export { DEFAULT_DEADLINE_MS, DEFAULT_TIMEOUT_MS } from "./settings.js";

/** A client of some operations: one method for each (see {@link OperationMethods}), and `raw`. */
export type ImageSearchClientFor<Id extends OperationId> = OperationMethods<Id> & {
  /**
   * The underlying openapi-fetch client, for callers who want `{ data, error, response }`. Its calls
   * follow no redirect either, but get no body cap, checks or retries. The methods read each
   * response themselves: a middleware added to it sees a body-less 204 stand-in for their calls.
   */
  readonly raw: Client<paths>;
};

/** The client: one method per operation of the spec, and `raw`. */
export type ImageSearchClient = ImageSearchClientFor<OperationId>;

/** A client with a method for every operation of the spec. */
export function createImageSearchClient(options: ImageSearchClientOptions): ImageSearchClient {
  return createImageSearchClientFor(Object.values(operations), options);
}

/**
 * A client with a method for each of the given operations only, their contracts imported from
 * `huaweicloud-image-search/operations`: an app bundles those operations' validators and no others.
 */
export function createImageSearchClientFor<Id extends OperationId>(
  contracts: readonly OperationContract<Id>[],
  options: ImageSearchClientOptions,
): ImageSearchClientFor<Id> {
  const settings = settingsOf(options);
  if (!Array.isArray(contracts) || !contracts.every(isContract)) {
    throw new InvalidInputError("operations", "must be a list of operation contracts", {
      operation: "createImageSearchClientFor",
    });
  }
  const raw = createClient<paths>({
    baseUrl: settings.baseUrl,
    headers: { ...userAgent(), ...options.headers },
    fetch: settings.baseFetch,
    // For callers of `raw` too: a redirect comes back as the 3xx it is, and is not followed.
    redirect: "manual",
  });
  // The contracts are generated from the same spec as `paths`, so the untyped call is safe.
  // openapi-fetch's per-method functions (raw.PUT …); its generic request() copies the options once more.
  const send = ((method: string) => raw[method.toUpperCase() as "GET"]) as unknown as SendMethod;
  const call = operationCaller(settings, attemptSender(settings, send));
  return Object.assign(operationMethods(contracts, call), { raw });
}

function isContract(value: unknown): boolean {
  return typeof (value as OperationContract | undefined)?.operationId === "string";
}

/** Browsers refuse a User-Agent header, so it is set in Node only. */
function userAgent(): Record<string, string> {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node ? { "User-Agent": `huaweicloud-image-search/${VERSION} node/${node}` } : {};
}
