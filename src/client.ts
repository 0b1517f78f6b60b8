import createClient, { type Client } from "openapi-fetch";
import type { components, paths } from "../generated/image-search.js";
import {
  type OperationContract,
  operations,
  type Validate,
  type ValidationIssue,
} from "../generated/image-search.validators.js";
import {
  ImageSearchError,
  InvalidInputError,
  NetworkError,
  type SchemaViolation,
  UnexpectedResponseError,
} from "./errors.js";

/** A token, or a function called before every request that returns one (e.g. from a cache). */
export type TokenSource = string | (() => string | Promise<string>);

export interface ImageSearchClientOptions {
  /** Base URL of the service, e.g. `https://imagesearch.ap-southeast-1.myhuaweicloud.com`. */
  endpoint: string;
  /** Project ID; every call is made in this project. */
  projectId: string;
  /** Sent as `X-Auth-Token`; never logged and never part of an error. */
  token: TokenSource;
  /** A `fetch` to use instead of the global one (tests, proxies, instrumentation). */
  fetch?: typeof globalThis.fetch;
  /** Check every response against the spec's schemas (default `true`). */
  validateResponses?: boolean;
  /** Headers sent with every request. */
  headers?: Record<string, string>;
}

export interface CallOptions {
  /** Extra headers for this call, e.g. `{ Prefer: "example=path-null" }` against the mock. */
  headers?: Record<string, string>;
  /** Cancels the call. */
  signal?: AbortSignal;
}

export type ModifyImageInput = { instanceName: string } & components["schemas"]["ModifyImageRequest"];
export type ModifyImageResult = components["schemas"]["ModifyImageResult"];

export interface ImageSearchClient {
  /** Replaces the tags of an image already in the instance's library (`RunModifyPicture`). */
  modifyImage(input: ModifyImageInput, options?: CallOptions): Promise<ModifyImageResult>;
  /** The underlying openapi-fetch client, for callers who want `{ data, error, response }`. */
  readonly raw: Client<paths>;
}

type OperationId = keyof typeof operations;

export function createImageSearchClient(options: ImageSearchClientOptions): ImageSearchClient {
  const context = { operation: "createImageSearchClient" };
  const baseUrl = checkEndpoint(options.endpoint, context);
  if (!isNonEmptyString(options.projectId)) {
    throw new InvalidInputError("projectId", "must be a non-empty string", context);
  }
  const raw = createClient<paths>({
    baseUrl,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.headers ? { headers: options.headers } : {}),
  });
  const validateResponses = options.validateResponses !== false;

  async function call<Result>(
    operation: OperationId,
    input: Record<string, unknown>,
    callOptions: CallOptions = {},
  ): Promise<Result> {
    const contract = operations[operation];
    const { pathParams, body } = splitInput(operation, contract, input, options.projectId);
    const token = await resolveToken(options.token, operation);

    let outcome: { data?: unknown; error?: unknown; response: Response };
    try {
      // The contract table is generated from the same spec as `paths`, so the untyped call is safe.
      outcome = await (raw.request as UntypedRequest)(contract.method, contract.path, {
        params: { path: pathParams, header: { "X-Auth-Token": token } },
        ...(body === undefined ? {} : { body }),
        ...(callOptions.headers ? { headers: callOptions.headers } : {}),
        ...(callOptions.signal ? { signal: callOptions.signal } : {}),
        parseAs: "text",
      });
    } catch (cause) {
      throw new NetworkError(describe(cause), { operation, cause });
    }
    return interpret<Result>(operation, contract, outcome, validateResponses);
  }

  return {
    modifyImage: (input, callOptions) => call("modifyImage", input, callOptions),
    raw,
  };
}

type UntypedRequest = (
  method: string,
  path: string,
  init: Record<string, unknown>,
) => Promise<{ data?: unknown; error?: unknown; response: Response }>;

function checkEndpoint(endpoint: unknown, context: { operation: string }): string {
  if (!isNonEmptyString(endpoint) || !URL.canParse(endpoint)) {
    throw new InvalidInputError("endpoint", "must be an absolute URL", context);
  }
  const url = new URL(endpoint);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new InvalidInputError("endpoint", "must be an http(s) URL", context);
  }
  return url.href.replace(/\/+$/, "");
}

/**
 * Maps the caller's camelCase input onto the spec's request: path parameters (other than the
 * client's `project_id`) by name, the rest as the JSON body. Checks both against the spec.
 */
function splitInput(
  operation: OperationId,
  contract: OperationContract,
  input: Record<string, unknown>,
  projectId: string,
): { pathParams: Record<string, string>; body: unknown } {
  const pathParams: Record<string, string> = { project_id: projectId };
  const rest: Record<string, unknown> = { ...input };
  for (const parameter of contract.parameters) {
    if (parameter.in !== "path" || parameter.name === "project_id") continue;
    const field = camelCase(parameter.name);
    const value = rest[field];
    delete rest[field];
    // Empty path segments would silently route elsewhere, so they are refused whatever the schema says.
    if (!isNonEmptyString(value)) {
      throw new InvalidInputError(field, "must be a non-empty string", { operation });
    }
    checkValue(parameter.validate, value, field, operation);
    pathParams[parameter.name] = value;
  }
  if (!contract.requestBody) return { pathParams, body: undefined };
  checkValue(contract.requestBody.validate, rest, "", operation);
  return { pathParams, body: rest };
}

function checkValue(validate: Validate, value: unknown, field: string, operation: string): void {
  if (validate(value)) return;
  const issue = validate.errors?.[0];
  const name = fieldName(field, issue);
  throw new InvalidInputError(name || "input", reasonOf(issue), { operation });
}

async function resolveToken(source: TokenSource, operation: string): Promise<string> {
  let token: unknown;
  try {
    token = typeof source === "function" ? await source() : source;
  } catch (cause) {
    // The provider's own error may quote what it was given; keep only its type.
    throw new InvalidInputError("token", `provider failed (${describe(cause)})`, { operation, cause });
  }
  if (!isNonEmptyString(token)) {
    throw new InvalidInputError("token", "must be a non-empty string", { operation });
  }
  return token;
}

async function interpret<Result>(
  operation: string,
  contract: OperationContract,
  outcome: { data?: unknown; error?: unknown; response: Response },
  validateResponses: boolean,
): Promise<Result> {
  const { response } = outcome;
  const context = { operation, requestId: response.headers.get("x-request-id") ?? undefined };
  const text = response.ok ? (outcome.data as string | undefined) : outcome.error;
  const bodyText = typeof text === "string" ? text : text === undefined ? "" : JSON.stringify(text);
  const unexpected = (reason: string, violations: SchemaViolation[] = []) =>
    new UnexpectedResponseError(reason, response, bodyText, violations, context);

  const validate = contract.responses[String(response.status)];
  if (!validate) throw unexpected("is not a status the spec documents");
  const body = response.ok ? parseJson(text) : typeof text === "object" ? text : undefined;
  if (body === undefined) throw unexpected("has a body that is not JSON");
  if (validateResponses && !validate(body)) {
    throw unexpected("has a body that breaks the spec's schema", violationsOf(validate.errors));
  }
  if (response.ok) return body as Result;
  const { error_code, error_msg } = body as Partial<components["schemas"]["ErrorEnvelope"]>;
  if (typeof error_code !== "string" || typeof error_msg !== "string") {
    throw unexpected("is not the error envelope");
  }
  throw new ImageSearchError(error_code, error_msg, response, context);
}

function parseJson(text: unknown): unknown {
  if (typeof text !== "string" || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function violationsOf(issues: ValidationIssue[] | null | undefined): SchemaViolation[] {
  return (issues ?? []).map((issue) => ({
    pointer: pointerOf(issue),
    message: issue.message ?? issue.keyword,
  }));
}

/** JSON pointer of the value at fault; for a missing property, the property itself. */
function pointerOf(issue: ValidationIssue): string {
  const missing = issue.params.missingProperty;
  return typeof missing === "string" ? `${issue.instancePath}/${escapePointer(missing)}` : issue.instancePath;
}

function fieldName(prefix: string, issue: ValidationIssue | undefined): string {
  if (!issue) return prefix;
  const segments = pointerOf(issue)
    .split("/")
    .slice(1)
    .map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  return [prefix, ...segments].filter(Boolean).join(".");
}

function reasonOf(issue: ValidationIssue | undefined): string {
  if (!issue) return "is invalid";
  if (issue.keyword === "required") return "is required";
  if (issue.keyword === "minLength" && issue.params.limit === 1) return "must not be empty";
  return issue.message ?? `breaks ${issue.keyword}`;
}

function escapePointer(segment: string): string {
  return segment.replaceAll("~", "~0").replaceAll("/", "~1");
}

function camelCase(name: string): string {
  return name.replace(/[_-]([a-z])/g, (_, c: string) => c.toUpperCase());
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function describe(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? `: ${cause.cause.message}` : "";
    return `${cause.name}${inner}`;
  }
  return typeof cause;
}
