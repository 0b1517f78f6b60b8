// Values of a spec with the JSON pointer of where each is written: `$ref`s are followed to the place
// they name (so a change is placed where its text is), and two values are compared for what clients
// see of them, leaving documentation out.
import { escapeSegment, keysOf } from "../../src/client/json-pointer.js";
import { isRecord, type ParsedSpec } from "./spec-version.js";

export interface Located {
  value: unknown;
  pointer: string;
}

/** The pointer of `keys` below `pointer`. */
export function below(pointer: string, ...keys: (string | number)[]): string {
  return pointer + keys.map((key) => `/${escapeSegment(String(key))}`).join("");
}

export function valueAt(root: unknown, pointer: string): unknown {
  let node = root;
  for (const key of keysOf(pointer)) {
    if (Array.isArray(node)) node = node[Number(key)];
    else if (isRecord(node)) node = node[key];
    else return undefined;
  }
  return node;
}

/** The value at `keys` below a located value, located. */
export function at(located: Located, ...keys: (string | number)[]): Located {
  let value = located.value;
  for (const key of keys) value = isRecord(value) || Array.isArray(value) ? (value as never)[key] : undefined;
  return { value, pointer: below(located.pointer, ...keys) };
}

/** The value a `$ref` (or a chain of them) leads to, and its place; a ref outside the document stays. */
export function resolve(spec: ParsedSpec, located: Located): Located {
  let current = located;
  for (let hops = 0; hops < 32; hops += 1) {
    const ref = isRecord(current.value) ? current.value.$ref : undefined;
    if (typeof ref !== "string" || !ref.startsWith("#")) return current;
    const pointer = decodeURIComponent(ref.slice(1));
    current = { value: valueAt(spec.raw, pointer), pointer };
  }
  return current;
}

/** Keywords and fields that only document: a change to them is info, never a contract change. */
export function isAnnotation(key: string): boolean {
  return ANNOTATIONS.has(key) || key.startsWith("x-");
}
const ANNOTATIONS = new Set([
  "description",
  "summary",
  "title",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "tags",
  "links",
]);

// Keys whose value maps names to objects: their keys are names, never keywords.
const NAME_MAPS = new Set([
  "properties",
  "patternProperties",
  "paths",
  "responses",
  "content",
  "headers",
  "schemas",
  "parameters",
  "requestBodies",
  "securitySchemes",
  "callbacks",
  "encoding",
  "variables",
]);
/**
 * Whether two located values mean the same to clients: `$ref`s followed on each side, documentation
 * left out, data (enums, defaults) compared as written. A pair met again (a recursive schema) counts
 * as the same, since its first meeting decides.
 */
export function sameContract(
  base: ParsedSpec,
  a: Located,
  head: ParsedSpec,
  b: Located,
  seen = new Set<string>(),
): boolean {
  const left = resolve(base, a);
  const right = resolve(head, b);
  if (left.value === undefined || right.value === undefined) return left.value === right.value;
  const key = `${left.pointer}|${right.pointer}`;
  if (seen.has(key)) return true;
  seen.add(key);
  return same(base, left, head, right, false, seen);
}

/** `names`: the values map names to objects (properties, responses …), so no key is a keyword. */
function same(
  base: ParsedSpec,
  a: Located,
  head: ParsedSpec,
  b: Located,
  names: boolean,
  seen: Set<string>,
): boolean {
  if (Array.isArray(a.value) || Array.isArray(b.value)) {
    return (
      Array.isArray(a.value) &&
      Array.isArray(b.value) &&
      a.value.length === b.value.length &&
      a.value.every((_, i) => sameContract(base, at(a, i), head, at(b, i), seen))
    );
  }
  if (!isRecord(a.value) || !isRecord(b.value)) return deepEqual(a.value, b.value);
  for (const key of new Set([...Object.keys(a.value), ...Object.keys(b.value)])) {
    const [left, right] = [at(a, key), at(b, key)];
    const equal = names
      ? sameContract(base, left, head, right, seen)
      : isAnnotation(key) ||
        (SETS.has(key)
          ? sameSet(left.value, right.value)
          : key === "default"
            ? deepEqual(left.value, right.value)
            : NAME_MAPS.has(key) && !Array.isArray(left.value)
              ? left.value === right.value || same(base, left, head, right, true, seen)
              : sameContract(base, left, head, right, seen));
    if (!equal) return false;
  }
  return true;
}

// Data whose order means nothing.
const SETS = new Set(["enum", "required"]);

/** Two lists with the same members, in any order (or two equal values that are not lists). */
export function sameSet(a: unknown, b: unknown): boolean {
  if (!Array.isArray(a) || !Array.isArray(b)) return deepEqual(a, b);
  return a.length === b.length && a.every((item) => b.some((other) => deepEqual(item, other)));
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, i) => deepEqual(item, b[i]));
  }
  if (!isRecord(a) || !isRecord(b)) return false;
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((key) => key in b && deepEqual(a[key], b[key]));
}
