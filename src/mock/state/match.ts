// Whether a stored value fits what a search request gives, by the match's rule (search.ts says each).
import { isGiven, isObject } from "./values.js";

export interface MatchRule {
  rule?: "contains" | "any" | "range";
  bounds?: readonly [string, string];
}

export function fits(stored: unknown, wanted: unknown, match: MatchRule): boolean {
  if (!isGiven(wanted)) return true;
  if (match.rule === "range") return perKey(stored, wanted, (s, w) => inRange(s, w, match.bounds));
  if (match.rule === "any") return isObject(wanted) ? perKey(stored, wanted, anyOf) : anyOf(stored, wanted);
  return contains(stored, wanted);
}

/** Every given key of the request's object fits the stored object's value of that key. */
function perKey(stored: unknown, wanted: unknown, fitsOne: (s: unknown, w: unknown) => boolean): boolean {
  if (!isObject(wanted)) return false;
  return (
    isObject(stored) &&
    Object.entries(wanted).every(([k, w]) => Object.hasOwn(stored, k) && fitsOne(stored[k], w))
  );
}

/** One of a list: the stored value (or one of its elements) is one of the request's values. */
function anyOf(stored: unknown, wanted: unknown): boolean {
  const values = Array.isArray(wanted) ? wanted : [wanted];
  const held = Array.isArray(stored) ? stored : [stored];
  return held.some((value) => values.includes(value));
}

function inRange(stored: unknown, wanted: unknown, bounds: readonly [string, string] | undefined): boolean {
  if (typeof stored !== "number" || !isObject(wanted) || !bounds) return false;
  const [lower, upper] = [wanted[bounds[0]], wanted[bounds[1]]];
  return (typeof lower !== "number" || stored >= lower) && (typeof upper !== "number" || stored <= upper);
}

/** Objects: every given key with the given value; arrays: every given element; else equal. */
function contains(stored: unknown, wanted: unknown): boolean {
  if (isObject(wanted)) {
    return (
      isObject(stored) &&
      Object.entries(wanted).every(([k, v]) => Object.hasOwn(stored, k) && stored[k] === v)
    );
  }
  if (Array.isArray(wanted)) return Array.isArray(stored) && wanted.every((v) => stored.includes(v));
  return stored === wanted;
}
