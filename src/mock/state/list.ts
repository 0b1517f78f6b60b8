// A list (inferred: GET on a collection path): the items of the collection, filtered by the query
// parameters named as stored fields, then cut by `offset` and `limit` when the operation has them.
import type { StatefulOperation } from "../types.js";
import { type Context, type Outcome, placeOf, type StatefulRequest } from "./context.js";
import { successTemplate } from "./items.js";
import { isObject, setAt, valueAt } from "./values.js";

export function listPage(
  ctx: Context,
  operationId: string,
  op: StatefulOperation,
  request: StatefulRequest,
): Outcome {
  const place = placeOf(ctx, op, request);
  if ("error" in place) return place;
  const list = op.list ?? { at: "", filters: {} };
  const query = request.query ?? new URLSearchParams();
  const wanted = Object.entries(list.filters).map(([name, field]) => [field, valuesOf(query, name)] as const);
  const items = [...(place.scope?.collections.get(place.collection)?.values() ?? [])]
    .map((item) => item.value)
    .filter((value) =>
      wanted.every(([field, values]) => values.length === 0 || matches(valueAt(value, field), values)),
    );
  const offset = numberOf(query, list.offset) ?? 0;
  const limit = numberOf(query, list.limit) ?? items.length;
  const page = items.slice(offset, offset + limit);
  if (list.at === "") return { body: page };
  const template = successTemplate(ctx, operationId, op);
  const body = isObject(template) ? template : {};
  setAt(body, list.at, page);
  return { body };
}

/** A query parameter's values: repeated, or one comma-separated value (OpenAPI's form style). */
function valuesOf(query: URLSearchParams, name: string): string[] {
  return query.getAll(name).flatMap((value) => value.split(","));
}

/** Whether a stored field (a value, or an array of them) holds one of the wanted values. */
function matches(stored: unknown, values: readonly string[]): boolean {
  const held = Array.isArray(stored) ? stored : [stored];
  return held.some((value) => (typeof value === "object" ? false : values.includes(String(value))));
}

function numberOf(query: URLSearchParams, name: string | undefined): number | undefined {
  const raw = name === undefined ? null : query.get(name);
  const value = raw === null ? Number.NaN : Number(raw);
  return Number.isInteger(value) && value >= 0 ? value : undefined;
}
