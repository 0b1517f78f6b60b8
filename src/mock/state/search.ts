// A declared search (the mock's rules, not a provider's: it cannot compare what the provider compares).
// - match: an item matches when, for each pair, its field fits the request's value by the pair's rule:
//   `contains` (the default: an object, every given key with the given value; an array, every given
//   element; else equal), `any` (an object, per given key; a list, one element held or equal; else
//   equal) or `range` (per given key, a number within the request's two bounds, each inclusive and
//   optional). A request value that gives nothing filters nothing.
// - rank: the item whose field equals the request's value comes first with score 1, the other matches
//   follow with 0; a request that gives one of `overriddenBy` names no item, so every match scores 0;
//   with neither, every match scores 1. Ties keep the order in which the items were first stored.
//   `minScore` drops the matches that score below the request's value.
// - page: `offset` and `limit` (the request's, else the spec's defaults) cut the page out of the
//   matches, after the item `after` names (a cursor) when the request gives one (none, if no match
//   is that item); `total` is the number
//   of matches before that cut, `returned` the page's, and `next` gets the page's last result when
//   more matches follow it.
// A request that gives no match, rank or overriddenBy value at all is refused as `empty`.
// A delete that declares a search removes the page of matches and answers as the search does.
import type { StateError, StatefulOperation } from "../types.js";
import { type Context, type Outcome, placeOf, type StatefulRequest } from "./context.js";
import { fits } from "./match.js";
import type { Scope } from "./store.js";
import { isGiven, project, setAt, valueAt } from "./values.js";

/** One match: its key in the collection and the result it shows. */
export interface Match {
  key: string;
  result: Record<string, unknown>;
}

/** What a search finds: the page of matches, where they are, and the answer that shows them. */
export interface Found {
  scope: Scope | undefined;
  collection: string;
  page: Match[];
  body: Record<string, unknown>;
}

export function searchPage(
  ctx: Context,
  _id: string,
  op: StatefulOperation,
  request: StatefulRequest,
): Outcome {
  const found = findPage(ctx, op, request);
  return "error" in found ? found : { body: found.body };
}

/** The page of matches of a declared search, with its answer; or the refusal. */
export function findPage(
  ctx: Context,
  op: StatefulOperation,
  request: StatefulRequest,
): Found | { error: StateError } {
  const search = op.search;
  if (!search) return { error: "empty" };
  const place = placeOf(ctx, op, request);
  if ("error" in place) return place;
  const given = (pointer: string) => valueAt(request.body, pointer);
  const { rank } = search;
  const terms = [
    ...search.match.map((m) => m.request),
    ...(rank ? [rank.request, ...rank.overriddenBy] : []),
  ];
  if (!terms.some((p) => isGiven(given(p)))) return { error: "empty" };
  const matches = ranked(search, place.scope?.collections.get(place.collection), given);
  const minScore = search.minScore === undefined ? undefined : numberAt(request.body, search.minScore);
  const kept =
    minScore === undefined || !rank
      ? matches
      : matches.filter((m) => (valueAt(m.result, rank.score) as number) >= minScore);
  const page = pageOf(search, kept, request.body);
  return { scope: place.scope, collection: place.collection, page, body: answerOf(search, kept, page) };
}

/** The matches in their order, each result cut down to the result's shape and scored. */
function ranked(
  search: NonNullable<StatefulOperation["search"]>,
  items: ReadonlyMap<string, { value: Record<string, unknown> }> | undefined,
  given: (pointer: string) => unknown,
): Match[] {
  const { rank } = search;
  const byRank = rank ? [rank.request, ...rank.overriddenBy].some((p) => isGiven(given(p))) : false;
  const same = rank && !rank.overriddenBy.some((p) => isGiven(given(p))) ? given(rank.request) : undefined;
  const matches: Match[] = [];
  for (const [key, { value }] of items ?? []) {
    if (!search.match.every((m) => fits(valueAt(value, m.item), given(m.request), m))) continue;
    const first = rank !== undefined && isGiven(same) && valueAt(value, rank.item) === same;
    const result = { ...value };
    if (rank) setAt(result, rank.score, !byRank || first ? 1 : 0);
    const match = { key, result: project(result, search.result) as Record<string, unknown> };
    if (first) matches.unshift(match);
    else matches.push(match);
  }
  return matches;
}

/** The page: after the cursor's item when the request names one, then cut by offset and limit. */
function pageOf(search: NonNullable<StatefulOperation["search"]>, matches: Match[], body: unknown): Match[] {
  const cursor = search.page.after === undefined ? undefined : valueAt(body, search.page.after);
  const at = isGiven(cursor) ? matches.findIndex((m) => m.key === String(cursor)) : -1;
  // A cursor that names no match (its item since deleted, or changed) ends the paging: an empty page.
  const rest = !isGiven(cursor) ? matches : at === -1 ? [] : matches.slice(at + 1);
  const offset = numberAt(body, search.page.offset) ?? search.page.defaultOffset;
  const limit = numberAt(body, search.page.limit) ?? search.page.defaultLimit;
  return rest.slice(offset, offset + limit);
}

function answerOf(
  search: NonNullable<StatefulOperation["search"]>,
  matches: Match[],
  page: Match[],
): Record<string, unknown> {
  const body = {};
  const results = page.map((m) => m.result);
  if (search.total) setAt(body, search.total, matches.length);
  if (search.returned) setAt(body, search.returned, results.length);
  setAt(body, search.results, results);
  const last = page[page.length - 1];
  if (search.next && last && matches.indexOf(last) < matches.length - 1)
    setAt(body, search.next, last.result);
  return body;
}

function numberAt(body: unknown, pointer: string | undefined): number | undefined {
  const value = pointer === undefined ? undefined : valueAt(body, pointer);
  return typeof value === "number" ? value : undefined;
}
