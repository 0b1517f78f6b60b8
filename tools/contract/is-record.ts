// The one kind of value the contract's cases step into: a JSON object. Pointers are src/mock/pointer.ts's.

/** A JSON object: not null, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
