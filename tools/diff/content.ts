// The media types of a request body or a response, each compared on its own: added, removed, or its
// schema compared by the schema rules in the body's direction.
import { type Finding, type Occurrence, occurrenceOf, type Where } from "./change.js";
import { at, type Located } from "./located.js";
import type { RuleId } from "./rules.js";
import { compareSchemas, found, type SchemaWalk } from "./schema-diff.js";
import { isRecord } from "./spec-version.js";
import { unjudgedFindings } from "./unjudged.js";

export type Side = "base" | "head";

/** A located value as a place in the base's or the head's file. */
export function sideAt(walk: SchemaWalk, side: Side, located: Located): Finding["at"] {
  return { spec: side === "base" ? walk.baseSpec : walk.headSpec, pointer: located.pointer };
}

/** The fields of an object (none for anything else). */
export function record(located: Located): Record<string, unknown> {
  return isRecord(located.value) ? located.value : {};
}

export function contentChanges(walk: SchemaWalk, where: Where, base: Located, head: Located): Occurrence[] {
  const media = [...new Set([...Object.keys(record(head)), ...Object.keys(record(base))])];
  return media.flatMap((type) => {
    const [from, to] = [at(base, type), at(head, type)];
    if (from.value === undefined || to.value === undefined) {
      const verb = from.value === undefined ? "added" : "removed";
      const rule = `${where.direction}-media-type-${verb}` as RuleId;
      const place = verb === "added" ? sideAt(walk, "head", to) : sideAt(walk, "base", from);
      return [occurrenceOf(where, found(rule, `media type ${type} ${verb}`, place))];
    }
    const findings = [
      ...compareSchemas(walk, where.direction, at(from, "schema"), at(to, "schema")),
      ...unjudgedFindings(walk.baseSpec, from, walk.headSpec, to, new Set(["schema"])),
    ];
    const located = { ...where, location: mediaLocation(where.location, type) };
    return findings.map((finding) => occurrenceOf(located, finding));
  });
}

/** `request body`, or `request body (text/plain)` for a media type other than JSON. */
function mediaLocation(location: string, type: string): string {
  return type === "application/json" ? location : `${location} (${type})`;
}
