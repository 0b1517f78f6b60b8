// The parameters of one operation, in path, query, header and cookie: paired by where they go and
// their name (a header's in any case), then judged as a request: added, removed, required, their
// serialization, and their schema by the schema rules.
import { type Finding, type Occurrence, occurrenceOf, type Where } from "./change.js";
import { at, type Located, resolve } from "./located.js";
import type { RuleId } from "./rules.js";
import { compareSchemas, type SchemaWalk } from "./schema-diff.js";
import { isRecord } from "./spec-version.js";
import { unjudgedFindings } from "./unjudged.js";

export interface Parameter {
  in: string;
  name: string;
  located: Located;
}

// Headers OpenAPI says a parameter cannot describe: the media types and the credentials.
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization"]);

/** An operation's parameters by `in` and name: the path item's, then the operation's own over them. */
export function parametersOf(
  walk: SchemaWalk,
  side: "base" | "head",
  lists: Located[],
): Map<string, Parameter> {
  const spec = side === "base" ? walk.baseSpec : walk.headSpec;
  const found = new Map<string, Parameter>();
  for (const list of lists) {
    if (!Array.isArray(list.value)) continue;
    list.value.forEach((_, i) => {
      const located = resolve(spec, at(list, i));
      const value = located.value;
      if (!isRecord(value) || typeof value.in !== "string" || typeof value.name !== "string") return;
      if (value.in === "header" && IGNORED_HEADERS.has(value.name.toLowerCase())) return;
      const key = `${value.in} ${value.in === "header" ? value.name.toLowerCase() : value.name}`;
      found.set(key, { in: value.in, name: value.name, located });
    });
  }
  return found;
}

export function parameterChanges(
  walk: SchemaWalk,
  operation: string,
  base: Map<string, Parameter>,
  head: Map<string, Parameter>,
): Occurrence[] {
  return [...new Set([...head.keys(), ...base.keys()])].flatMap((key) => {
    const [before, after] = [base.get(key), head.get(key)];
    const parameter = after ?? before;
    if (!parameter) return [];
    const where: Where = {
      operation,
      location: `${parameter.in} parameter ${parameter.name}`,
      direction: "request",
      name: parameter.name,
    };
    return parameterFindings(walk, before, after).map((finding) => occurrenceOf(where, finding));
  });
}

function parameterFindings(walk: SchemaWalk, before?: Parameter, after?: Parameter): Finding[] {
  if (after && !before) {
    const required = isRequired(after);
    const rule = required ? "request-parameter-added-required" : "request-parameter-added-optional";
    const what = required ? "added as required" : "added as optional";
    return [{ rule, field: [], what, at: { spec: walk.headSpec, pointer: after.located.pointer } }];
  }
  if (before && !after) {
    const at = { spec: walk.baseSpec, pointer: before.located.pointer };
    return [{ rule: "request-parameter-removed", field: [], what: "removed", at }];
  }
  if (!before || !after) return [];
  const headAt = (key: string) => ({ spec: walk.headSpec, pointer: `${after.located.pointer}/${key}` });
  const found: Finding[] = [];
  const [wasRequired, required] = [isRequired(before), isRequired(after)];
  if (wasRequired !== required) {
    const rule = required ? "request-parameter-became-required" : "request-parameter-became-optional";
    found.push({
      rule,
      field: [],
      what: `became ${required ? "required" : "optional"}`,
      at: headAt("required"),
    });
  }
  found.push(...serializationFindings(before, after, headAt), ...deprecation(before, after, headAt));
  found.push(...compareSchemas(walk, "request", schemaOf(before.located), schemaOf(after.located)));
  const judged = new Set(["name", "in", "required", "style", "explode", "deprecated", "schema", "content"]);
  found.push(...unjudgedFindings(walk.baseSpec, before.located, walk.headSpec, after.located, judged));
  return found;
}

function isRequired(parameter: Parameter): boolean {
  return (
    parameter.in === "path" ||
    (isRecord(parameter.located.value) && parameter.located.value.required === true)
  );
}

type HeadAt = (key: string) => Finding["at"];

/** style and explode as they apply, OpenAPI's defaults filled in: form for query and cookie, else simple. */
function serializationFindings(before: Parameter, after: Parameter, headAt: HeadAt): Finding[] {
  const [from, to] = [serialization(before), serialization(after)];
  const found: Finding[] = [];
  if (from.style !== to.style) {
    const rule: RuleId = "request-parameter-style-changed";
    found.push({ rule, field: [], what: `style changed ${from.style} → ${to.style}`, at: headAt("style") });
  }
  // A new style brings its own default explode: only a change of explode alone is one of its own.
  if (from.style === to.style && from.explode !== to.explode) {
    const rule: RuleId = "request-parameter-explode-changed";
    found.push({
      rule,
      field: [],
      what: `explode changed ${from.explode} → ${to.explode}`,
      at: headAt("explode"),
    });
  }
  return found;
}

function serialization(parameter: Parameter): { style: string; explode: boolean } {
  const value = isRecord(parameter.located.value) ? parameter.located.value : {};
  const style =
    typeof value.style === "string"
      ? value.style
      : ["query", "cookie"].includes(parameter.in)
        ? "form"
        : "simple";
  return { style, explode: typeof value.explode === "boolean" ? value.explode : style === "form" };
}

/** A parameter's or a header's `deprecated` flag. */
export function deprecation(
  before: Parameter | Located,
  after: Parameter | Located,
  headAt: HeadAt,
): Finding[] {
  const flag = (item: Parameter | Located) => {
    const value = "located" in item ? item.located.value : item.value;
    return isRecord(value) && value.deprecated === true;
  };
  if (flag(before) === flag(after)) return [];
  const now = flag(after);
  const what = now ? "deprecated" : "no longer deprecated";
  return [{ rule: now ? "deprecated" : "deprecation-withdrawn", field: [], what, at: headAt("deprecated") }];
}

/** A parameter's or a header's schema: its `schema`, else the schema of its one `content` entry. */
export function schemaOf(located: Located): Located {
  const value = isRecord(located.value) ? located.value : {};
  if (value.schema !== undefined || !isRecord(value.content)) return at(located, "schema");
  const [media] = Object.keys(value.content);
  return media === undefined ? at(located, "schema") : at(located, "content", media, "schema");
}
