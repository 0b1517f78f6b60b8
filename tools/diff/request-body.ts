// The request body of one operation, judged as a request: added, removed, required or not, and each
// media type with its schema.
import { type Occurrence, occurrenceOf, type Where } from "./change.js";
import { contentChanges, record, type Side, sideAt } from "./content.js";
import { at, type Located, resolve } from "./located.js";
import type { RuleId } from "./rules.js";
import { found, type SchemaWalk } from "./schema-diff.js";
import { unjudgedFindings } from "./unjudged.js";

export function requestBodyChanges(
  walk: SchemaWalk,
  operation: string,
  base: Located,
  head: Located,
): Occurrence[] {
  const [before, after] = [resolve(walk.baseSpec, base), resolve(walk.headSpec, head)];
  const where: Where = { operation, location: "request body", direction: "request" };
  const one = (rule: RuleId, what: string, side: Side, place: Located) => [
    occurrenceOf(where, found(rule, what, sideAt(walk, side, place))),
  ];
  if (before.value === undefined && after.value === undefined) return [];
  const required = record(after).required === true;
  if (before.value === undefined) {
    return one(
      required ? "request-body-added-required" : "request-body-added-optional",
      "added",
      "head",
      after,
    );
  }
  if (after.value === undefined) return one("request-body-removed", "removed", "base", before);
  const changes: Occurrence[] = [];
  if ((record(before).required === true) !== required) {
    const rule = required ? "request-body-became-required" : "request-body-became-optional";
    changes.push(...one(rule, `became ${required ? "required" : "optional"}`, "head", at(after, "required")));
  }
  changes.push(...contentChanges(walk, where, at(before, "content"), at(after, "content")));
  const judged = new Set(["content", "required"]);
  const unjudged = unjudgedFindings(walk.baseSpec, before, walk.headSpec, after, judged);
  return [...changes, ...unjudged.map((finding) => occurrenceOf(where, finding))];
}
