// Compares two versions of a schema, keyword by keyword and property by property, in one direction
// (request or response): every difference is one finding, so that a change never hides another in
// the same schema. A keyword no rule judges is reported as unjudged, never passed over.
import type { Finding } from "./change.js";
import {
  type Effect,
  JUDGED_KEYWORDS,
  keywordFindings,
  type SchemaPair,
  typeEffect,
  typeRule,
} from "./keywords.js";
import { at, isAnnotation, type Located, sameContract } from "./located.js";
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
  // A schema whose type changed outright is one change: its properties are no longer comparable.
  const comparable = typeEffect(typeOf(pair.base), typeOf(pair.head)) !== "different";
  const findings = [
    ...keywordFindings(pair),
    ...(comparable
      ? [
          ...propertyFindings(walk, pair),
          ...additionalPropertiesFindings(walk, pair),
          ...itemsFindings(walk, pair),
          ...alternativeFindings(walk, pair, "oneOf"),
          ...alternativeFindings(walk, pair, "anyOf"),
        ]
      : []),
    ...unjudgedFindings(pair),
  ];
  walk.active.delete(key);
  walk.memo.set(key, findings);
  return findings;
}

function within(segment: string, findings: Finding[]): Finding[] {
  return findings.map((finding) => ({ ...finding, field: [segment, ...finding.field] }));
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
    if (!before && after)
      return [
        {
          rule: addedRule(pair, required),
          field: [name],
          what: required ? "added as required" : "added as optional",
          at: headAt,
        },
      ];
    if (before && !after && !head.required.has(name)) {
      return [
        {
          rule: `${direction}-property-removed` as RuleId,
          field: [name],
          what: "removed",
          at: { spec: walk.baseSpec, pointer: before.pointer },
        },
      ];
    }
    const requiredness: Finding[] =
      base.required.has(name) === required
        ? []
        : [
            {
              rule: `${direction}-property-became-${required ? "required" : "optional"}` as RuleId,
              field: [name],
              what: `became ${required ? "required" : "optional"}`,
              at: headAt,
            },
          ];
    const inner = before && after ? within(name, compareSchemas(walk, direction, before, after)) : [];
    return [...requiredness, ...inner];
  });
}

function addedRule(pair: SchemaPair, required: boolean): RuleId {
  if (pair.direction === "request")
    return required ? "request-property-added-required" : "request-property-added-optional";
  return pair.base.keywords.additionalProperties === false
    ? "response-property-added-to-closed-schema"
    : "response-property-added";
}

type Extra = "allowed" | "forbidden" | "a schema";

function extraOf(schema: Schema): Extra {
  const value = schema.keywords.additionalProperties;
  return value === false ? "forbidden" : typeof value === "object" && value !== null ? "a schema" : "allowed";
}

function additionalPropertiesFindings(walk: SchemaWalk, pair: SchemaPair): Finding[] {
  const [from, to] = [extraOf(pair.base), extraOf(pair.head)];
  if (from === "a schema" && to === "a schema") {
    const located = (schema: Schema): Located => ({
      value: schema.keywords.additionalProperties,
      pointer: keywordPointer(schema, "additionalProperties"),
    });
    return within("*", compareSchemas(walk, pair.direction, located(pair.base), located(pair.head)));
  }
  if (from === to) return [];
  const narrower = from === "allowed" || to === "forbidden";
  const verb = narrower ? "narrowed" : "widened";
  const removed = pair.head.keywords.additionalProperties === undefined;
  const at = removed
    ? { spec: walk.baseSpec, pointer: keywordPointer(pair.base, "additionalProperties") }
    : { spec: walk.headSpec, pointer: keywordPointer(pair.head, "additionalProperties") };
  return [
    {
      rule: `${pair.direction}-additional-properties-${verb}` as RuleId,
      field: [],
      what: `additionalProperties ${verb}: ${from} → ${to}`,
      at,
    },
  ];
}

function itemsFindings(walk: SchemaWalk, pair: SchemaPair): Finding[] {
  const [from, to] = [pair.base.keywords.items, pair.head.keywords.items];
  if (from === undefined && to === undefined) return [];
  const located = (schema: Schema): Located => ({
    value: schema.keywords.items,
    pointer: keywordPointer(schema, "items"),
  });
  if (from !== undefined && to !== undefined)
    return within("[]", compareSchemas(walk, pair.direction, located(pair.base), located(pair.head)));
  const effect: Effect = from === undefined ? "narrower" : "wider";
  const at =
    to === undefined
      ? { spec: walk.baseSpec, pointer: located(pair.base).pointer }
      : { spec: walk.headSpec, pointer: located(pair.head).pointer };
  return [
    {
      rule: typeRule(pair.direction, effect),
      field: [],
      what: to === undefined ? "items schema removed" : "items schema added",
      at,
    },
  ];
}

/** oneOf / anyOf: alternatives paired by the schema they refer to, else by position. */
function alternativeFindings(walk: SchemaWalk, pair: SchemaPair, keyword: "oneOf" | "anyOf"): Finding[] {
  const [from, to] = [pair.base.keywords[keyword], pair.head.keywords[keyword]];
  if (!Array.isArray(from) || !Array.isArray(to)) return [];
  const [before, after] = [alternatives(from), alternatives(to)];
  const located = (schema: Schema, i: number): Located =>
    at({ value: schema.keywords[keyword], pointer: keywordPointer(schema, keyword) }, i);
  const findings: Finding[] = [];
  after.forEach((name, i) => {
    const j = before.indexOf(name);
    if (j < 0)
      findings.push({
        rule: `${pair.direction}-alternative-added` as RuleId,
        field: [],
        what: `${keyword} alternative ${name} added`,
        at: { spec: walk.headSpec, pointer: located(pair.head, i).pointer },
      });
    else
      findings.push(
        ...within(
          `<${name}>`,
          compareSchemas(walk, pair.direction, located(pair.base, j), located(pair.head, i)),
        ),
      );
  });
  before.forEach((name, j) => {
    if (!after.includes(name))
      findings.push({
        rule: `${pair.direction}-alternative-removed` as RuleId,
        field: [],
        what: `${keyword} alternative ${name} removed`,
        at: { spec: walk.baseSpec, pointer: located(pair.base, j).pointer },
      });
  });
  return findings;
}

/** Each alternative's name: the schema its `$ref` names, else its position (`#2`). */
function alternatives(list: unknown[]): string[] {
  return list.map((item, i) => {
    const ref = typeof item === "object" && item !== null ? (item as { $ref?: unknown }).$ref : undefined;
    return typeof ref === "string" ? (ref.split("/").at(-1) ?? ref) : `#${i + 1}`;
  });
}

function unjudgedFindings(pair: SchemaPair): Finding[] {
  const keys = new Set([...Object.keys(pair.base.keywords), ...Object.keys(pair.head.keywords)]);
  const alternativesOnOneSide = (key: string) =>
    (key === "oneOf" || key === "anyOf") &&
    Array.isArray(pair.base.keywords[key]) !== Array.isArray(pair.head.keywords[key]);
  return [...keys].flatMap((key): Finding[] => {
    if (isAnnotation(key) || JUDGED_KEYWORDS.has(key) || (STRUCTURE.has(key) && !alternativesOnOneSide(key)))
      return [];
    const [from, to] = [pair.base.keywords[key], pair.head.keywords[key]];
    const base = { value: from, pointer: keywordPointer(pair.base, key) };
    const head = { value: to, pointer: keywordPointer(pair.head, key) };
    if (sameContract(pair.baseSpec, base, pair.headSpec, head)) return [];
    const what = from === undefined ? `${key} added` : to === undefined ? `${key} removed` : `${key} changed`;
    const place =
      to === undefined
        ? { spec: pair.baseSpec, pointer: base.pointer }
        : { spec: pair.headSpec, pointer: head.pointer };
    return [{ rule: "unjudged-change", field: [], what, at: place }];
  });
}
