// A form's fields, all text on the wire, read as the body's schema types them: the validator names
// each field of the wrong type, and the text is read again as that type (a number, a boolean, a list,
// an object in JSON, as OpenAPI encodes a form's object fields) until it finds none left to read.
import type { Validate } from "../../generated/shared-types.js";
import { keysOf } from "../client/json-pointer.js";
import { valueAt } from "./pointer.js";

/** The fields typed as the schema reads them; a field no type reading fits stays as it came. */
export function typedForm(validate: Validate, fields: Record<string, unknown>): Record<string, unknown> {
  const typed = structuredClone(fields);
  // Each pass types one more value (the validator reports its first issue), or stops: a value is
  // typed at most twice (made a list, then its items), so the passes are bounded.
  const passes = 2 * countValues(typed) + 1;
  for (let pass = 0; pass < passes; pass++) {
    if (validate(typed)) break;
    const issue = validate.errors?.[0];
    if (issue?.keyword !== "type") break;
    const read = readAs(valueAt(typed, issue.instancePath), String(issue.params.type ?? ""));
    if (read === undefined || !setAt(typed, issue.instancePath, read.value)) break;
  }
  return typed;
}

/** The text (or a lone value, for a list) read as one of the types, if it reads as one. */
function readAs(value: unknown, types: string): { value: unknown } | undefined {
  for (const type of types.split(",")) {
    if (type === "array" && !Array.isArray(value)) return { value: [value] };
    if (typeof value !== "string") continue;
    if ((type === "integer" || type === "number") && /^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(value)) {
      return { value: Number(value) };
    }
    if (type === "boolean" && (value === "true" || value === "false")) return { value: value === "true" };
    if (type === "object" && value.startsWith("{")) {
      try {
        return { value: JSON.parse(value) };
      } catch {}
    }
  }
  return undefined;
}

/** Sets the value the pointer names; `false` when the pointer names nothing that can be set. */
function setAt(data: Record<string, unknown>, pointer: string, value: unknown): boolean {
  const keys = keysOf(pointer);
  const last = keys.pop();
  const parent = keys.length === 0 ? data : valueAt(data, `/${keys.map(escaped).join("/")}`);
  if (last === undefined || typeof parent !== "object" || parent === null) return false;
  (parent as Record<string, unknown>)[last] = value;
  return true;
}

function escaped(key: string): string {
  return key.replace(/~/g, "~0").replace(/\//g, "~1");
}

function countValues(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countValues(item), 1);
  if (typeof value === "object" && value !== null) {
    return Object.values(value).reduce((sum: number, item) => sum + countValues(item), 1);
  }
  return 1;
}
