// A client's methods, read from a spec's generated contracts: one per contract, typed from the types
// the contract carries (generated/<spec>.operations.ts). An operation the spec adds needs no edit here
// or anywhere in src/.
import type { OperationContract, OperationShape, OperationsTable } from "../../generated/shared-types.js";
import type { CallOptions } from "./client-options.js";

/** The types a contract carries. */
type ShapeOf<Contract> = Contract extends OperationContract<string, infer Shape> ? Shape : OperationShape;

/** What an operation's method takes: its parameters by input name and its body's fields (or `body`). */
export type InputOf<Contract> = ShapeOf<Contract>["input"];
/** What an operation's method resolves to: its documented success body (`undefined` for none). */
export type ResultOf<Contract> = ShapeOf<Contract>["result"];
/** The bodies of an operation's documented error responses, by status (`default` included). */
export type ErrorBodiesOf<Contract> = ShapeOf<Contract>["errors"];

type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The input without the names a client fills in from its `defaults`. */
export type CallerInput<Input, Filled extends PropertyKey> = Simplify<Omit<Input, Filled>>;

/** A method: its input is optional when nothing in it is required. */
export type MethodFor<Contract, Filled extends PropertyKey = never> =
  // biome-ignore lint/complexity/noBannedTypes: the empty object type is what an input with nothing required accepts
  {} extends CallerInput<InputOf<Contract>, Filled>
    ? (input?: CallerInput<InputOf<Contract>, Filled>, options?: CallOptions) => Promise<ResultOf<Contract>>
    : (input: CallerInput<InputOf<Contract>, Filled>, options?: CallOptions) => Promise<ResultOf<Contract>>;

/**
 * One method per operation of the table, by the table's names (the operationIds made identifiers),
 * each documented with the operation's summary and description.
 */
export type MethodsOf<Table, Filled extends PropertyKey = never> = {
  [Name in keyof Table]: MethodFor<Table[Name], Filled>;
};

/** A list of contracts as a table by their method names. */
export type TableOf<Contracts extends readonly OperationContract[]> = {
  [Contract in Contracts[number] as Contract["name"]]: Contract;
};

/** Makes one call of an operation; what every method hands its arguments to. */
export type OperationCall = (
  contract: OperationContract,
  input: unknown,
  options?: CallOptions,
) => Promise<unknown>;

/** The methods, one per contract, each handing its call to `call`. */
export function operationMethods(
  contracts: OperationsTable | readonly OperationContract[],
  call: OperationCall,
): Record<string, (input?: unknown, options?: CallOptions) => Promise<unknown>> {
  const methods: Record<string, (input?: unknown, options?: CallOptions) => Promise<unknown>> = {};
  const entries = Array.isArray(contracts)
    ? contracts.map((contract): [string, OperationContract] => [contract.name, contract])
    : Object.entries(contracts as OperationsTable);
  for (const [name, contract] of entries) {
    methods[name] = (input?: unknown, options?: CallOptions) => call(contract, input ?? {}, options);
  }
  return methods;
}
