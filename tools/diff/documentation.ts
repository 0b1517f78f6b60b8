// The info changes: what documents the contract (descriptions, summaries, examples, `x-` extensions)
// and what no operation uses (servers, tags, components no operation refers to). They never break or
// widen the contract, so they are listed once each, where they are written, and left out of the
// changelog. Everything an operation uses is judged by the operation walk instead.
import { keysOf } from "../../src/client/json-pointer.js";
import { type Change, documentChange, type Finding } from "./change.js";
import { below, deepEqual, isAnnotation } from "./located.js";
import { COMPONENT, describePlace } from "./places.js";
import { reachableComponents } from "./reachable.js";
import type { RuleId } from "./rules.js";
import { isRecord, type ParsedSpec } from "./spec-version.js";

interface DocumentWalk {
  base: ParsedSpec;
  head: ParsedSpec;
  /** The components an operation uses, in either version: the operation walk judges them. */
  used: Set<string>;
  found: Finding[];
  /** The places already reported as edited, so that a unit is named once. */
  units: Set<string>;
}

export function documentationChanges(base: ParsedSpec, head: ParsedSpec): Change[] {
  if (base.missing || head.missing) return [];
  const used = new Set([...reachableComponents(base), ...reachableComponents(head)]);
  const walk: DocumentWalk = { base, head, used, found: [], units: new Set() };
  compareObjects(walk, base.raw, head.raw, "", false);
  // Each is named by the object it belongs to: `schema ImageTags: description edited`.
  return walk.found.map((finding) => {
    const place = describePlace(parentOf(finding.at.pointer), finding.at.spec);
    return documentChange(place.operation, place.location, { ...finding, field: place.field });
  });
}

// Keys whose value is a map of names to objects: their keys are names, never keywords.
const NAME_MAPS = new Set([
  "paths",
  "properties",
  "responses",
  "content",
  "headers",
  "callbacks",
  "encoding",
  "variables",
]);
// Data of the contract: judged by the operation walk, never read as documentation.
const CONTRACT_DATA = new Set(["enum", "default", "required", "security"]);

function compareObjects(walk: DocumentWalk, a: unknown, b: unknown, pointer: string, names: boolean): void {
  if (deepEqual(a, b)) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    compareLists(walk, a, b, pointer);
    return;
  }
  if (!isRecord(a) || !isRecord(b)) {
    edited(walk, pointer, a, b);
    return;
  }
  for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const [from, to, at] = [a[key], b[key], below(pointer, key)];
    if (deepEqual(from, to)) continue;
    if (names) compareNamed(walk, from, to, at);
    else if (at === "/info/version" || CONTRACT_DATA.has(key)) continue;
    // The groups of components (schemas, examples …) map names to components.
    else if (pointer === "/components") compareObjects(walk, from ?? {}, to ?? {}, at, true);
    else if (key === "examples") compareExamples(walk, from, to, at);
    else if (isAnnotation(key)) annotation(walk, key, from, to, at);
    else if (key === "servers" || from === undefined || to === undefined) edited(walk, at, from, to);
    else compareObjects(walk, from, to, at, NAME_MAPS.has(key));
  }
}

/** A named object (a path, a property, a component …): added or removed, or compared. */
function compareNamed(walk: DocumentWalk, from: unknown, to: unknown, at: string): void {
  if (at.startsWith("/components/examples/")) example(walk, from, to, at, `example ${keysOf(at)[2]}`);
  else if (from === undefined || to === undefined) edited(walk, at, from, to);
  else compareObjects(walk, from, to, at, false);
}

/** Lists pair their members by what names them (`$ref`, `in` and `name`, or `name`), else by position. */
function compareLists(walk: DocumentWalk, a: unknown[], b: unknown[], pointer: string): void {
  const keyOf = (item: unknown, i: number) =>
    isRecord(item)
      ? String(item.$ref ?? (item.name !== undefined ? `${String(item.in)} ${String(item.name)}` : i))
      : String(i);
  const before = new Map(a.map((item, i) => [keyOf(item, i), i]));
  b.forEach((item, i) => {
    const j = before.get(keyOf(item, i));
    if (j !== undefined) compareObjects(walk, a[j], item, below(pointer, i), false);
    else edited(walk, below(pointer, i), undefined, item);
  });
  const after = new Set(b.map(keyOf));
  a.forEach((item, j) => {
    if (!after.has(keyOf(item, j))) edited(walk, below(pointer, j), item, undefined);
  });
}

function compareExamples(walk: DocumentWalk, from: unknown, to: unknown, at: string): void {
  const [a, b] = [isRecord(from) ? from : {}, isRecord(to) ? to : {}];
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    example(walk, a[name], b[name], below(at, name), `example ${JSON.stringify(name)}`);
  }
}

function example(walk: DocumentWalk, from: unknown, to: unknown, at: string, name: string): void {
  if (!deepEqual(from, to)) push(walk, "example-edited", `${name} ${verb(from, to)}`, at, to === undefined);
}

function annotation(walk: DocumentWalk, key: string, from: unknown, to: unknown, at: string): void {
  if (key === "example") {
    example(walk, from, to, at, "example");
    return;
  }
  const rule: RuleId = key.startsWith("x-") ? "extension-edited" : "description-edited";
  const what = key.startsWith("x-") ? `extension ${key} ${verb(from, to)}` : `${key} ${verb(from, to)}`;
  push(walk, rule, what, at, to === undefined);
}

/**
 * A change to anything else: judged by the operation walk when an operation uses it; otherwise an
 * info change, named once for its unit (a component, a top-level field, a server list).
 */
function edited(walk: DocumentWalk, pointer: string, from: unknown, to: unknown): void {
  const keys = keysOf(pointer);
  const serversAt = keys.indexOf("servers");
  if (serversAt < 0 && (keys[0] === "paths" || walk.used.has(unitOf(keys).pointer))) return;
  const unit = serversAt >= 0 ? keys.slice(0, serversAt + 1) : unitOf(keys).keys;
  const unitPointer = unit.reduce((p, key) => below(p, key), "");
  if (walk.units.has(unitPointer)) return;
  walk.units.add(unitPointer);
  const whole = unitPointer === pointer;
  const name = unit[0] === "components" ? `${COMPONENT[unit[1] ?? ""] ?? unit[1]} ${unit[2]}` : unit.at(-1);
  const what = `${name} ${whole ? verb(from, to) : "edited"}`;
  push(
    walk,
    unit[0] === "components" ? "component-edited" : "document-edited",
    what,
    unitPointer,
    whole && to === undefined,
  );
}

function parentOf(pointer: string): string {
  return pointer.slice(0, pointer.lastIndexOf("/"));
}

/** What a change outside the operations is named by: a component, or a top-level field (of info, one of its own). */
function unitOf(keys: string[]): { keys: string[]; pointer: string } {
  const length = keys[0] === "components" ? 3 : keys[0] === "info" ? 2 : 1;
  const unit = keys.slice(0, length);
  return { keys: unit, pointer: unit.reduce((p, key) => below(p, key), "") };
}

function verb(from: unknown, to: unknown): string {
  return from === undefined ? "added" : to === undefined ? "removed" : "edited";
}

function push(walk: DocumentWalk, rule: RuleId, what: string, pointer: string, removed: boolean): void {
  walk.found.push({ rule, field: [], what, at: { spec: removed ? walk.base : walk.head, pointer } });
}
