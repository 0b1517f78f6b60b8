// The bad requests each part of an operation's request implies: its parameters, its credentials, its
// body as a whole and each field of it, each case expecting the answer the spec maps to it.
import type { OpenAPIV3 } from "openapi-types";
import { escapeSegment, keysOf } from "../../src/client/json-pointer.js";
import { formValue } from "../../src/client/request.js";
import { refusalOf } from "../../src/mock/answers.js";
import { isFormMediaType } from "../../src/mock/body.js";
import { classify } from "../../src/mock/checks.js";
import { typedForm } from "../../src/mock/form.js";
import { typedReadings } from "../../src/mock/parameters.js";
import { formatViolation } from "../../src/mock/report.js";
import { DEFAULT_MAX_BODY_BYTES, type Violation } from "../../src/mock/types.js";
import {
  type BaseRequest,
  baseRequest,
  type ContractCase,
  type DeriveOptions,
  refusalExpectation,
  refusalName,
} from "./case.js";
import { type Operation, schemaAccepts } from "./contract-spec.js";
import { isRecord } from "./is-record.js";

/** Adds the case the change to the base request makes, when the spec documents an answer to it. */
type Add = (label: string, violation: Violation, change: Partial<ContractCase>, provider?: boolean) => void;

export function negativeCases(op: Operation, options: DeriveOptions): ContractCase[] {
  const base = baseRequest(op, options);
  const cases: ContractCase[] = [];
  const add: Add = (label, violation, change, provider = true) => {
    const refusal = refusalOf(op, violation);
    cases.push({
      ...base,
      ...change,
      id: `${op.operationId} ${formatViolation(violation)}${label ? ` (${label})` : ""}`,
      kind: "negative",
      title: `answers ${label || formatViolation(violation)} with ${refusalName(refusal)}`,
      expect: refusalExpectation(refusal, violation),
      provider,
    });
  };
  addParameterCases(op, base, add);
  addSecurityCases(op, base, add);
  addBodyCases(op, base, options, add);
  return cases;
}

/**
 * An empty path segment; each query or header parameter left out (when required), sent empty, of the
 * wrong type and out of its range, where its schema refuses that value.
 */
function addParameterCases(op: Operation, base: BaseRequest, add: Add): void {
  const credentials = new Set(op.security.flat().map((c) => c.name));
  for (const parameter of op.parameters) {
    const where = parameter.in as "path" | "header" | "query";
    if (where === "path") {
      // Another path segment addresses another resource: never sent to a real server.
      add(
        `empty ${parameter.name}`,
        { in: "path", at: parameter.name, kind: "empty" },
        { pathParams: { ...base.pathParams, [parameter.name]: "" } },
        false,
      );
      continue;
    }
    if ((where !== "header" && where !== "query") || credentials.has(parameter.name)) continue;
    const schema = (parameter.schema ?? {}) as OpenAPIV3.SchemaObject;
    const { [parameter.name]: _gone, ...others } = where === "header" ? base.headers : base.query;
    const sent = (value: unknown): Partial<ContractCase> =>
      where === "header"
        ? { headers: { ...(others as Record<string, string>), [parameter.name]: String(value) } }
        : { query: { ...others, [parameter.name]: value } };
    const { name } = parameter;
    const label = (what: string) =>
      where === "query"
        ? `query parameter ${name} ${what}`
        : what === "sent empty"
          ? `an empty ${name} header`
          : `the ${name} header ${what}`;
    if (parameter.required) {
      add(
        where === "query" ? `no query parameter ${name}` : `no ${name} header`,
        { in: where, at: parameter.name, kind: "missing" },
        where === "header" ? { headers: others as Record<string, string> } : { query: others },
      );
    }
    // A list or an object is sent in parts; its parts' values are checked as the schema's items are.
    const scalar = schema.type !== "array" && schema.type !== "object";
    for (const [what, kind, value] of scalar ? badValues(schema) : []) {
      if (sentAccepted(schema, value)) continue;
      add(label(what), { in: where, at: parameter.name, kind }, sent(value));
    }
  }
}

/** Values a parameter's schema may refuse: empty, of the wrong type, just past each bound. */
function badValues(schema: OpenAPIV3.SchemaObject): [string, Violation["kind"], unknown][] {
  const values: [string, Violation["kind"], unknown][] = [["sent empty", "empty", ""]];
  if (schema.type === "integer" || schema.type === "number" || schema.type === "boolean") {
    values.push(["of the wrong type", "type", "text"]);
  }
  if (schema.minimum !== undefined)
    values.push([`below its minimum ${schema.minimum}`, "invalid", schema.minimum - 1]);
  if (schema.maximum !== undefined)
    values.push([`above its maximum ${schema.maximum}`, "invalid", schema.maximum + 1]);
  if (schema.maxLength !== undefined)
    values.push([`longer than ${schema.maxLength}`, "invalid", "x".repeat(schema.maxLength + 1)]);
  if (schema.enum !== undefined) values.push(["outside its enum", "invalid", "not-one-of-the-values"]);
  return values;
}

/** Whether the mocks take a value sent as text, read as they read it (a list of one, for a list). */
function sentAccepted(schema: OpenAPIV3.SchemaObject, value: unknown): boolean {
  const text = String(value);
  return typedReadings(schema.type === "array" ? [text] : text).some((reading) =>
    schemaAccepts(schema, reading),
  );
}

/** Without any credential, and with the first one sent empty, when the operation needs credentials. */
function addSecurityCases(op: Operation, base: BaseRequest, add: Add): void {
  const first = op.security[0]?.[0];
  if (first?.in !== "header" || op.security.some((a) => a.length === 0)) return;
  const names = new Set(op.security.flat().map((c) => c.name));
  const others = Object.fromEntries(Object.entries(base.headers).filter(([name]) => !names.has(name)));
  add(`no ${first.name} header`, { in: "header", at: first.name, kind: "missing" }, { headers: others });
  add(
    `an empty ${first.name} header`,
    { in: "header", at: first.name, kind: "empty" },
    { headers: { ...others, [first.name]: "" } },
  );
}

/** A body that is not JSON, missing, of the wrong type, null or too big; then each field's cases. */
function addBodyCases(op: Operation, base: BaseRequest, options: DeriveOptions, add: Add): void {
  const { requestMedia, validateBody } = op;
  if (!requestMedia || !validateBody) return;
  const bodyValue = (base.body && "json" in base.body ? base.body.json : undefined) as unknown;
  const root = (kind: Violation["kind"]): Violation => ({ in: "body", at: "", kind });
  const form = isFormMediaType(requestMedia.type);
  if (!form) {
    add("a body that is not JSON", root("not-json"), { body: { text: '{"unterminated": ' } });
    add("JSON sent as text/plain", root("not-json"), {
      body: { text: JSON.stringify(bodyValue), contentType: "text/plain" },
    });
  }
  if (requestMedia.required) add("no body", root("missing"), { body: { text: "" } });
  // A form is always a set of named fields: a body of another shape cannot be sent as one.
  for (const value of form ? [] : [[], "text", 42, true, null]) {
    const violation = bodyViolation(validateBody, value);
    if (violation) add(`a body that is ${JSON.stringify(value)}`, violation, { body: { json: value } });
  }
  const limit = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  add("a body over the mock's limit", root("too-big"), { body: { text: " ".repeat(limit + 1) } }, false);
  const sent: BodySent = {
    mediaType: requestMedia.type,
    asRead: form ? formAsRead(validateBody) : (json) => json,
  };
  addFieldCases(requestMedia.media.schema, validateBody, bodyValue, sent, add);
}

/** How the field cases' bodies are sent, and what of them the mocks read (a form's fields typed from text). */
interface BodySent {
  mediaType: string;
  asRead: (json: unknown) => unknown;
}

/** What the mocks judge of a body sent as a form: its fields as text, typed as the schema reads them. */
function formAsRead(validateBody: Operation["validateBody"] & object): (json: unknown) => unknown {
  return (json) => {
    const fields = Object.entries(isRecord(json) ? json : {}).map(([name, value]) => {
      const texts = (Array.isArray(value) ? value : [value]).map((item) => String(formValue(item)));
      return [name, Array.isArray(value) ? texts : texts[0]];
    });
    return typedForm(validateBody, Object.fromEntries(fields));
  };
}

/** Each field left out (when required), null, of the wrong type or empty, where the schema refuses it. */
function addFieldCases(
  schema: unknown,
  validateBody: Operation["validateBody"] & object,
  bodyValue: unknown,
  sent: BodySent,
  add: Add,
): void {
  for (const field of fieldsOf(schema, bodyValue)) {
    const variants: [string, Violation["kind"], unknown][] = [];
    if (field.required) variants.push([`without ${field.pointer}`, "missing", REMOVE]);
    if (field.schema.nullable !== true) variants.push([`${field.pointer} null`, "null", null]);
    const wrong = wrongTypeFor(field.schema);
    if (wrong !== undefined) variants.push([`${field.pointer} of the wrong type`, "type", wrong]);
    if (field.schema.type === "string") variants.push([`${field.pointer} empty`, "empty", ""]);
    for (const [label, , value] of variants) {
      const json = withValue(bodyValue, field.pointer, value);
      // An empty string the schema allows is a valid request, not a negative case.
      const violation = bodyViolation(validateBody, sent.asRead(json));
      if (violation) add(label, violation, { body: { json, mediaType: sent.mediaType } });
    }
  }
}

/** What the mocks find wrong with a body (checks.ts `classify` of the validator's first issue), if anything. */
function bodyViolation(
  validateBody: Operation["validateBody"] & object,
  json: unknown,
): Violation | undefined {
  if (validateBody(json)) return undefined;
  const issue = validateBody.errors?.[0];
  return issue ? classify("body", "", json, issue) : { in: "body", at: "", kind: "invalid" };
}

interface Field {
  pointer: string;
  schema: OpenAPIV3.SchemaObject;
  required: boolean;
}

/** Every field the example body has or the schema requires, with its JSON pointer. */
function fieldsOf(schema: unknown, value: unknown, pointer = ""): Field[] {
  const s = schema as OpenAPIV3.SchemaObject | undefined;
  if (s?.type !== "object") return [];
  const present = isRecord(value) ? value : {};
  const fields: Field[] = [];
  for (const [name, child] of Object.entries(s.properties ?? {})) {
    const at = `${pointer}/${escapeSegment(name)}`;
    const required = s.required?.includes(name) ?? false;
    if (!required && !(name in present)) continue;
    fields.push({ pointer: at, schema: child as OpenAPIV3.SchemaObject, required });
    fields.push(...fieldsOf(child, present[name], at));
  }
  if (typeof s.additionalProperties === "object") {
    for (const name of Object.keys(present).filter((k) => !(k in (s.properties ?? {})))) {
      const at = `${pointer}/${escapeSegment(name)}`;
      fields.push({ pointer: at, schema: s.additionalProperties as OpenAPIV3.SchemaObject, required: false });
      fields.push(...fieldsOf(s.additionalProperties, present[name], at));
    }
  }
  return fields;
}

const REMOVE = Symbol("remove");

function withValue(body: unknown, pointer: string, value: unknown): unknown {
  const copy = structuredClone(body);
  const keys = keysOf(pointer);
  const last = keys.pop();
  let target: unknown = copy;
  for (const key of keys) target = isRecord(target) ? target[key] : undefined;
  if (isRecord(target) && last !== undefined) {
    if (value === REMOVE) delete target[last];
    else target[last] = value;
  }
  return copy;
}

function wrongTypeFor(schema: OpenAPIV3.SchemaObject): unknown {
  switch (schema.type) {
    case "string":
      return 42;
    case "number":
    case "integer":
    case "boolean":
    case "object":
    case "array":
      return "text";
    default:
      return undefined;
  }
}
