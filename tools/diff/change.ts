// One change between two versions of a spec, as every output prints it: one line that names the
// operation, where (request body, query parameter `limit`, 200 response) and the field, then what
// changed and what it means for clients; with its rule, its level and the place it is written. A
// change to a part that several operations share (a schema, a parameter) is one change, whose line
// names each operation and place it reaches.
import { type Direction, type Level, RULES, type RuleId } from "./rules.js";
import type { ParsedSpec } from "./spec-version.js";

/** Where a change reaches clients: an operation, a location in it, the field by name. */
export interface Place {
  /** The operationId (else `METHOD /path`); null for what no operation uses. */
  operation: string | null;
  /** `request body`, `query parameter limit`, `200 response`, `200 response header X-Request-Id` … */
  location: string;
  /** The field by name within the location (`result[].sim`, `tags.*`), or the parameter's name. */
  field: string | null;
}

export interface Change extends Place {
  rule: RuleId;
  level: Level;
  /** Every place the change reaches, the first being the one `operation`, `location` and `field` name. */
  places: Place[];
  /** What changed, in words: `maximum lowered 100 → 50`. */
  what: string;
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

/** A finding at one place of one operation, before the same finding at other places joins it. */
export interface Occurrence {
  place: Place;
  /** The place as the line names it: `request body field limit`, `query parameter limit` ("" for the operation). */
  label: string;
  finding: Finding;
}

/** `result[].sim`, `tags.*`: a field's path as the reader writes it. */
export function fieldName(path: readonly string[]): string {
  return path.reduce((name, key) => (key === "[]" || name === "" ? name + key : `${name}.${key}`), "");
}

export function occurrenceOf(where: Where, finding: Finding): Occurrence {
  const path = where.name === undefined ? finding.field : [where.name, ...finding.field];
  const inner = fieldName(finding.field);
  const label = where.location === "operation" ? "" : `${where.location}${inner ? ` field ${inner}` : ""}`;
  const field = fieldName(path);
  return {
    place: { operation: where.operation, location: where.location, field: field || null },
    label,
    finding,
  };
}

/** The occurrences of each finding (the same rule, words and place in the spec) as one change. */
export function mergeOccurrences(occurrences: Occurrence[]): Change[] {
  const groups = new Map<string, Occurrence[]>();
  for (const occurrence of occurrences) {
    const { rule, what, at } = occurrence.finding;
    const key = [rule, what, at.spec.label, at.pointer].join("\u0000");
    groups.set(key, [...(groups.get(key) ?? []), occurrence]);
  }
  return [...groups.values()].map((group) => changeOf(group));
}

function changeOf(group: Occurrence[]): Change {
  const [first] = group as [Occurrence, ...Occurrence[]];
  // Operations at the same label share it: `createInstance, getInstance: 200 response field status`.
  const byLabel = new Map<string, string[]>();
  for (const { place, label } of group) {
    const operations = byLabel.get(label) ?? [];
    if (place.operation && !operations.includes(place.operation)) operations.push(place.operation);
    byLabel.set(label, operations);
  }
  const prefix = [...byLabel].map(([label, operations]) =>
    [operations.join(", "), label].filter(Boolean).join(": "),
  );
  const places = group.map((occurrence) => occurrence.place);
  const unique = places.filter(
    (p, i) => places.findIndex((q) => JSON.stringify(q) === JSON.stringify(p)) === i,
  );
  return build(first.finding, first.place, unique, prefix.join("; "));
}

/** A change no operation's walk finds: documentation, and what no operation uses. */
export function documentChange(operation: string | null, location: string, finding: Finding): Change {
  const field = fieldName(finding.field);
  const label = location === "operation" ? "" : `${location}${field ? ` field ${field}` : ""}`;
  const place = { operation, location, field: field || null };
  return build(finding, place, [place], [operation, label].filter(Boolean).join(": "));
}

function build(finding: Finding, place: Place, places: Place[], prefix: string): Change {
  const rule = RULES[finding.rule];
  const consequence: string | undefined = rule.consequence;
  return {
    rule: finding.rule,
    level: rule.level,
    operation: place.operation,
    location: place.location,
    field: place.field,
    places,
    what: finding.what,
    message: `${prefix}: ${finding.what}${consequence ? ` (${consequence})` : ""}`,
    ...writtenAt(finding.at),
    pointer: finding.at.pointer,
  };
}

function writtenAt(at: At): { file: string; line: number | null } {
  const { file, line } = at.spec.placeOf(at.pointer);
  return { file, line: line ?? null };
}
