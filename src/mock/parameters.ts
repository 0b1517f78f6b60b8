// A parameter's value as a request carries it, read back the way OpenAPI serialises it (the client's
// query.ts and request.ts write it): a list from repeated query keys or from `a,b`, an object from
// `name[key]=` or `k,v`; and the typed readings of that text a validator may want.
import type { ParameterContract } from "../../generated/shared-types.js";
import type { Call } from "./types.js";

/** The value sent for a parameter other than a path one, as text; `undefined` when it was not sent. */
export function sentValue(p: ParameterContract, call: Call): unknown {
  if (p.json) return jsonValue(p.in === "query" ? (call.query.get(p.name) ?? undefined) : textOf(p, call));
  if (p.in === "header") return listed(p, call.header(p.name.toLowerCase()));
  if (p.in === "cookie") return listed(p, cookieValue(call.header("cookie"), p.name));
  if (p.shape === "array") return queryList(p, call.query);
  if (p.shape === "object") return queryObject(p, call.query);
  return call.query.get(p.name) ?? undefined;
}

/** A header's or cookie's text as sent. */
function textOf(p: ParameterContract, call: Call): string | undefined {
  return p.in === "header" ? call.header(p.name.toLowerCase()) : cookieValue(call.header("cookie"), p.name);
}

/** JSON text read back to its value; text that is no JSON stays text, for the validator to refuse. */
export function jsonValue(text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * A path parameter's value from its decoded segment, read by its style: `simple` (`a,b`), `label`
 * (`.a.b` exploded, `.a,b` not) or `matrix` (`;id=a;id=b` exploded, `;id=a,b` not).
 */
export function pathValue(p: ParameterContract, segment: string): unknown {
  if (p.json) return jsonValue(segment);
  const style = p.style ?? "simple";
  const explode = p.explode ?? false;
  if (style === "label") return labelled(p, segment.startsWith(".") ? segment.slice(1) : segment, explode);
  if (style === "matrix") return matrixValue(p, segment, explode);
  return listed(p, segment);
}

function labelled(p: ParameterContract, text: string, explode: boolean): unknown {
  if (p.shape === undefined) return text;
  const parts = text.split(explode ? "." : ",");
  if (p.shape === "array") return parts;
  return pairs(explode ? parts.flatMap((part) => part.split("=")) : parts);
}

function matrixValue(p: ParameterContract, segment: string, explode: boolean): unknown {
  const entries = segment.split(";").filter(Boolean);
  const prefix = `${p.name}=`;
  if (p.shape === "object" && explode)
    return Object.fromEntries(entries.map((e) => e.split("=") as [string, string]));
  const values = entries.filter((e) => e.startsWith(prefix)).map((e) => e.slice(prefix.length));
  if (p.shape === "array") return explode ? values : (values[0] ?? "").split(",");
  if (p.shape === "object") return pairs((values[0] ?? "").split(","));
  return values[0] ?? segment;
}

/** A header's or cookie's text, split as `simple` style lists and objects are. */
function listed(p: ParameterContract, text: string | undefined): unknown {
  if (text === undefined || p.shape === undefined) return text;
  const parts = text.split(",");
  if (p.shape === "array") return parts;
  return pairs(p.explode ? parts.flatMap((part) => part.split("=")) : parts);
}

function queryList(p: ParameterContract, query: URLSearchParams): string[] | undefined {
  const all = query.getAll(p.name);
  if (all.length === 0) return undefined;
  const style = p.style ?? "form";
  if (p.explode ?? style === "form") return all;
  const separator = style === "spaceDelimited" ? " " : style === "pipeDelimited" ? "|" : ",";
  return all.flatMap((value) => value.split(separator));
}

function queryObject(p: ParameterContract, query: URLSearchParams): Record<string, string> | undefined {
  const style = p.style ?? "form";
  if (style === "deepObject") {
    const prefix = `${p.name}[`;
    const entries = [...query].filter(([key]) => key.startsWith(prefix) && key.endsWith("]"));
    return entries.length === 0
      ? undefined
      : Object.fromEntries(entries.map(([k, v]) => [k.slice(prefix.length, -1), v]));
  }
  if (!(p.explode ?? true)) {
    const text = query.get(p.name);
    return text === null ? undefined : pairs(text.split(","));
  }
  // Exploded, an object's fields are query parameters of their own: every one the request has.
  const entries = [...query];
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}

function pairs(parts: string[]): Record<string, string> {
  const object: Record<string, string> = {};
  for (let i = 0; i + 1 < parts.length; i += 2) object[parts[i] as string] = parts[i + 1] as string;
  return object;
}

/** The value of the cookie `name` in a Cookie header. */
export function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const cookie of (header ?? "").split(/;\s*/)) {
    const at = cookie.indexOf("=");
    if (at > 0 && cookie.slice(0, at) === name)
      return safeDecode(cookie.slice(at + 1)) ?? cookie.slice(at + 1);
  }
  return undefined;
}

/**
 * The readings of a value sent as text that a validator may accept: the text itself, then numbers and
 * booleans parsed (`5`, `true`), in lists and objects too.
 */
export function typedReadings(value: unknown): unknown[] {
  const typed = retyped(value);
  return JSON.stringify(typed) === JSON.stringify(value) ? [value] : [value, typed];
}

function retyped(value: unknown): unknown {
  if (typeof value === "string") return scalar(value);
  if (Array.isArray(value)) return value.map(retyped);
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, retyped(v)]));
  }
  return value;
}

/** Text that reads as a JSON number or boolean, parsed; any other text as it is. */
function scalar(raw: string): unknown {
  return /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false)$/.test(raw) ? JSON.parse(raw) : raw;
}

export function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
