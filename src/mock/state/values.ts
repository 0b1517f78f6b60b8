// JSON values as the stateful mock reads and writes them: by JSON pointer, cut down to the properties
// a schema declares, and whether a request gave anything at all.
import { keysOf } from "../../client/json-pointer.js";
import { valueAt } from "../pointer.js";
import type { StateShape } from "../types.js";

export { valueAt };

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Sets the value at a pointer, making the objects on the way; the root pointer is not settable. */
export function setAt(target: Record<string, unknown>, pointer: string, value: unknown): void {
  const keys = keysOf(pointer);
  const last = keys.pop();
  if (last === undefined) return;
  let at = target;
  for (const key of keys) {
    const next = at[key];
    const object: Record<string, unknown> = isObject(next) ? next : {};
    at[key] = object;
    at = object;
  }
  at[last] = value;
}

/** The value with only the properties the shape declares, at every depth. */
export function project(value: unknown, shape: StateShape): unknown {
  if (shape.items && Array.isArray(value)) return value.map((v) => project(v, shape.items as StateShape));
  if (!shape.properties || !isObject(value)) return value;
  const kept: Record<string, unknown> = {};
  for (const [name, child] of Object.entries(shape.properties)) {
    if (Object.hasOwn(value, name)) kept[name] = project(value[name], child);
  }
  return kept;
}

/** Whether a request value gives something: not absent, null, "", {} or []. */
export function isGiven(value: unknown): boolean {
  if (value === undefined || value === null || value === "") return false;
  if (Array.isArray(value)) return value.length > 0;
  return !isObject(value) || Object.keys(value).length > 0;
}

/** A deep copy of a JSON value, so that nothing the caller holds shares the store's objects. */
export function copy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}
