// A client for any spec: one method per operation of a generated contracts table (or list), each
// taking its parameters by input name and its body's fields, and resolving to the documented result.
// openapi-fetch builds and sends every request; the client's own concerns sit around it (the call
// loop: credentials, retries, deadlines) and in its middleware (a signer), and its transport caps
// what is read and follows no redirect.
import createFetchClient, { type Middleware } from "openapi-fetch";
import type { OperationContract, OperationsTable } from "../../generated/shared-types.js";
import type { RawClient } from "./attempt.js";
import type { ClientOptions } from "./client-options.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { type MethodsOf, type OperationCall, operationMethods, type TableOf } from "./operations.js";
import { type Settings, settingsOf } from "./settings.js";
import { VERSION } from "./version.js";

type Engine = typeof import("./engine.js");

/** What a client is made of: a contracts table (`operations` of generated/<spec>.operations.ts), or a list of contracts. */
export type Contracts = OperationsTable | readonly OperationContract[];

/** The table a list of contracts amounts to, by method name; a table as it is. */
export type TableFor<Given> = Given extends readonly OperationContract[] ? TableOf<Given> : Given;

/** A client: one method per operation, and `raw`, the openapi-fetch client underneath. */
export type Client<Table, Filled extends PropertyKey = never> = MethodsOf<Table, Filled> & {
  /**
   * The underlying openapi-fetch client, for callers who want `{ data, error, response }`. Its calls
   * carry the client's credentials and signature, follow no redirect and read a capped body, but get
   * no checks or retries.
   */
  readonly raw: RawClient;
};

/**
 * A client of the given operations: `createClient(operations, { endpoint })` with `operations` from a
 * spec's generated/<spec>.operations.ts, or a list of some of its contracts.
 */
export function createClient<
  const Given extends Contracts,
  const Defaults extends object = Record<never, never>,
>(operations: Given, options: ClientOptions<Defaults>): Client<TableFor<Given>, keyof Defaults> {
  return clientOf(operations, options, "createClient") as Client<TableFor<Given>, keyof Defaults>;
}

/** The client, its options' errors naming `caller` (the function the caller called). */
export function clientOf(
  operations: Contracts,
  options: ClientOptions,
  caller: string,
): Record<string, unknown> {
  const settings = settingsOf(options, caller);
  const contracts = contractsOf(operations, caller);
  const engine = engineLoader();
  const raw = rawClient(settings, contracts, engine);
  // The methods' requests carry their credentials already (the call loop asks for them), so they go
  // through a client of their own, without raw's credential middleware.
  const sender = fetchClient(settings, engine, []);
  let calls: Promise<OperationCall> | undefined;
  const call: OperationCall = async (contract, input, callOptions) => {
    calls ??= engine().then(({ operationCaller }) => operationCaller(settings, sender));
    return (await calls)(contract, input, callOptions);
  };
  return Object.assign(operationMethods(operations, call), { raw });
}

/** The engine, imported once; an import that fails is tried again by the next call. */
function engineLoader(): () => Promise<Engine> {
  let loading: Promise<Engine> | undefined;
  return () => {
    loading ??= import("./engine.js").catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

function contractsOf(operations: Contracts, caller: string): OperationContract[] {
  const list = Array.isArray(operations)
    ? operations
    : typeof operations === "object" && operations !== null
      ? Object.values(operations)
      : undefined;
  if (!list?.every(isContract)) {
    const what = Array.isArray(operations)
      ? "a list of operation contracts"
      : "a table or a list of operation contracts";
    throw new InvalidInputError("operations", `must be ${what}`, { operation: caller });
  }
  return list;
}

function isContract(value: unknown): value is OperationContract {
  const contract = value as Partial<OperationContract> | undefined;
  return typeof contract?.operationId === "string" && typeof contract.path === "string";
}

/** `raw` to callers: the openapi-fetch client that adds the client's credentials to what it sends. */
function rawClient(
  settings: Settings,
  contracts: readonly OperationContract[],
  engine: () => Promise<Engine>,
): RawClient {
  let credentials: Promise<Middleware> | undefined;
  const addCredentials: Middleware = {
    onRequest: async (params) => {
      credentials ??= engine().then(({ credentialMiddleware }) => credentialMiddleware(settings, contracts));
      return (await credentials).onRequest?.(params);
    },
  };
  return fetchClient(settings, engine, [addCredentials]);
}

/**
 * An openapi-fetch client on the endpoint, with `middleware` and then, when the client signs, the
 * signer: a signature covers the request as the rest of the middleware left it.
 */
function fetchClient(
  settings: Settings,
  engine: () => Promise<Engine>,
  middleware: readonly Middleware[],
): RawClient {
  const client: RawClient = createFetchClient({
    baseUrl: settings.baseUrl,
    headers: { ...userAgent(), ...settings.headers },
    // A call of `raw` gets the caller's own signal, if any; each method's attempt brings its own transport.
    fetch: async (request: Request) => {
      const { attemptTransport } = await engine();
      return attemptTransport(
        settings.baseFetch,
        request.signal,
        settings.maxResponseBytes,
        undefined,
      )(request);
    },
    // A redirect comes back as the 3xx it is, and is not followed.
    redirect: "manual",
  });
  client.use(...middleware);
  if (settings.sign) client.use(signingMiddleware(settings.sign));
  return client;
}

/** Signs each request as openapi-fetch built it: every attempt gets its own date. */
function signingMiddleware(sign: (request: Request) => Promise<Request>): Middleware {
  return { onRequest: ({ request }) => sign(request) };
}

/** Browsers refuse a User-Agent header, so it is set in Node only. */
function userAgent(): Record<string, string> {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node ? { "User-Agent": `huaweicloud-image-search/${VERSION} node/${node}` } : {};
}
