// The responses of one operation, judged as responses (the client checks every response against the
// spec): each status added or removed, its body, each media type with its schema, and its headers.
import { type Finding, type Occurrence, occurrenceOf, type Where } from "./change.js";
import { contentChanges, record, type Side, sideAt } from "./content.js";
import { at, type Located, resolve } from "./located.js";
import { deprecation, schemaOf } from "./parameters.js";
import type { RuleId } from "./rules.js";
import { compareSchemas, found, type SchemaWalk } from "./schema-diff.js";
import { unjudgedFindings } from "./unjudged.js";

const SUCCESS = /^2/;

export function responseChanges(
  walk: SchemaWalk,
  operation: string,
  base: Located,
  head: Located,
): Occurrence[] {
  const statuses = [...new Set([...Object.keys(record(head)), ...Object.keys(record(base))])];
  return statuses.flatMap((status) => {
    const where: Where = { operation, location: `${status} response`, direction: "response" };
    const [from, to] = [resolve(walk.baseSpec, at(base, status)), resolve(walk.headSpec, at(head, status))];
    if (from.value !== undefined && to.value !== undefined) return responseChangesAt(walk, where, from, to);
    const verb = from.value === undefined ? "added" : "removed";
    const rule = `response-${SUCCESS.test(status) ? "success" : "error"}-status-${verb}` as RuleId;
    const place = verb === "added" ? sideAt(walk, "head", to) : sideAt(walk, "base", from);
    return [occurrenceOf(where, found(rule, verb, place))];
  });
}

function responseChangesAt(walk: SchemaWalk, where: Where, base: Located, head: Located): Occurrence[] {
  const [before, after] = [at(base, "content"), at(head, "content")];
  const [hadBody, hasBody] = [Object.keys(record(before)).length > 0, Object.keys(record(after)).length > 0];
  const body =
    hadBody === hasBody
      ? contentChanges(walk, where, before, after)
      : [
          occurrenceOf(
            where,
            hasBody
              ? found("response-body-added", "body added", sideAt(walk, "head", after))
              : found("response-body-removed", "body removed", sideAt(walk, "base", before)),
          ),
        ];
  const judged = new Set(["content", "headers"]);
  const unjudged = unjudgedFindings(walk.baseSpec, base, walk.headSpec, head, judged);
  return [
    ...body,
    ...headerChanges(walk, where, at(base, "headers"), at(head, "headers")),
    ...unjudged.map((finding) => occurrenceOf(where, finding)),
  ];
}

/** A response's headers by name in any case; Content-Type is the media type's, not a header's. */
function headersOf(walk: SchemaWalk, side: Side, headers: Located): Map<string, [string, Located]> {
  const spec = side === "base" ? walk.baseSpec : walk.headSpec;
  const byName = new Map<string, [string, Located]>();
  for (const name of Object.keys(record(headers))) {
    if (name.toLowerCase() === "content-type") continue;
    byName.set(name.toLowerCase(), [name, resolve(spec, at(headers, name))]);
  }
  return byName;
}

function headerChanges(walk: SchemaWalk, response: Where, base: Located, head: Located): Occurrence[] {
  const [before, after] = [headersOf(walk, "base", base), headersOf(walk, "head", head)];
  return [...new Set([...after.keys(), ...before.keys()])].flatMap((key) => {
    const [from, to] = [before.get(key), after.get(key)];
    const name = to?.[0] ?? from?.[0] ?? key;
    const where: Where = { ...response, location: `${response.location} header ${name}`, name };
    return headerFindings(walk, from?.[1], to?.[1]).map((finding) => occurrenceOf(where, finding));
  });
}

function headerFindings(walk: SchemaWalk, from: Located | undefined, to: Located | undefined): Finding[] {
  if (!from && to) return [found("response-header-added", "added", sideAt(walk, "head", to))];
  if (from && !to) return [found("response-header-removed", "removed", sideAt(walk, "base", from))];
  if (!from || !to) return [];
  const headAt = (key: string) => sideAt(walk, "head", at(to, key));
  const required = record(to).required === true;
  const requiredness =
    (record(from).required === true) === required
      ? []
      : [
          found(
            required ? "response-header-became-required" : "response-header-became-optional",
            `became ${required ? "required" : "optional"}`,
            headAt("required"),
          ),
        ];
  const judged = new Set(["required", "deprecated", "schema", "content", "style", "explode"]);
  return [
    ...requiredness,
    ...deprecation(from, to, headAt),
    ...compareSchemas(walk, "response", schemaOf(from), schemaOf(to)),
    ...unjudgedFindings(walk.baseSpec, from, walk.headSpec, to, judged),
  ];
}
