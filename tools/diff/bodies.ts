// The bodies of one operation: its request body (judged as a request) and its responses with their
// headers (judged as responses, since the client checks every response against the spec). Each media
// type is compared on its own; its schema by the schema rules.
import { type Finding, type Occurrence, occurrenceOf, type Where } from "./change.js";
import { at, type Located, resolve } from "./located.js";
import { deprecation, schemaOf } from "./parameters.js";
import type { Direction, RuleId } from "./rules.js";
import { compareSchemas, type SchemaWalk } from "./schema-diff.js";
import { isRecord } from "./spec-version.js";
import { unjudgedFindings } from "./unjudged.js";

type Side = "base" | "head";

function sideAt(walk: SchemaWalk, side: Side, located: Located): Finding["at"] {
  return { spec: side === "base" ? walk.baseSpec : walk.headSpec, pointer: located.pointer };
}

function record(located: Located): Record<string, unknown> {
  return isRecord(located.value) ? located.value : {};
}

export function requestBodyChanges(
  walk: SchemaWalk,
  operation: string,
  base: Located,
  head: Located,
): Occurrence[] {
  const [before, after] = [resolve(walk.baseSpec, base), resolve(walk.headSpec, head)];
  const where: Where = { operation, location: "request body", direction: "request" };
  const one = (rule: RuleId, what: string, side: Side, place: Located) => [
    occurrenceOf(where, { rule, field: [], what, at: sideAt(walk, side, place) }),
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
  const unjudged = unjudgedFindings(
    walk.baseSpec,
    before,
    walk.headSpec,
    after,
    new Set(["content", "required"]),
  );
  return [...changes, ...unjudged.map((finding) => occurrenceOf(where, finding))];
}

/** Each media type of a request body or a response: added, removed, or compared. */
function contentChanges(walk: SchemaWalk, where: Where, base: Located, head: Located): Occurrence[] {
  const [before, after] = [record(base), record(head)];
  const media = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return media.flatMap((type) => {
    const located = { ...where, location: mediaLocation(where.location, type) };
    const [from, to] = [at(base, type), at(head, type)];
    const direction = where.direction;
    if (from.value === undefined || to.value === undefined) {
      const added = from.value === undefined;
      const rule = `${direction}-media-type-${added ? "added" : "removed"}` as RuleId;
      const finding = { rule, field: [], what: `media type ${type} ${added ? "added" : "removed"}` };
      return [
        occurrenceOf(where, { ...finding, at: sideAt(walk, added ? "head" : "base", added ? to : from) }),
      ];
    }
    const findings = [
      ...compareSchemas(walk, direction, at(from, "schema"), at(to, "schema")),
      ...unjudgedFindings(walk.baseSpec, from, walk.headSpec, to, new Set(["schema"])),
    ];
    return findings.map((finding) => occurrenceOf(located, finding));
  });
}

/** `request body`, or `request body (text/plain)` for a media type other than JSON. */
function mediaLocation(location: string, type: string): string {
  return type === "application/json" ? location : `${location} (${type})`;
}

const SUCCESS = /^2/;

export function responseChanges(
  walk: SchemaWalk,
  operation: string,
  base: Located,
  head: Located,
): Occurrence[] {
  const [before, after] = [record(base), record(head)];
  const statuses = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  return statuses.flatMap((status) => {
    const where: Where = { operation, location: `${status} response`, direction: "response" };
    const [from, to] = [resolve(walk.baseSpec, at(base, status)), resolve(walk.headSpec, at(head, status))];
    if (from.value !== undefined && to.value !== undefined) return responseChangesAt(walk, where, from, to);
    const added = from.value === undefined;
    const kind = SUCCESS.test(status) ? "success" : "error";
    const rule = `response-${kind}-status-${added ? "added" : "removed"}` as RuleId;
    const what = added ? "added" : "removed";
    return [
      occurrenceOf(where, {
        rule,
        field: [],
        what,
        at: sideAt(walk, added ? "head" : "base", added ? to : from),
      }),
    ];
  });
}

function responseChangesAt(walk: SchemaWalk, where: Where, base: Located, head: Located): Occurrence[] {
  const [before, after] = [at(base, "content"), at(head, "content")];
  const [hadBody, hasBody] = [Object.keys(record(before)).length > 0, Object.keys(record(after)).length > 0];
  const body: Occurrence[] =
    hadBody === hasBody
      ? contentChanges(walk, where, before, after)
      : [
          occurrenceOf(where, {
            rule: hasBody ? "response-body-added" : "response-body-removed",
            field: [],
            what: hasBody ? "body added" : "body removed",
            at: sideAt(walk, hasBody ? "head" : "base", hasBody ? after : before),
          }),
        ];
  const unjudged = unjudgedFindings(
    walk.baseSpec,
    base,
    walk.headSpec,
    head,
    new Set(["content", "headers"]),
  );
  return [
    ...body,
    ...headerChanges(walk, where, at(base, "headers"), at(head, "headers")),
    ...unjudged.map((finding) => occurrenceOf(where, finding)),
  ];
}

/** A response's headers by name in any case; Content-Type is the media type's, not a header's. */
function headersOf(walk: SchemaWalk, side: Side, headers: Located): Map<string, [string, Located]> {
  const spec = side === "base" ? walk.baseSpec : walk.headSpec;
  const found = new Map<string, [string, Located]>();
  for (const name of Object.keys(record(headers))) {
    if (name.toLowerCase() !== "content-type")
      found.set(name.toLowerCase(), [name, resolve(spec, at(headers, name))]);
  }
  return found;
}

function headerChanges(walk: SchemaWalk, response: Where, base: Located, head: Located): Occurrence[] {
  const [before, after] = [headersOf(walk, "base", base), headersOf(walk, "head", head)];
  return [...new Set([...after.keys(), ...before.keys()])].flatMap((key) => {
    const [from, to] = [before.get(key), after.get(key)];
    const name = to?.[0] ?? from?.[0] ?? key;
    const where: Where = { ...response, location: `${response.location} header ${name}`, name };
    return headerFindings(walk, from?.[1], to?.[1], where.direction).map((finding) =>
      occurrenceOf(where, finding),
    );
  });
}

function headerFindings(
  walk: SchemaWalk,
  from: Located | undefined,
  to: Located | undefined,
  direction: Direction,
): Finding[] {
  if (!from && to)
    return [{ rule: "response-header-added", field: [], what: "added", at: sideAt(walk, "head", to) }];
  if (from && !to)
    return [{ rule: "response-header-removed", field: [], what: "removed", at: sideAt(walk, "base", from) }];
  if (!from || !to) return [];
  const headAt = (key: string) => sideAt(walk, "head", at(to, key));
  const [wasRequired, required] = [record(from).required === true, record(to).required === true];
  const requiredness: Finding[] =
    wasRequired === required
      ? []
      : [
          {
            rule: required ? "response-header-became-required" : "response-header-became-optional",
            field: [],
            what: `became ${required ? "required" : "optional"}`,
            at: headAt("required"),
          },
        ];
  const judged = new Set(["required", "deprecated", "schema", "content", "style", "explode"]);
  return [
    ...requiredness,
    ...deprecation(from, to, headAt),
    ...compareSchemas(walk, direction, schemaOf(from), schemaOf(to)),
    ...unjudgedFindings(walk.baseSpec, from, walk.headSpec, to, judged),
  ];
}
