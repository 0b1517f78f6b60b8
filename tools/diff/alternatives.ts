// oneOf and anyOf: the alternatives a schema accepts, paired by the schema each refers to (else by
// position). An alternative added accepts more; one removed accepts less. A schema that becomes one of
// the alternatives of a oneOf or anyOf, itself among them, keeps what it accepted and adds the rest.
import type { Finding } from "./change.js";
import type { SchemaPair } from "./keywords.js";
import { at, type Located, sameContract } from "./located.js";
import type { RuleId } from "./rules.js";
import { keywordPointer, type Schema } from "./schema.js";
import { compareSchemas, found, type SchemaWalk, within } from "./schema-diff.js";

type Keyword = "oneOf" | "anyOf";

function listOf(schema: Schema, keyword: Keyword): Located | undefined {
  const value = schema.keywords[keyword];
  return Array.isArray(value) ? { value, pointer: keywordPointer(schema, keyword) } : undefined;
}

/** Each alternative's name: the schema its `$ref` names, else its position (`#2`). */
function names(list: Located): string[] {
  return (list.value as unknown[]).map((item, i) => {
    const ref = typeof item === "object" && item !== null ? (item as { $ref?: unknown }).$ref : undefined;
    return typeof ref === "string" ? (ref.split("/").at(-1) ?? ref) : `#${i + 1}`;
  });
}

export function alternativeFindings(walk: SchemaWalk, pair: SchemaPair, keyword: Keyword): Finding[] {
  const [from, to] = [listOf(pair.base, keyword), listOf(pair.head, keyword)];
  if (!from || !to) return [];
  const [before, after] = [names(from), names(to)];
  const { direction } = pair;
  const added = after.flatMap((name, i) => {
    const j = before.indexOf(name);
    if (j >= 0) return within(`<${name}>`, compareSchemas(walk, direction, at(from, j), at(to, i)));
    const place = { spec: walk.headSpec, pointer: at(to, i).pointer };
    return [found(`${direction}-alternative-added` as RuleId, `${keyword} alternative ${name} added`, place)];
  });
  const removed = before.flatMap((name, j) => {
    if (after.includes(name)) return [];
    const place = { spec: walk.baseSpec, pointer: at(from, j).pointer };
    return [
      found(`${direction}-alternative-removed` as RuleId, `${keyword} alternative ${name} removed`, place),
    ];
  });
  return [...added, ...removed];
}

/**
 * A schema that became one alternative among others (`X` → `oneOf: [X, Y]`), or the one kept of them
 * (`oneOf: [X, Y]` → `X`): the alternatives added or removed; undefined when the change is not that.
 */
export function wrappedAlternatives(
  walk: SchemaWalk,
  pair: SchemaPair,
  base: Located,
  head: Located,
): Finding[] | undefined {
  for (const keyword of ["oneOf", "anyOf"] as const) {
    const [from, to] = [listOf(pair.base, keyword), listOf(pair.head, keyword)];
    if (!from && to) return kept(walk, pair, keyword, base, to, "added");
    if (from && !to) return kept(walk, pair, keyword, head, from, "removed");
  }
  return undefined;
}

function kept(
  walk: SchemaWalk,
  pair: SchemaPair,
  keyword: Keyword,
  single: Located,
  list: Located,
  change: "added" | "removed",
): Finding[] | undefined {
  const [singleSpec, listSpec] =
    change === "added" ? [walk.baseSpec, walk.headSpec] : [walk.headSpec, walk.baseSpec];
  const items = list.value as unknown[];
  const index = items.findIndex((_, i) =>
    change === "added"
      ? sameContract(singleSpec, single, listSpec, at(list, i))
      : sameContract(listSpec, at(list, i), singleSpec, single),
  );
  if (index < 0) return undefined;
  const rule = `${pair.direction}-alternative-${change}` as RuleId;
  return names(list).flatMap((name, i) =>
    i === index
      ? []
      : [
          found(rule, `${keyword} alternative ${name} ${change}`, {
            spec: listSpec,
            pointer: at(list, i).pointer,
          }),
        ],
  );
}
