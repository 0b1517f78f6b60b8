import createClient, { type Client } from "openapi-fetch";
import type { operations as OperationTypes, paths } from "../generated/image-search.js";
import { operations } from "../generated/image-search.validators.js";
import {
  checkPathSegment,
  isNonEmptyString,
  type Outcome,
  prepareRequest,
  readResponse,
} from "./contract.js";
import { Deadlines } from "./deadlines.js";
import {
  type ImageSearchClientError,
  InvalidInputError,
  isImageSearchError,
  isInvalidInputError,
  isUnexpectedResponseError,
  NetworkError,
  TimeoutError,
} from "./errors.js";
import { type RetryOptions, retryDelay, retryPolicy, sleep } from "./retry.js";
import { type AkSkCredentials, type AkSkSigner, createAkSkSigner } from "./signer.js";
import { VERSION } from "./version.js";

export interface TokenRequest {
  /** True when the last token was refused (IS.0004, IS.0013 or a 401): return a fresh one. */
  refresh: boolean;
}

/** A token, or a function called before every attempt that returns one (e.g. from a cache). */
export type TokenSource = string | ((request: TokenRequest) => string | Promise<string>);

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

export type TokenClientOptions = ClientSettings & TokenAuthentication;
export type AkSkClientOptions = ClientSettings & AkSkAuthentication;
/** The client's options: exactly one of `token` and `credentials`. */
export type ImageSearchClientOptions = TokenClientOptions | AkSkClientOptions;

export interface ClientSettings {
  /** Base URL of the service, e.g. `https://imagesearch.ap-southeast-1.myhuaweicloud.com`; `https:` unless loopback. */
  endpoint: string;
  /** Project ID; every call is made in this project. */
  projectId: string;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** Check every response against the spec's schemas (default `true`). */
  validateResponses?: boolean;
  /** Time limit of one attempt, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** Retries of idempotent calls, or `false` for none (default: 3 attempts in total). */
  retry?: RetryOptions | false;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export interface CallOptions {
  /** Time limit of each attempt of this call, in milliseconds. */
  timeoutMs?: number;
  /** Cancels the call: it rejects at once with the signal's reason, and nothing is retried. */
  signal?: AbortSignal;
  /** Extra headers for this call, e.g. `{ Prefer: "code=400, example=path-null" }` against the mock. */
  headers?: Record<string, string>;
}

type CamelCase<Name extends string> = Name extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : Name;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
/** The caller's path parameters: all but the client's `project_id`, in camelCase. */
type PathInput<Path> = {
  [K in keyof Path as K extends "project_id" ? never : CamelCase<K & string>]: Path[K];
};
type BodyInput<Operation> = Operation extends { requestBody: { content: { "application/json": infer Body } } }
  ? Body
  : unknown;

/** What a method takes: its path parameters in camelCase and its JSON body's fields, from generated/. */
export type OperationInput<Id extends keyof OperationTypes> = Simplify<
  PathInput<OperationTypes[Id]["parameters"]["path"]> & BodyInput<OperationTypes[Id]>
>;
/** What a method resolves to: the operation's 200 body, from generated/. */
export type OperationResult<Id extends keyof OperationTypes> =
  OperationTypes[Id]["responses"][200]["content"]["application/json"];

export type CreateInstanceInput = OperationInput<"createInstance">;
export type CreateInstanceResult = OperationResult<"createInstance">;
export type GetInstanceInput = OperationInput<"getInstance">;
export type GetInstanceResult = OperationResult<"getInstance">;
export type DeleteInstanceInput = OperationInput<"deleteInstance">;
export type DeleteInstanceResult = OperationResult<"deleteInstance">;
export type AddImageInput = OperationInput<"addImage">;
export type AddImageResult = OperationResult<"addImage">;
export type SearchImagesInput = OperationInput<"searchImages">;
export type SearchImagesResult = OperationResult<"searchImages">;
export type CheckImageInput = OperationInput<"checkImage">;
export type CheckImageResult = OperationResult<"checkImage">;
export type ModifyImageInput = OperationInput<"modifyImage">;
export type ModifyImageResult = OperationResult<"modifyImage">;
export type DeleteImageInput = OperationInput<"deleteImage">;
export type DeleteImageResult = OperationResult<"deleteImage">;

/**
 * One method per operation of the spec, named by its operationId. Every method validates its input,
 * maps the answer onto its typed result or a typed error, and retries only if the operation's method
 * is idempotent (GET, PUT, DELETE): never a POST.
 */
export interface ImageSearchClient {
  /** Creates an image-library instance (`RunCreateInstance`, POST; not retried). */
  createInstance(input: CreateInstanceInput, options?: CallOptions): Promise<CreateInstanceResult>;
  /** Returns the details of an instance (`RunQueryInstance`, GET; retried). */
  getInstance(input: GetInstanceInput, options?: CallOptions): Promise<GetInstanceResult>;
  /** Deletes an instance and its image library (`RunDeleteInstance`, DELETE; retried). */
  deleteInstance(input: DeleteInstanceInput, options?: CallOptions): Promise<DeleteInstanceResult>;
  /** Adds an image to the instance's library (`RunAddPicture`, POST; not retried). */
  addImage(input: AddImageInput, options?: CallOptions): Promise<AddImageResult>;
  /** Searches the library for similar images and/or tags (`RunSearchPicture`, POST; not retried). */
  searchImages(input: SearchImagesInput, options?: CallOptions): Promise<SearchImagesResult>;
  /** Says whether an image is in the library: `exist` is "true" or "false" (`RunCheckPicture`, POST; not retried). */
  checkImage(input: CheckImageInput, options?: CallOptions): Promise<CheckImageResult>;
  /** Replaces the tags of an image already in the instance's library (`RunModifyPicture`, PUT; retried). */
  modifyImage(input: ModifyImageInput, options?: CallOptions): Promise<ModifyImageResult>;
  /** Deletes an image from the library; the path goes in a JSON body (`RunDeletePicture`, DELETE; retried). */
  deleteImage(input: DeleteImageInput, options?: CallOptions): Promise<DeleteImageResult>;
  /** The underlying openapi-fetch client, for callers who want `{ data, error, response }`. */
  readonly raw: Client<paths>;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
const IDEMPOTENT_METHODS = new Set(["get", "head", "put", "delete", "options"]);
const TOKEN_ERROR_CODES = new Set(["IS.0004", "IS.0013"]);
const VISIBLE_ASCII = /^[\x21-\x7e]+$/;

type OperationId = keyof typeof operations;
type UntypedMethod = (path: string, init: Record<string, unknown>) => Promise<Outcome>;

export function createImageSearchClient(options: ImageSearchClientOptions): ImageSearchClient {
  const context = { operation: "createImageSearchClient" };
  const baseUrl = checkEndpoint(options.endpoint, context);
  checkPathSegment(options.projectId, "projectId", context.operation);
  const defaultTimeoutMs = checkTimeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, context);
  const retry = retryPolicy(options.retry);
  const validateResponses = options.validateResponses !== false;
  const signer = authenticationOf(options, context);
  // The global fetch is looked up per call, so one patched after the client was made (MSW) still applies.
  const baseFetch = options.fetch ?? ((input: Request, init?: RequestInit) => globalThis.fetch(input, init));
  const raw = createClient<paths>({
    baseUrl,
    headers: { ...userAgent(), ...options.headers },
    fetch: baseFetch,
  });
  // The contract table is generated from the same spec as `paths`, so the untyped call is safe.
  // openapi-fetch's per-method functions (raw.PUT …); its generic request() copies the options once more.
  const send = (method: string) => raw[method.toUpperCase() as "GET"] as unknown as UntypedMethod;
  const deadlines = new Deadlines();

  async function attempt(
    operation: OperationId,
    prepared: ReturnType<typeof prepareRequest>,
    token: string | undefined,
    timeoutMs: number,
    callOptions: CallOptions,
  ): Promise<unknown> {
    const contract = operations[operation];
    // The controller and its signal are made only when the transport asks for the signal or the time
    // limit passes: Node's AbortController costs about a tenth of a call (fetch always asks; a test
    // double may not).
    let controller: AbortController | undefined;
    let timedOut = false;
    const controllerNow = () => {
      controller ??= new AbortController();
      if (timedOut) controller.abort();
      return controller;
    };
    const clear = deadlines.add(timeoutMs, () => {
      timedOut = true;
      controller?.abort();
    });
    let signal: AbortSignal | undefined;
    const transportInit = {
      get signal() {
        const own = controllerNow().signal;
        signal ??= callOptions.signal ? AbortSignal.any([callOptions.signal, own]) : own;
        return signal;
      },
    };
    let outcome: Outcome;
    try {
      outcome = await send(contract.method)(contract.path, {
        params: { path: prepared.pathParams },
        ...(prepared.body === undefined ? {} : { body: prepared.body }),
        // The token is the spec's AuthToken security scheme, not a parameter; it wins over a caller's header.
        ...(callOptions.headers || token !== undefined
          ? { headers: { ...callOptions.headers, ...(token === undefined ? {} : { "X-Auth-Token": token }) } }
          : {}),
        // The signal goes to the transport, not into openapi-fetch's Request: a Request built with a
        // signal costs about twice as much in undici, and fetch builds its own Request anyway.
        // Signed here, on the Request openapi-fetch built, so that every attempt has its own date.
        fetch: signer
          ? async (request: Request) => baseFetch(await signer.sign(request), transportInit)
          : (request: Request) => baseFetch(request, transportInit),
        parseAs: "text",
      });
    } catch (cause) {
      if (callOptions.signal?.aborted) throw callOptions.signal.reason;
      if (isInvalidInputError(cause)) throw cause;
      if (timedOut) throw new TimeoutError(timeoutMs, { operation, cause });
      throw new NetworkError(describe(cause), { operation, cause });
    } finally {
      clear();
    }
    return readResponse(operation, contract, outcome, validateResponses);
  }

  async function call<Id extends OperationId>(
    operation: Id,
    input: OperationInput<Id>,
    callOptions: CallOptions = {},
  ): Promise<OperationResult<Id>> {
    const contract = operations[operation];
    const timeoutMs = checkTimeout(callOptions.timeoutMs ?? defaultTimeoutMs, { operation });
    const prepared = prepareRequest(operation, contract, input as Record<string, unknown>, options.projectId);
    const attempts = IDEMPOTENT_METHODS.has(contract.method) ? retry.attempts : 1;
    let refresh = false;
    let refreshed = false;
    for (let attemptNumber = 1; ; attemptNumber++) {
      callOptions.signal?.throwIfAborted();
      // A static token needs no await: one microtask less per call.
      const token = signer
        ? undefined
        : typeof options.token === "string"
          ? checkToken(options.token, operation)
          : await resolveToken(options.token, operation, refresh);
      try {
        return (await attempt(operation, prepared, token, timeoutMs, callOptions)) as OperationResult<Id>;
      } catch (error) {
        if (callOptions.signal?.aborted || !isClientError(error)) throw error;
        // A refused token gets one more attempt with a fresh one, outside the retry budget.
        if (!refreshed && typeof options.token === "function" && isTokenRefusal(error)) {
          refresh = refreshed = true;
          attemptNumber--;
          continue;
        }
        refresh = false;
        const delayMs = retryDelay(error, attemptNumber, retry);
        if (delayMs === undefined || attemptNumber >= attempts) throw error;
        retry.onRetry?.({ operation, attempt: attemptNumber, delayMs, error });
        await sleep(delayMs, callOptions.signal);
      }
    }
  }

  return {
    createInstance: (input, callOptions) => call("createInstance", input, callOptions),
    getInstance: (input, callOptions) => call("getInstance", input, callOptions),
    deleteInstance: (input, callOptions) => call("deleteInstance", input, callOptions),
    addImage: (input, callOptions) => call("addImage", input, callOptions),
    searchImages: (input, callOptions) => call("searchImages", input, callOptions),
    checkImage: (input, callOptions) => call("checkImage", input, callOptions),
    modifyImage: (input, callOptions) => call("modifyImage", input, callOptions),
    deleteImage: (input, callOptions) => call("deleteImage", input, callOptions),
    raw,
  };
}

/** The signer for AK/SK credentials, or `undefined` for a token; exactly one of the two is allowed. */
function authenticationOf(
  options: ImageSearchClientOptions,
  context: { operation: string },
): AkSkSigner | undefined {
  const hasToken = options.token !== undefined;
  const hasCredentials = options.credentials !== undefined;
  if (hasToken && hasCredentials) {
    throw new InvalidInputError(
      "credentials",
      "cannot be given together with token: pass exactly one",
      context,
    );
  }
  if (!hasToken && !hasCredentials) {
    throw new InvalidInputError("token", "or credentials is required: pass exactly one", context);
  }
  return hasCredentials ? createAkSkSigner(options.credentials) : undefined;
}

function checkEndpoint(endpoint: unknown, context: { operation: string }): string {
  if (!isNonEmptyString(endpoint) || !URL.canParse(endpoint)) {
    throw new InvalidInputError("endpoint", "must be an absolute URL", context);
  }
  const url = new URL(endpoint);
  const loopback = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new InvalidInputError("endpoint", "must be https: (http: is allowed for loopback only)", context);
  }
  return url.href.replace(/\/+$/, "");
}

function checkTimeout(timeoutMs: unknown, context: { operation: string }): number {
  if (typeof timeoutMs !== "number" || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new InvalidInputError("timeoutMs", "must be a positive number of milliseconds", context);
  }
  return timeoutMs;
}

async function resolveToken(
  source: TokenSource | undefined,
  operation: string,
  refresh: boolean,
): Promise<string> {
  let token: unknown;
  try {
    token = typeof source === "function" ? await source({ refresh }) : source;
  } catch (cause) {
    // Keep only the failure's type in the message: a provider's error may quote its secrets.
    throw new InvalidInputError("token", `provider failed (${describe(cause)})`, { operation, cause });
  }
  return checkToken(token, operation);
}

function checkToken(token: unknown, operation: string): string {
  if (!isNonEmptyString(token)) {
    throw new InvalidInputError("token", "must be a non-empty string", { operation });
  }
  // A header value is trimmed and must be bytes; catch it here rather than as a transport failure.
  if (!VISIBLE_ASCII.test(token)) {
    throw new InvalidInputError("token", "must be visible ASCII characters only", { operation });
  }
  return token;
}

function isTokenRefusal(error: ImageSearchClientError): boolean {
  return (
    (isImageSearchError(error) && TOKEN_ERROR_CODES.has(error.code)) ||
    (isUnexpectedResponseError(error) && error.status === 401)
  );
}

function isClientError(error: unknown): error is ImageSearchClientError {
  return error instanceof Error && "operation" in error;
}

/** Browsers refuse a User-Agent header, so it is set in Node only. */
function userAgent(): Record<string, string> {
  const node = (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node;
  return node ? { "User-Agent": `huaweicloud-image-search/${VERSION} node/${node}` } : {};
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
    return `${cause.name}${inner}`;
  }
  return typeof cause;
}
