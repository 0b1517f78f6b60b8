// Compares two versions of a schema, keyword by keyword and property by property, in one direction
// (request or response): every difference is one finding, so that a change never hides another in
// the same schema. A keyword no rule judges is reported as unjudged, never passed over.
import { alternativeFindings, wrappedAlternatives } from "./alternatives.js";
import type { At, Finding } from "./change.js";
import {
  type Effect,
  JUDGED_KEYWORDS,
  keywordFindings,
  type SchemaPair,
  typeEffect,
  typeRule,
} from "./keywords.js";
import { isAnnotation, type Located, sameContract } from "./located.js";
import type { Direction, RuleId } from "./rules.js";
import { keywordPointer, type Schema, schemaAt, typeOf } from "./schema.js";
import type { ParsedSpec } from "./spec-version.js";

/** One comparison of two specs' schemas: results by pair of places, reused across operations. */
export interface SchemaWalk {
  baseSpec: ParsedSpec;
  headSpec: ParsedSpec;
  memo: Map<string, Finding[]>;
  /** The pairs being compared, to stop at a recursive schema's second meeting. */
  active: Set<string>;
}

export function newSchemaWalk(baseSpec: ParsedSpec, headSpec: ParsedSpec): SchemaWalk {
  return { baseSpec, headSpec, memo: new Map(), active: new Set() };
}

const STRUCTURE = new Set([
  "properties",
  "required",
  "additionalProperties",
  "items",
  "oneOf",
  "anyOf",
  "allOf",
]);

/** What changed from `base` to `head`, fields named relative to them. */
export function compareSchemas(
  walk: SchemaWalk,
  direction: Direction,
  base: Located,
  head: Located,
): Finding[] {
  const pair: SchemaPair = {
    base: schemaAt(walk.baseSpec, base),
    head: schemaAt(walk.headSpec, head),
    baseSpec: walk.baseSpec,
    headSpec: walk.headSpec,
    direction,
  };
  const key = `${direction} ${pair.base.pointer} ${pair.head.pointer}`;
  const known = walk.memo.get(key);
  if (known) return known;
  if (walk.active.has(key) || sameContract(walk.baseSpec, base, walk.headSpec, head)) return [];
  walk.active.add(key);
  const findings = wrappedAlternatives(walk, pair, base, head) ?? pairFindings(walk, pair);
  walk.active.delete(key);
  walk.memo.set(key, findings);
  return findings;
}

function pairFindings(walk: SchemaWalk, pair: SchemaPair): Finding[] {
  // A schema whose type changed outright is one change: its properties are no longer comparable.
  const comparable = typeEffect(typeOf(pair.base), typeOf(pair.head)) !== "different";
  const structure = comparable
    ? [
        ...propertyFindings(walk, pair),
        ...additionalPropertiesFindings(walk, pair),
        ...itemsFindings(walk, pair),
        ...alternativeFindings(walk, pair, "oneOf"),
        ...alternativeFindings(walk, pair, "anyOf"),
      ]
    : [];
  return [...keywordFindings(pair), ...structure, ...unjudgedFindings(pair)];
}

/** The findings of a schema below this one, named from here: `result`, `[]`, `*` … */
export function within(segment: string, findings: Finding[]): Finding[] {
  return findings.map((finding) => ({ ...finding, field: [segment, ...finding.field] }));
}

export function found(rule: RuleId, what: string, at: At, field: string[] = []): Finding {
  return { rule, field, what, at };
}

function propertyFindings(walk: SchemaWalk, pair: SchemaPair): Finding[] {
  const { base, head, direction } = pair;
  const names = new Set([
    ...head.properties.keys(),
    ...base.properties.keys(),
    ...head.required,
    ...base.required,
  ]);
  return [...names].flatMap((name): Finding[] => {
    const [before, after] = [base.properties.get(name), head.properties.get(name)];
    const required = head.required.has(name);
    const headAt = { spec: walk.headSpec, pointer: after?.pointer ?? keywordPointer(head, "required") };
    if (!before && after) {
      return [
        found(addedRule(pair, required), `added as ${required ? "required" : "optional"}`, headAt, [name]),
      ];
    }
    if (before && !after) {
      const rule = `${direction}-property-removed` as RuleId;
      return [found(rule, "removed", { spec: walk.baseSpec, pointer: before.pointer }, [name])];
    }
    const now = required ? "required" : "optional";
    const requiredness =
      base.required.has(name) === required
        ? []
        : [found(`${direction}-property-became-${now}` as RuleId, `became ${now}`, headAt, [name])];
    const inner = before && after ? within(name, compareSchemas(walk, direction, before, after)) : [];
    return [...requiredness, ...inner];
  });
}

function addedRule(pair: SchemaPair, required: boolean): RuleId {
  if (pair.direction === "request") {
    return required ? "request-property-added-required" : "request-property-added-optional";
  }
  const closed = pair.base.keywords.additionalProperties === false;
  return closed ? "response-property-added-to-closed-schema" : "response-property-added";
}

type Extra = "allowed" | "forbidden" | "a schema";

function extraOf(schema: Schema): Extra {
  const value = schema.keywords.additionalProperties;
  if (value === false) return "forbidden";
  return typeof value === "object" && value !== null ? "a schema" : "allowed";
}

/** The value of a keyword of the schema, and where it is (or would be) written. */
function keywordAt(schema: Schema, key: string): Located {
  return { value: schema.keywords[key], pointer: keywordPointer(schema, key) };
}

/** Where a keyword's change is written: the head, unless the keyword is gone from it. */
function changeAt(walk: SchemaWalk, pair: SchemaPair, key: string): At {
  return pair.head.keywords[key] === undefined
    ? { spec: walk.baseSpec, pointer: keywordPointer(pair.base, key) }
    : { spec: walk.headSpec, pointer: keywordPointer(pair.head, key) };
}

function additionalPropertiesFindings(walk: SchemaWalk, pair: SchemaPair): Finding[] {
  const [from, to] = [extraOf(pair.base), extraOf(pair.head)];
  const key = "additionalProperties";
  if (from === "a schema" && to === "a schema") {
    return within(
      "*",
      compareSchemas(walk, pair.direction, keywordAt(pair.base, key), keywordAt(pair.head, key)),
    );
  }
  if (from === to) return [];
  const verb = from === "allowed" || to === "forbidden" ? "narrowed" : "widened";
  const rule = `${pair.direction}-additional-properties-${verb}` as RuleId;
  return [found(rule, `additionalProperties ${verb}: ${from} → ${to}`, changeAt(walk, pair, key))];
}

function itemsFindings(walk: SchemaWalk, pair: SchemaPair): Finding[] {
  const [from, to] = [keywordAt(pair.base, "items"), keywordAt(pair.head, "items")];
  if (from.value === undefined && to.value === undefined) return [];
  if (from.value !== undefined && to.value !== undefined) {
    return within("[]", compareSchemas(walk, pair.direction, from, to));
  }
  const effect: Effect = from.value === undefined ? "narrower" : "wider";
  const what = to.value === undefined ? "items schema removed" : "items schema added";
  return [found(typeRule(pair.direction, effect), what, changeAt(walk, pair, "items"))];
}

function unjudgedFindings(pair: SchemaPair): Finding[] {
  const { base, head } = pair;
  const keys = new Set([...Object.keys(base.keywords), ...Object.keys(head.keywords)]);
  // oneOf or anyOf on one side only is no pair of alternatives to compare: unjudged.
  const oneSided = (key: string) =>
    (key === "oneOf" || key === "anyOf") &&
    Array.isArray(base.keywords[key]) !== Array.isArray(head.keywords[key]);
  return [...keys].flatMap((key): Finding[] => {
    if (isAnnotation(key) || JUDGED_KEYWORDS.has(key) || (STRUCTURE.has(key) && !oneSided(key))) return [];
    const [from, to] = [keywordAt(base, key), keywordAt(head, key)];
    if (sameContract(pair.baseSpec, from, pair.headSpec, to)) return [];
    const verb = from.value === undefined ? "added" : to.value === undefined ? "removed" : "changed";
    const place = to.value === undefined ? { spec: pair.baseSpec, ...from } : { spec: pair.headSpec, ...to };
    return [found("unjudged-change", `${key} ${verb}`, { spec: place.spec, pointer: place.pointer })];
  });
}
