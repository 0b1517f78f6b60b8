// One change between two versions of a spec, as every output prints it: one line that names the
// operation, where (request body, query parameter `limit`, 200 response) and the field, then what
// changed and what it means for clients; with its rule, its level and the place it is written.
import type { Direction, Level, RuleId } from "./rules.js";
import { RULES } from "./rules.js";
import type { ParsedSpec } from "./spec-version.js";

export interface Change {
  rule: RuleId;
  level: Level;
  /** The operationId (else `METHOD /path`); null for what no operation uses. */
  operation: string | null;
  /** `request body`, `query parameter limit`, `200 response`, `200 response header X-Request-Id` … */
  location: string;
  /** The field by name within the location (`result[].sim`, `tags.*`), or the parameter's name. */
  field: string | null;
  /** The whole line: `searchImages: request body field limit: maximum lowered 100 → 50 (…)`. */
  message: string;
  /** Where the change is written: the head's file, or the base's for what was removed. */
  file: string;
  line: number | null;
  /** The JSON pointer of that place in that file. */
  pointer: string;
}

/** The place a comparison is at: an operation, a location in it, and which way its data travel. */
export interface Where {
  operation: string;
  location: string;
  direction: Direction;
  /** The name the location gives its field (a parameter's or a header's), if any. */
  name?: string;
}

/** A place in one of the two specs. */
export interface At {
  spec: ParsedSpec;
  pointer: string;
}

/** What a rule found, relative to the object being compared: the field's path below it, and what. */
export interface Finding {
  rule: RuleId;
  field: string[];
  what: string;
  at: At;
}

/** `result[].sim`, `tags.*`: a field's path as the reader writes it. */
export function fieldName(path: readonly string[]): string {
  return path.reduce((name, key) => (key === "[]" || name === "" ? name + key : `${name}.${key}`), "");
}

export function changeOf(where: Where, finding: Finding): Change {
  const path = where.name === undefined ? finding.field : [where.name, ...finding.field];
  const inner = fieldName(finding.field);
  const place = where.location === "operation" ? "" : `${where.location}${inner ? ` field ${inner}` : ""}: `;
  return lineOf(finding, where.operation, where.location, fieldName(path), `${where.operation}: ${place}`);
}

/** A change no operation's walk finds: documentation, and what no operation uses. */
export function documentChange(operation: string | null, location: string, finding: Finding): Change {
  const field = fieldName(finding.field);
  const place = location === "operation" ? "" : `${location}${field ? ` field ${field}` : ""}: `;
  return lineOf(finding, operation, location, field, operation ? `${operation}: ${place}` : place);
}

function lineOf(
  finding: Finding,
  operation: string | null,
  location: string,
  field: string,
  prefix: string,
): Change {
  const rule = RULES[finding.rule];
  const consequence: string | undefined = rule.consequence;
  return {
    rule: finding.rule,
    level: rule.level,
    operation,
    location,
    field: field === "" ? null : field,
    message: `${prefix}${finding.what}${consequence ? ` (${consequence})` : ""}`,
    file: finding.at.spec.label,
    line: finding.at.spec.lineOf(finding.at.pointer) ?? null,
    pointer: finding.at.pointer,
  };
}
