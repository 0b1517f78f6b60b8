// A declared search (the mock's rules, not a provider's: it cannot compare what the provider compares).
// - match: an item matches when, for each pair, its field contains the request's value (an object:
//   every given key with the given value; an array: every given element; else equal). A request value
//   that gives nothing filters nothing.
// - rank: the item whose field equals the request's value comes first with score 1, the other matches
//   follow with 0; a request that gives one of `overriddenBy` names no item, so every match scores 0;
//   with neither, every match scores 1. Ties keep the order in which the items were first stored.
// - page: `offset` and `limit` (the request's, else the spec's defaults) cut the page out of the
//   matches; `total` is the number of matches before that cut.
// A request that gives no match, rank or overriddenBy value at all is refused as `empty`.
import type { StatefulOperation } from "../types.js";
import { type Context, type Outcome, placeOf, type StatefulRequest } from "./context.js";
import { isGiven, isObject, project, setAt, valueAt } from "./values.js";

export function searchPage(
  _ctx: Context,
  _id: string,
  op: StatefulOperation,
  request: StatefulRequest,
): Outcome {
  const search = op.search;
  if (!search) return { error: "empty" };
  const place = placeOf(_ctx, op, request);
  if ("error" in place) return place;
  const given = (pointer: string) => valueAt(request.body, pointer);
  const { rank } = search;
  const byRank = rank ? [rank.request, ...rank.overriddenBy].some((p) => isGiven(given(p))) : false;
  const terms = [
    ...search.match.map((m) => m.request),
    ...(rank ? [rank.request, ...rank.overriddenBy] : []),
  ];
  if (!terms.some((p) => isGiven(given(p)))) return { error: "empty" };
  const same = rank && !rank.overriddenBy.some((p) => isGiven(given(p))) ? given(rank.request) : undefined;
  const matches: Record<string, unknown>[] = [];
  for (const { value } of place.scope?.collections.get(place.collection)?.values() ?? []) {
    if (!search.match.every((m) => contains(valueAt(value, m.item), given(m.request)))) continue;
    const first = rank !== undefined && isGiven(same) && valueAt(value, rank.item) === same;
    const result = { ...value };
    if (rank) setAt(result, rank.score, !byRank || first ? 1 : 0);
    const shown = project(result, search.result) as Record<string, unknown>;
    if (first) matches.unshift(shown);
    else matches.push(shown);
  }
  const offset = numberAt(request.body, search.page.offset) ?? search.page.defaultOffset;
  const limit = numberAt(request.body, search.page.limit) ?? search.page.defaultLimit;
  const body = {};
  if (search.total) setAt(body, search.total, matches.length);
  setAt(body, search.results, matches.slice(offset, offset + limit));
  return { body };
}

/** Whether a stored value contains what the request gives (see the rules above). */
function contains(stored: unknown, wanted: unknown): boolean {
  if (!isGiven(wanted)) return true;
  if (isObject(wanted)) {
    return (
      isObject(stored) &&
      Object.entries(wanted).every(([k, v]) => Object.hasOwn(stored, k) && stored[k] === v)
    );
  }
  if (Array.isArray(wanted)) return Array.isArray(stored) && wanted.every((v) => stored.includes(v));
  return stored === wanted;
}

function numberAt(body: unknown, pointer: string | undefined): number | undefined {
  const value = pointer === undefined ? undefined : valueAt(body, pointer);
  return typeof value === "number" ? value : undefined;
}
