// The rules on one schema's own keywords: type and format, nullable, enum, pattern, the numeric
// constraints, default and deprecated. Each finding says which way the set of accepted values moved;
// the direction (request or response) picks the rule, and so the verdict.
import type { At, Finding } from "./change.js";
import { below, deepEqual } from "./located.js";
import type { Direction, RuleId } from "./rules.js";
import { keywordPointer, type Schema, typeOf } from "./schema.js";
import type { ParsedSpec } from "./spec-version.js";

/** Two versions of one schema, and which way their data travel. */
export interface SchemaPair {
  base: Schema;
  head: Schema;
  baseSpec: ParsedSpec;
  headSpec: ParsedSpec;
  direction: Direction;
}

/** Which way a change moved the values a schema accepts: fewer, more, or some of each. */
export type Effect = "narrower" | "wider" | "different";

// Lower bounds tighten as they rise, upper bounds as they fall. A minimum length, count of items or
// of properties of 0 is no bound at all.
const LOWER = ["minimum", "minLength", "minItems", "minProperties"];
const UPPER = ["maximum", "maxLength", "maxItems", "maxProperties"];
const ZERO_IS_NONE = new Set(["minLength", "minItems", "minProperties"]);
const FLAGS = ["exclusiveMinimum", "exclusiveMaximum", "uniqueItems"];

/** The keywords these rules judge. */
export const JUDGED_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "format",
  "nullable",
  "enum",
  "pattern",
  "default",
  "deprecated",
  "multipleOf",
  ...LOWER,
  ...UPPER,
  ...FLAGS,
]);

export function keywordFindings(pair: SchemaPair): Finding[] {
  // A value of another type outright is one change: the old type's constraints go with it.
  if (typeEffect(typeOf(pair.base), typeOf(pair.head)) === "different") {
    return [...typeFindings(pair), ...nullableFindings(pair), ...deprecationFindings(pair)];
  }
  return [
    ...typeFindings(pair),
    ...nullableFindings(pair),
    ...enumFindings(pair),
    ...patternFindings(pair),
    ...constraintFindings(pair),
    ...defaultFindings(pair),
    ...deprecationFindings(pair),
  ];
}

/** A finding about a keyword: in the head, unless it is gone from the head. */
function keywordFinding(pair: SchemaPair, rule: RuleId, key: string, what: string): Finding {
  const removed = pair.head.keywords[key] === undefined;
  const at: At = removed
    ? { spec: pair.baseSpec, pointer: keywordPointer(pair.base, key) }
    : { spec: pair.headSpec, pointer: keywordPointer(pair.head, key) };
  return { rule, field: [], what, at };
}

/** The type rule for an effect: `request-type-narrowed`, `response-type-widened` … */
export function typeRule(direction: Direction, effect: Effect): RuleId {
  const verb = { narrower: "narrowed", wider: "widened", different: "changed" }[effect];
  return `${direction}-type-${verb}` as RuleId;
}

export function typeEffect(from: string | undefined, to: string | undefined): Effect | undefined {
  if (from === to) return undefined;
  if (from === undefined) return "narrower";
  if (to === undefined) return "wider";
  if (from === "integer" && to === "number") return "wider";
  if (from === "number" && to === "integer") return "narrower";
  return "different";
}

// Formats that hold every value of another: an int32 is an int64, a float a double.
const WIDER_FORMAT: Record<string, string> = { int32: "int64", float: "double" };

function formatEffect(from: string | undefined, to: string | undefined): Effect | undefined {
  if (from === to) return undefined;
  if (from === undefined) return "narrower";
  if (to === undefined) return "wider";
  if (WIDER_FORMAT[from] === to) return "wider";
  if (WIDER_FORMAT[to] === from) return "narrower";
  return "different";
}

function typeFindings(pair: SchemaPair): Finding[] {
  const [from, to] = [typeOf(pair.base), typeOf(pair.head)];
  const [fromFormat, toFormat] = [formatOf(pair.base), formatOf(pair.head)];
  const effect = typeEffect(from, to);
  if (effect) {
    const what = `type ${VERB[effect]} ${typeName(from, fromFormat)} → ${typeName(to, toFormat)}`;
    return [keywordFinding(pair, typeRule(pair.direction, effect), "type", what)];
  }
  const formatChange = formatEffect(fromFormat, toFormat);
  if (!formatChange) return [];
  const what =
    fromFormat === undefined
      ? `format ${toFormat} added`
      : toFormat === undefined
        ? `format ${fromFormat} removed`
        : `format ${VERB[formatChange]} ${fromFormat} → ${toFormat}`;
  return [keywordFinding(pair, typeRule(pair.direction, formatChange), "format", what)];
}

const VERB: Record<Effect, string> = { narrower: "narrowed", wider: "widened", different: "changed" };

function formatOf(schema: Schema): string | undefined {
  const format = schema.keywords.format;
  return typeof format === "string" ? format : undefined;
}

function typeName(type: string | undefined, format: string | undefined): string {
  if (type === undefined) return "any";
  return format === undefined ? type : `${type} (${format})`;
}

function nullableFindings(pair: SchemaPair): Finding[] {
  // A schema without a type accepts null already (its type's rule speaks for a type set or removed).
  if (typeOf(pair.base) === undefined || typeOf(pair.head) === undefined) return [];
  const [from, to] = [pair.base.keywords.nullable === true, pair.head.keywords.nullable === true];
  if (from === to) return [];
  const rule = `${pair.direction}-nullable-${to ? "added" : "removed"}` as RuleId;
  return [keywordFinding(pair, rule, "nullable", to ? "became nullable" : "no longer nullable")];
}

function enumFindings(pair: SchemaPair): Finding[] {
  const [from, to] = [pair.base.keywords.enum, pair.head.keywords.enum];
  const { direction } = pair;
  if (!Array.isArray(from) && !Array.isArray(to)) return [];
  if (!Array.isArray(from) && Array.isArray(to)) {
    const what = `restricted to the values ${to.map(quote).join(", ")}`;
    return [keywordFinding(pair, `${direction}-enum-added` as RuleId, "enum", what)];
  }
  if (Array.isArray(from) && !Array.isArray(to)) {
    return [
      keywordFinding(
        pair,
        `${direction}-enum-removed` as RuleId,
        "enum",
        "no longer restricted to a list of values",
      ),
    ];
  }
  const [before, after] = [from as unknown[], to as unknown[]];
  const added = after.flatMap((value, i) =>
    before.some((old) => deepEqual(old, value))
      ? []
      : [
          enumValue(
            pair,
            `${direction}-enum-value-added` as RuleId,
            "head",
            i,
            `enum value ${quote(value)} added`,
          ),
        ],
  );
  const removed = before.flatMap((value, i) =>
    after.some((now) => deepEqual(now, value))
      ? []
      : [
          enumValue(
            pair,
            `${direction}-enum-value-removed` as RuleId,
            "base",
            i,
            `enum value ${quote(value)} removed`,
          ),
        ],
  );
  return [...added, ...removed];
}

function enumValue(
  pair: SchemaPair,
  rule: RuleId,
  side: "base" | "head",
  index: number,
  what: string,
): Finding {
  const spec = side === "base" ? pair.baseSpec : pair.headSpec;
  const pointer = below(keywordPointer(side === "base" ? pair.base : pair.head, "enum"), index);
  return { rule, field: [], what, at: { spec, pointer } };
}

function patternFindings(pair: SchemaPair): Finding[] {
  const [from, to] = [pair.base.keywords.pattern, pair.head.keywords.pattern];
  if (from === to) return [];
  const { direction } = pair;
  if (from === undefined)
    return [
      keywordFinding(pair, `${direction}-pattern-added` as RuleId, "pattern", `pattern ${String(to)} added`),
    ];
  if (to === undefined)
    return [
      keywordFinding(
        pair,
        `${direction}-pattern-removed` as RuleId,
        "pattern",
        `pattern ${String(from)} removed`,
      ),
    ];
  const what = `pattern changed ${String(from)} → ${String(to)}`;
  return [keywordFinding(pair, `${direction}-pattern-changed` as RuleId, "pattern", what)];
}

function constraintFindings(pair: SchemaPair): Finding[] {
  const found: [string, Effect, string][] = [];
  for (const key of [...LOWER, ...UPPER]) {
    const [from, to] = [boundOf(pair.base, key), boundOf(pair.head, key)];
    if (from === to) continue;
    const tighter = LOWER.includes(key)
      ? (to ?? -Infinity) > (from ?? -Infinity)
      : (to ?? Infinity) < (from ?? Infinity);
    const what =
      from === undefined
        ? `${key} set to ${to}`
        : to === undefined
          ? `${key} removed (was ${from})`
          : `${key} ${to > from ? "raised" : "lowered"} ${from} → ${to}`;
    found.push([key, tighter ? "narrower" : "wider", what]);
  }
  for (const key of FLAGS) {
    const [from, to] = [pair.base.keywords[key] === true, pair.head.keywords[key] === true];
    if (from !== to) found.push([key, to ? "narrower" : "wider", `${key} ${to ? "set" : "removed"}`]);
  }
  const multiple = multipleOfFinding(pair);
  if (multiple) found.push(multiple);
  return found.map(([key, effect, what]) =>
    keywordFinding(pair, constraintRule(pair.direction, effect), key, what),
  );
}

function boundOf(schema: Schema, key: string): number | undefined {
  const value = schema.keywords[key];
  if (typeof value !== "number") return undefined;
  return value === 0 && ZERO_IS_NONE.has(key) ? undefined : value;
}

function multipleOfFinding(pair: SchemaPair): [string, Effect, string] | undefined {
  const [from, to] = [boundOf(pair.base, "multipleOf"), boundOf(pair.head, "multipleOf")];
  if (from === to) return undefined;
  if (from === undefined) return ["multipleOf", "narrower", `multipleOf set to ${to}`];
  if (to === undefined) return ["multipleOf", "wider", `multipleOf removed (was ${from})`];
  const effect: Effect = to % from === 0 ? "narrower" : from % to === 0 ? "wider" : "different";
  return ["multipleOf", effect, `multipleOf changed ${from} → ${to}`];
}

/** A constraint that accepts some values of each kind breaks both ways: judged as the breaking one. */
function constraintRule(direction: Direction, effect: Effect): RuleId {
  const tightened = effect === "narrower" || (effect === "different" && direction === "request");
  return `${direction}-constraint-${tightened ? "tightened" : "loosened"}` as RuleId;
}

function defaultFindings(pair: SchemaPair): Finding[] {
  const [from, to] = [pair.base.keywords.default, pair.head.keywords.default];
  if (deepEqual(from, to)) return [];
  const what =
    from === undefined
      ? `default ${quote(to)} added`
      : to === undefined
        ? `default ${quote(from)} removed`
        : `default changed ${quote(from)} → ${quote(to)}`;
  const rule: RuleId =
    pair.direction === "response"
      ? "response-default-changed"
      : from === undefined
        ? "request-default-added"
        : "request-default-changed";
  return [keywordFinding(pair, rule, "default", what)];
}

function deprecationFindings(pair: SchemaPair): Finding[] {
  const [from, to] = [pair.base.keywords.deprecated === true, pair.head.keywords.deprecated === true];
  if (from === to) return [];
  return [
    keywordFinding(
      pair,
      to ? "deprecated" : "deprecation-withdrawn",
      "deprecated",
      to ? "deprecated" : "no longer deprecated",
    ),
  ];
}

export function quote(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}
