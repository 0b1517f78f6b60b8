// What is wrong with a request routed to an operation, judged by the operation's generated
// validators: its size, then its path, header and query parameters, its credentials, then its body.
import type { BodyContract, ValidationIssue } from "../../generated/shared-types.js";
import { issuePointer } from "../client/json-pointer.js";
import { isFormMediaType, namesOtherCharset, readJson } from "./body.js";
import { typedForm } from "./form.js";
import { cookieValue, pathValue, safeDecode, sentValue, typedReadings } from "./parameters.js";
import { valueAt } from "./pointer.js";
import { pathParameters } from "./routes.js";
import type { Call, Kind, Location, Route, Violation } from "./types.js";

/** The first thing wrong with the call, in the order the mocks check them; `undefined` when none is. */
export function checkCall(route: Route, call: Call): Violation | undefined {
  if (call.tooBig) return { in: "body", at: "", kind: "too-big" };
  return checkParameters(route, call) ?? checkSecurity(route, call) ?? checkBody(route, call);
}

/** Turns the first schema issue about a value into a violation of the location `where`. */
export function classify(
  where: Location,
  name: string,
  data: unknown,
  issue: Pick<ValidationIssue, "instancePath" | "keyword" | "params">,
): Violation {
  const pointer = issue.keyword === "required" ? issuePointer(issue) : issue.instancePath;
  const at = where === "body" ? pointer : name;
  if (issue.keyword === "required") return { in: where, at, kind: "missing" };
  const value = valueAt(data, issue.instancePath);
  if (value === null) return { in: where, at, kind: "null" };
  if (value === "") return { in: where, at, kind: "empty" };
  return { in: where, at, kind: issue.keyword === "type" ? "type" : "invalid" };
}

/** The first thing wrong with the call's path, header and query parameters; `undefined` when none is. */
export function checkParameters(route: Route, call: Call): Violation | undefined {
  const segments = pathParameters(route, call.pathname);
  for (const parameter of route.contract.parameters) {
    const where = parameter.in;
    let value: unknown;
    if (where === "path") {
      const segment = segments.get(parameter.name) ?? "";
      // An empty segment names nothing, whatever the schema allows.
      if (segment === "") return { in: "path", at: parameter.name, kind: "empty" };
      const decoded = safeDecode(segment);
      if (decoded === undefined) return { in: "path", at: parameter.name, kind: "invalid" };
      value = pathValue(parameter, decoded);
    } else {
      value = sentValue(parameter, call);
    }
    // A cookie parameter is judged as a header: the mocks' locations have no cookie of their own.
    const at = where === "cookie" ? "header" : where;
    if (value === undefined) {
      if (parameter.required) return { in: at, at: parameter.name, kind: "missing" };
      continue;
    }
    const readings = typedReadings(value);
    if (readings.some((reading) => parameter.validate(reading))) continue;
    parameter.validate(readings.at(-1));
    const issue = parameter.validate.errors?.[0];
    if (issue) return classify(at, parameter.name, readings.at(-1), issue);
  }
  return undefined;
}

/**
 * What is wrong with the credentials when no alternative of the operation's security is complete:
 * the first one missing or empty of the first alternative (e.g. an API key's header). Like Prism, it
 * checks that a credential is there, not that the service would accept it.
 */
function checkSecurity(route: Route, call: Call): Violation | undefined {
  let first: Violation | undefined;
  for (const alternative of route.contract.security) {
    const wrong = alternative.map((c) => credentialViolation(c, call)).find((v) => v !== undefined);
    if (!wrong) return undefined;
    first ??= wrong;
  }
  return first;
}

function credentialViolation(credential: { in: string; name: string }, call: Call): Violation | undefined {
  // A cookie credential is judged as a header: the mocks' locations have no cookie of their own.
  const where = credential.in === "query" ? "query" : "header";
  const value =
    credential.in === "query"
      ? (call.query.get(credential.name) ?? undefined)
      : credential.in === "cookie"
        ? cookieValue(call.header("cookie"), credential.name)
        : call.header(credential.name.toLowerCase());
  if (value === undefined) return { in: where, at: credential.name, kind: "missing" };
  if (value === "") return { in: where, at: credential.name, kind: "empty" };
  return undefined;
}

function checkBody(route: Route, call: Call): Violation | undefined {
  const spec = route.contract.requestBody;
  const root = (kind: Kind): Violation => ({ in: "body", at: "", kind });
  if (call.body.length === 0) return spec?.required ? root("missing") : undefined;
  // A body the operation does not document is a bad request, not something to pass on unjudged.
  if (!spec) return root("invalid");
  const contentType = call.header("content-type");
  const mediaType = (contentType ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  if (!route.requestMediaTypes.some((m) => inMediaRange(m, mediaType))) return root("not-json");
  if (isFormMediaType(mediaType)) return checkForm(spec, call.form);
  if (namesOtherCharset(contentType)) return root("not-json");
  // A body typed as neither JSON nor a form (bytes, any type) has no schema to read it by.
  if (!spec.validate) return undefined;
  const reading = readJson(call.body);
  if (!reading.ok) return root("not-json");
  const data = reading.value;
  if (spec.validate(data)) return undefined;
  const issue = spec.validate.errors?.[0];
  return issue ? classify("body", "", data, issue) : root("invalid");
}

/** A form's fields, typed as the body's schema reads them, against that schema. */
function checkForm(spec: BodyContract, form: Record<string, unknown> | undefined): Violation | undefined {
  if (form === undefined) return { in: "body", at: "", kind: "invalid" };
  if (!spec.validate) return undefined;
  const data = typedForm(spec.validate, form);
  if (spec.validate(data)) return undefined;
  const issue = spec.validate.errors?.[0];
  return issue ? classify("body", "", data, issue) : { in: "body", at: "", kind: "invalid" };
}

/** Whether the media type sent is the one documented, or in the range it documents (any type, `image/*`). */
function inMediaRange(documented: string, sent: string): boolean {
  const range = documented.toLowerCase();
  if (range === "*/*") return sent !== "";
  if (range.endsWith("/*")) return sent.startsWith(range.slice(0, -1));
  return range === sent;
}
