// The value a JSON pointer names, as the mocks read a field at fault; the pointers themselves are the
// client's (src/client/json-pointer.ts).
import { keysOf } from "../client/json-pointer.js";

/** The value the pointer names in `data`, or `undefined` when there is none. */
export function valueAt(data: unknown, pointer: string): unknown {
  let value = data;
  for (const key of keysOf(pointer)) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
