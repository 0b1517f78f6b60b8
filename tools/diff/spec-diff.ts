// Classifies what changed between two versions of a spec. openapi-diff does the classifying; on top of it
// this module (1) corrects the one verdict it gets wrong for this contract, a new optional request
// property, and (2) lists as unclassified every edit openapi-diff does not compare (descriptions,
// examples, parameters, servers …), so that no change goes by unseen.
import SwaggerParser from "@apidevtools/swagger-parser";
import microdiff from "microdiff";
import openapiDiff from "openapi-diff";
import type { OpenAPIV3 } from "openapi-types";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { errorMessage } from "../shared/errors.js";
import { memoize } from "../shared/memo.js";
import { HTTP_METHODS } from "../shared/openapi.js";

export type ChangeType = "breaking" | "non-breaking" | "unclassified";

/** One version of one spec file: its text and where it came from. */
export interface SpecVersion {
  /** As shown to the reader: `spec/x.openapi.yaml`, `v1.0.0:spec/x.openapi.yaml` … */
  label: string;
  text: string;
}

export interface Change {
  type: ChangeType;
  /** openapi-diff's code (`request.body.scope.remove` …), or `edit.add|remove|change` for an edit it does not compare. */
  code: string;
  summary: string;
  /** The file (base for what was removed, head otherwise), its line, and the keys leading to the change. */
  location: { file: string; line: number | undefined; path: string };
  /** When the verdict is not openapi-diff's own: what openapi-diff said, and why it is overruled. */
  correction?: { from: ChangeType; reason: string };
}

/** A bad input: the message names it. */
export class SpecError extends Error {
  override name = "SpecError" as const;
}

export interface ParsedSpec {
  label: string;
  /** True for the stand-in of a side that has no file. */
  missing: boolean;
  version: string | undefined;
  raw: Record<string, unknown>;
  dereferenced: OpenAPIV3.Document;
  lineOf(path: readonly string[]): number | undefined;
}

const METHODS = new Set<string>(HTTP_METHODS);
// Keywords that only document: openapi-diff ignores them, so their edits are always listed.
const ANNOTATIONS = new Set(["description", "summary", "title", "example", "examples", "externalDocs"]);

export const NEW_OPTIONAL_REQUEST_PROPERTY =
  "the base schema accepted any value under the new name, so openapi-diff sees the request body narrow; " +
  "but the generated client types never had that name, so no client built from them can send it.";

/**
 * Parses and validates one version; throws a SpecError naming it when it is not an OpenAPI 3.0
 * document. Validating builds a new JSON Schema validator every time, and the same base is parsed
 * again and again (the dev loop, the tests): each version is parsed once.
 */
export const parseSpec: (version: SpecVersion) => Promise<ParsedSpec> = memoize(
  parse,
  (version) => JSON.stringify([version.label, version.text]),
  16,
);

async function parse(version: SpecVersion): Promise<ParsedSpec> {
  const lineCounter = new LineCounter();
  const document = parseDocument(version.text, { lineCounter });
  const yamlError = document.errors[0];
  // The first line says what and where; the rest is a drawing of the spot.
  const yamlMessage = yamlError?.message.split("\n")[0]?.replace(/:$/, "");
  if (yamlError) throw new SpecError(`${version.label} is not valid YAML: ${yamlMessage}`);
  const raw: unknown = document.toJS();
  if (!isObject(raw) || typeof raw.openapi !== "string") {
    throw new SpecError(`${version.label} is not an OpenAPI document: it has no \`openapi\` field`);
  }
  if (!raw.openapi.startsWith("3.0.")) {
    throw new SpecError(`${version.label} is OpenAPI ${raw.openapi}; openapi-diff reads OpenAPI 3.0.x only`);
  }
  let dereferenced: OpenAPIV3.Document;
  try {
    dereferenced = (await SwaggerParser.validate(structuredClone(raw) as never)) as OpenAPIV3.Document;
  } catch (error) {
    throw new SpecError(`${version.label} is not a valid OpenAPI 3.0 document: ${errorMessage(error)}`);
  }
  const info = isObject(raw.info) ? raw.info : {};
  return {
    label: version.label,
    missing: false,
    version: typeof info.version === "string" ? info.version : undefined,
    raw,
    dereferenced,
    lineOf: (path) => lineOf(document.contents, path, lineCounter),
  };
}

/** The spec that stands in for a side that has no file: no paths at all. */
export function emptySpec(label: string): ParsedSpec {
  const raw = { openapi: "3.0.3", info: { title: label, version: "0.0.0" }, paths: {} };
  return {
    label,
    missing: true,
    version: undefined,
    raw,
    dereferenced: structuredClone(raw),
    lineOf: () => undefined,
  };
}

export async function compareSpecs(base: ParsedSpec, head: ParsedSpec): Promise<Change[]> {
  const results = await runOpenapiDiff(base.dereferenced, head.dereferenced, base.label, head.label);
  const classified = await Promise.all(results.map((result) => changeOf(result, base, head)));
  const covered = classified.flatMap(({ path, side }) => coveredPaths(side === "base" ? base : head, path));
  // Against a missing side, every edit is the whole file: the classified changes say it all.
  const edits = (base.missing || head.missing ? [] : microdiff(base.raw, head.raw))
    .filter((edit) => !isVersionEdit(edit.path))
    .filter((edit) => isAnnotation(edit.path) || !covered.some((prefix) => startsWith(edit.path, prefix)))
    .map((edit): Change => {
      const path = edit.path.map(String);
      const side = edit.type === "REMOVE" ? base : head;
      const what = { CREATE: "added", REMOVE: "removed", CHANGE: "changed" }[edit.type];
      const values = edit.type === "CHANGE" ? `: ${preview(edit.oldValue)} → ${preview(edit.value)}` : "";
      return {
        type: "unclassified",
        code: `edit.${{ CREATE: "add", REMOVE: "remove", CHANGE: "change" }[edit.type]}`,
        summary: editSummary(edit.path, what, values),
        location: { file: side.label, line: side.lineOf(path), path: formatPath(path) },
      };
    });
  return [...classified.map(({ change }) => change), ...edits];
}

type DiffResult = openapiDiff.DiffResult<openapiDiff.DiffResultType>;

async function runOpenapiDiff(
  base: OpenAPIV3.Document,
  head: OpenAPIV3.Document,
  baseLabel: string,
  headLabel: string,
): Promise<DiffResult[]> {
  try {
    const outcome = await openapiDiff.diffSpecs({
      sourceSpec: { content: JSON.stringify(base), location: baseLabel, format: "openapi3" },
      destinationSpec: { content: JSON.stringify(head), location: headLabel, format: "openapi3" },
    });
    return [
      ...("breakingDifferences" in outcome ? outcome.breakingDifferences : []),
      ...outcome.nonBreakingDifferences,
      ...outcome.unclassifiedDifferences,
    ];
  } catch (error) {
    throw new SpecError(
      `openapi-diff could not compare ${baseLabel} with ${headLabel}: ${errorMessage(error)}`,
    );
  }
}

interface Classified {
  change: Change;
  path: string[];
  side: "base" | "head";
}

async function changeOf(result: DiffResult, base: ParsedSpec, head: ParsedSpec): Promise<Classified> {
  const inHead = result.destinationSpecEntityDetails[0];
  const detail = inHead ?? result.sourceSpecEntityDetails[0];
  const spec = inHead ? head : base;
  const path = splitLocation(spec.dereferenced, detail?.location ?? "");
  const change: Change = {
    type: result.type,
    code: result.code,
    summary: summarize(result, path, spec.dereferenced),
    location: { file: spec.label, line: spec.lineOf(path), path: formatPath(path) },
  };
  const added =
    result.code === "request.body.scope.remove" ? await newOptionalProperties(base, head, path) : [];
  if (added.length > 0) {
    const [, route = "", method = ""] = path;
    change.type = "non-breaking";
    change.summary = `request body of ${method.toUpperCase()} ${route}${operationIdAt(head.dereferenced, route, method)} gains optional ${added.length === 1 ? "property" : "properties"} ${added.join(", ")}`;
    change.correction = { from: result.type, reason: NEW_OPTIONAL_REQUEST_PROPERTY };
  }
  return { change, path, side: inHead ? "head" : "base" };
}

/**
 * The new optional properties, when they are all that narrowed the request body: the same diff, with
 * them taken out of the head, finds no narrowing. Otherwise none.
 */
async function newOptionalProperties(base: ParsedSpec, head: ParsedSpec, path: string[]): Promise<string[]> {
  const baseSchema = valueAtPath(base.dereferenced, path);
  const headSchema = structuredClone(valueAtPath(head.dereferenced, path));
  if (!isObject(baseSchema) || !isObject(headSchema)) return [];
  const removed = removeNewOptionalProperties(baseSchema, headSchema, "");
  if (removed.length === 0) return [];
  const patched = structuredClone(head.dereferenced);
  setAt(patched, path, headSchema);
  const again = await runOpenapiDiff(base.dereferenced, patched, base.label, head.label);
  const location = path.join(".");
  const stillNarrower = again.some(
    (r) => r.code === "request.body.scope.remove" && r.destinationSpecEntityDetails[0]?.location === location,
  );
  return stillNarrower ? [] : removed;
}

/** Deletes from `head` (in place) the properties it adds as optional; returns their dotted names. */
function removeNewOptionalProperties(
  base: Record<string, unknown>,
  head: Record<string, unknown>,
  prefix: string,
): string[] {
  const removed: string[] = [];
  const baseProperties = isObject(base.properties) ? base.properties : {};
  const required = Array.isArray(head.required) ? head.required : [];
  if (isObject(head.properties)) {
    for (const [name, schema] of Object.entries(head.properties)) {
      const before = baseProperties[name];
      if (before === undefined && !required.includes(name)) {
        delete head.properties[name];
        removed.push(prefix + name);
      } else if (isObject(before) && isObject(schema)) {
        removed.push(...removeNewOptionalProperties(before, schema, `${prefix}${name}.`));
      }
    }
  }
  for (const key of ["items", "additionalProperties"]) {
    const before = base[key];
    const after = head[key];
    if (isObject(before) && isObject(after)) {
      removed.push(
        ...removeNewOptionalProperties(before, after, `${prefix}${key === "items" ? "[]" : "*"}.`),
      );
    }
  }
  return removed;
}

function summarize(result: DiffResult, path: string[], spec: OpenAPIV3.Document): string {
  const [, route = "", method = "", , status = ""] = path;
  const operation = `${method.toUpperCase()} ${route}${operationIdAt(spec, route, method)}`;
  const action = result.action === "add" ? "added" : "removed";
  switch (result.entity) {
    case "path":
      return `path ${action}: ${route}${operationsOnPath(spec, route)}`;
    case "method":
      return `operation ${action}: ${operation}`;
    case "request.body.scope":
      return result.action === "add"
        ? `request body of ${operation} accepts more than before`
        : `request body of ${operation} accepts less than before: requests that were valid may be rejected`;
    case "response.body.scope":
      return result.action === "add"
        ? `${status} response of ${operation} can return bodies it could not before: clients may meet a shape they do not expect`
        : `${status} response of ${operation} returns a narrower set of bodies`;
    case "response.status-code":
      return `${operation}: ${status} response ${action}`;
    case "response.optional.header":
    case "response.required.header":
      return `${status} response of ${operation}: ${result.entity.split(".")[1]} header ${path.at(-1)} ${action}`;
    default:
      return `extension ${path.join(".") || "(top level)"} ${action}`;
  }
}

function operationIdAt(spec: OpenAPIV3.Document, route: string, method: string): string {
  const operation = valueAtPath(spec, ["paths", route, method]);
  return isObject(operation) && typeof operation.operationId === "string"
    ? ` (${operation.operationId})`
    : "";
}

function operationsOnPath(spec: OpenAPIV3.Document, route: string): string {
  const item = valueAtPath(spec, ["paths", route]);
  if (!isObject(item)) return "";
  const names = Object.keys(item)
    .filter((key) => METHODS.has(key))
    .map((method) => `${method.toUpperCase()}${operationIdAt(spec, route, method)}`);
  return names.length > 0 ? ` [${names.join(", ")}]` : "";
}

/** Splits openapi-diff's dotted location into keys, matching the document's own keys (which may hold dots). */
function splitLocation(root: unknown, location: string): string[] {
  const keys: string[] = [];
  let node = root;
  let rest = location;
  while (rest !== "" && isObject(node)) {
    const key = Object.keys(node)
      .filter((k) => rest === k || rest.startsWith(`${k}.`))
      .sort((a, b) => b.length - a.length)[0];
    if (key === undefined) break;
    keys.push(key);
    node = node[key];
    rest = rest.slice(key.length + 1);
  }
  return keys;
}

/** The paths a classified change accounts for: its own place, and every component it reaches by $ref. */
function coveredPaths(spec: ParsedSpec, path: string[]): string[][] {
  // The raw document holds the path up to the first $ref; what lies behind it is reached below.
  let node: unknown = spec.raw;
  const own: string[] = [];
  for (const key of path) {
    if (!isObject(node) || !(key in node)) break;
    own.push(key);
    node = node[key];
  }
  const reached = new Set<string>();
  collectRefs(spec.raw, node, reached);
  return [own, ...[...reached].map(pointerToPath)];
}

function collectRefs(root: Record<string, unknown>, node: unknown, seen: Set<string>): void {
  if (Array.isArray(node)) for (const item of node) collectRefs(root, item, seen);
  if (!isObject(node)) return;
  const ref = node.$ref;
  if (typeof ref === "string" && ref.startsWith("#/") && !seen.has(ref)) {
    seen.add(ref);
    collectRefs(root, valueAtPath(root, pointerToPath(ref)), seen);
  }
  for (const value of Object.values(node)) collectRefs(root, value, seen);
}

function pointerToPath(ref: string): string[] {
  return ref
    .slice(2)
    .split("/")
    .map((part) => decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~"));
}

function annotationIndex(path: readonly (string | number)[]): number {
  return path.findIndex((key, i) => ANNOTATIONS.has(String(key)) && path[i - 1] !== "properties");
}

function isAnnotation(path: readonly (string | number)[]): boolean {
  return annotationIndex(path) >= 0;
}

/** `description`, `example "two-tags"` …, or undefined for an edit that is not documentation. */
function annotationName(path: readonly (string | number)[]): string | undefined {
  const i = annotationIndex(path);
  if (i < 0) return undefined;
  const next = path[i + 1];
  return path[i] === "examples" && next !== undefined ? `example "${next}"` : String(path[i]);
}

/** `description changed: "old" → "new"`, `example "two-tags" added`, `parameters[3] added (…)`. */
function editSummary(path: readonly (string | number)[], what: string, values: string): string {
  const annotation = annotationName(path);
  return annotation
    ? `${annotation} ${what}${values}`
    : `${lastKey(path)} ${what} (openapi-diff does not compare it)${values}`;
}

/** `servers`, `parameters[3]` … */
function lastKey(path: readonly (string | number)[]): string {
  const last = String(path.at(-1));
  return /^\d+$/.test(last) ? `${String(path.at(-2))}[${last}]` : last;
}

function isVersionEdit(path: readonly (string | number)[]): boolean {
  return path.length === 2 && path[0] === "info" && path[1] === "version";
}

function startsWith(path: readonly (string | number)[], prefix: readonly string[]): boolean {
  return prefix.length > 0 && prefix.every((key, i) => String(path[i]) === key);
}

/** `paths["/v1/{project_id}/image"].put.requestBody.content["application/json"]` */
export function formatPath(path: readonly string[]): string {
  return path
    .map((key, i) => {
      if (/^\d+$/.test(key)) return `[${key}]`;
      return /^[A-Za-z_$][\w$]*$/.test(key) ? `${i === 0 ? "" : "."}${key}` : `[${JSON.stringify(key)}]`;
    })
    .join("");
}

function lineOf(node: unknown, path: readonly string[], counter: LineCounter): number | undefined {
  let current = node as Node | null | undefined;
  let line: number | undefined;
  for (const key of path) {
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) break;
      const offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      if (offset !== undefined) line = counter.linePos(offset).line;
      current = pair.value as Node | null;
    } else if (isSeq(current)) {
      const item = current.items[Number(key)] as Node | undefined;
      if (!item) break;
      const offset = item.range?.[0];
      if (offset !== undefined) line = counter.linePos(offset).line;
      current = item;
    } else break;
  }
  return line;
}

function valueAtPath(root: unknown, path: readonly string[]): unknown {
  let node = root;
  for (const key of path) {
    if (!isObject(node)) return undefined;
    node = node[key];
  }
  return node;
}

function setAt(root: object, path: readonly string[], value: unknown): void {
  const parent = valueAtPath(root, path.slice(0, -1));
  const last = path.at(-1);
  if (isObject(parent) && last !== undefined) parent[last] = value;
}

function preview(value: unknown): string {
  const text = (typeof value === "string" ? value : (JSON.stringify(value) ?? String(value))).replace(
    /\s+/g,
    " ",
  );
  const short = text.length > 50 ? `${text.slice(0, 47).trim()}...` : text.trim();
  return typeof value === "string" ? JSON.stringify(short) : short;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
