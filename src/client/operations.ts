// The client's operations, all read from generated/: one method per contract of the validators module,
// its input and result typed from the generated operation types. An operation the spec adds needs no
// edit here or anywhere in src/.
import type { operations as OperationTypes } from "../../generated/image-search.js";
import type { operations } from "../../generated/image-search.validators.js";
import type { OperationContract } from "../../generated/shared-types.js";
import type { CallOptions } from "./client-options.js";
import type { CamelCase, ProjectIdParameter } from "./input-names.js";

/** An operation of the validators' table; indexing the generated types by it proves they have it too. */
export type OperationId = keyof typeof operations;

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The caller's path parameters: all but the client's `project_id`, in camelCase. */
type PathInput<Path> = {
  [K in keyof Path as K extends ProjectIdParameter ? never : CamelCase<K & string>]: Path[K];
};
type BodyInput<Operation> = Operation extends { requestBody: { content: { "application/json": infer Body } } }
  ? Body
  : unknown;
type JsonBody<Response> = Response extends { content: { "application/json": infer Body } } ? Body : never;
type SuccessStatus = 200 | 201 | 202 | 203 | 206;

/** What a method takes: its path parameters in camelCase and its JSON body's fields, from generated/. */
export type OperationInput<Id extends OperationId> = Simplify<
  PathInput<OperationTypes[Id]["parameters"]["path"]> & BodyInput<OperationTypes[Id]>
>;
/** What a method resolves to: the JSON body of the operation's success (2xx) response, from generated/. */
export type OperationResult<Id extends OperationId> = {
  [Status in keyof OperationTypes[Id]["responses"]]: Status extends SuccessStatus
    ? JsonBody<OperationTypes[Id]["responses"][Status]>
    : never;
}[keyof OperationTypes[Id]["responses"]];

/**
 * One method per operation of the spec, named by its operationId. Every method validates its input,
 * maps the answer onto its typed result or a typed error, and retries only if the operation's method
 * is idempotent (GET, PUT, DELETE). A request refused for its token is sent once more with a fresh
 * one when the token is a function, whatever the method (a POST included): it was not carried out.
 */
export type OperationMethods<Id extends OperationId = OperationId> = {
  [K in Id]: (input: OperationInput<K>, options?: CallOptions) => Promise<OperationResult<K>>;
};

/** Makes one call of an operation; what every method hands its arguments to. */
export type OperationCall = <Id extends OperationId>(
  contract: OperationContract<Id>,
  input: OperationInput<Id>,
  options?: CallOptions,
) => Promise<OperationResult<Id>>;

/** The methods, one per contract, each handing its call to `call`. */
export function operationMethods<Id extends OperationId>(
  contracts: readonly OperationContract<Id>[],
  call: OperationCall,
): OperationMethods<Id> {
  const methods: Partial<Record<OperationId, unknown>> = {};
  for (const contract of contracts) {
    methods[contract.operationId] = (input: OperationInput<Id>, options?: CallOptions) =>
      call(contract, input, options);
  }
  return methods as OperationMethods<Id>;
}
