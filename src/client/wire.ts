// The client's side of the spec: caller input checked and mapped onto a request, and a response
// mapped onto the typed result or a typed error — both with the validators compiled into generated/.
import type { components } from "../../generated/image-search.js";
import type { OperationContract, Validate, ValidationIssue } from "../../generated/shared-types.js";
import { ImageSearchError } from "./errors/image-search-error.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { type SchemaViolation, UnexpectedResponseError } from "./errors/unexpected-response-error.js";
import { camelCase, PROJECT_ID_PARAMETER } from "./input-names.js";
import { issuePointer, keysOf } from "./json-pointer.js";

export interface PreparedRequest {
  pathParams: Record<string, string>;
  body: unknown;
}

/**
 * Maps camelCase input onto the spec's request: path parameters (other than the client's
 * `project_id`) by name, the rest as the JSON body. Throws InvalidInputError naming the field.
 */
export function prepareRequest(
  operation: string,
  contract: OperationContract,
  input: Record<string, unknown>,
  projectId: string,
): PreparedRequest {
  const pathParams: Record<string, string> = { [PROJECT_ID_PARAMETER]: projectId };
  const rest: Record<string, unknown> = { ...input };
  for (const { parameter, field } of callerPathParameters(contract)) {
    const value = rest[field];
    delete rest[field];
    checkPathSegment(value, field, operation);
    check(parameter.validate, value, field, operation);
    pathParams[parameter.name] = value;
  }
  if (!contract.requestBody) return { pathParams, body: undefined };
  check(contract.requestBody.validate, rest, "", operation);
  return { pathParams, body: rest };
}

type Parameter = OperationContract["parameters"][number];
const pathParametersByContract = new WeakMap<OperationContract, { parameter: Parameter; field: string }[]>();

/** The path parameters the caller gives (all but the client's project_id), with their camelCase names. */
function callerPathParameters(contract: OperationContract): { parameter: Parameter; field: string }[] {
  let list = pathParametersByContract.get(contract);
  if (!list) {
    list = contract.parameters
      .filter((p) => p.in === "path" && p.name !== PROJECT_ID_PARAMETER)
      .map((parameter) => ({ parameter, field: camelCase(parameter.name) }));
    pathParametersByContract.set(contract, list);
  }
  return list;
}

/** Returns the documented success body, or throws the typed error the response amounts to. */
export function readResponse<Result>(
  operation: string,
  contract: OperationContract,
  response: Response,
  bodyText: string,
  validateResponses: boolean,
): Result {
  // The error is made by a function of its own, not a closure: a success makes nothing for it.
  const validate = contract.responses[String(response.status)];
  if (!validate) throw unexpected(operation, response, bodyText, "is not a status the spec documents");
  // JSON.parse takes any depth; the validators may recurse, so a nesting too deep for them is reported
  // as what it is rather than as a RangeError.
  const body = parseJson(bodyText);
  if (body === undefined)
    throw unexpected(
      operation,
      response,
      bodyText,
      bodyText === "" ? "has an empty body" : "has a body that is not JSON",
    );
  if (validateResponses) {
    const valid = validateDeep(validate, body);
    if (valid === undefined)
      throw unexpected(operation, response, bodyText, "has a body nested too deeply to check");
    if (!valid) {
      throw unexpected(
        operation,
        response,
        bodyText,
        "has a body that breaks the spec's schema",
        violationsOf(validate.errors),
      );
    }
  }
  if (response.ok) return body as Result;
  const { error_code, error_msg } = (body ?? {}) as Partial<components["schemas"]["ErrorEnvelope"]>;
  if (typeof error_code !== "string" || typeof error_msg !== "string") {
    throw unexpected(operation, response, bodyText, "is not the error envelope");
  }
  throw new ImageSearchError(error_code, error_msg, response, failureContext(operation, response));
}

/** The response is not what the spec allows; the context (a header lookup) is made only here. */
function unexpected(
  operation: string,
  response: Response,
  bodyText: string,
  reason: string,
  violations: SchemaViolation[] = [],
): UnexpectedResponseError {
  return new UnexpectedResponseError(
    reason,
    response,
    bodyText,
    violations,
    failureContext(operation, response),
  );
}

/** The validator's verdict, or `undefined` when the body is too deep for it to walk. */
export function validateDeep(validate: Validate, body: unknown): boolean | undefined {
  try {
    return validate(body);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/** Where a failure happened: the operation, and the provider's request id when the response has one. */
export function failureContext(operation: string, response: Response) {
  return { operation, requestId: requestIdOf(response) };
}

/**
 * The provider's request id. The Image Search pages document no response header; Huawei Cloud's
 * common response headers name `X-Request-Id`, and the official SDK core reads that header (Inferred).
 */
export function requestIdOf(response: Response): string | undefined {
  return response.headers.get("x-request-id") ?? undefined;
}

/**
 * Path parameters are percent-encoded, but an empty, "." or ".." segment would still route elsewhere
 * (URLs resolve dot segments, even encoded ones), so those are refused whatever the schema says.
 */
export function checkPathSegment(value: unknown, field: string, operation: string): asserts value is string {
  if (!isNonEmptyString(value)) {
    throw new InvalidInputError(field, "must be a non-empty string", { operation });
  }
  if (value === "." || value === "..") {
    throw new InvalidInputError(field, `must not be "${value}"`, { operation });
  }
}

export function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function check(validate: Validate, value: unknown, field: string, operation: string): void {
  if (validate(value)) return;
  const issue = validate.errors?.[0];
  throw new InvalidInputError(fieldName(field, issue) || "input", reasonOf(issue), { operation });
}

function parseJson(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function violationsOf(issues: ValidationIssue[] | null | undefined): SchemaViolation[] {
  return (issues ?? []).map((issue) => ({
    pointer: issuePointer(issue),
    message: issue.message ?? issue.keyword,
  }));
}

function fieldName(prefix: string, issue: ValidationIssue | undefined): string {
  if (!issue) return prefix;
  return [prefix, ...keysOf(issuePointer(issue))].filter(Boolean).join(".");
}

function reasonOf(issue: ValidationIssue | undefined): string {
  if (!issue) return "is invalid";
  if (issue.keyword === "required") return "is required";
  if (issue.keyword === "minLength" && issue.params.limit === 1) return "must not be empty";
  return issue.message ?? `breaks ${issue.keyword}`;
}
