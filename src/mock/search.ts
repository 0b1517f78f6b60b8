// How the stateful mock searches a library. The mock cannot compare pixels, so every rule here is
// the mock's, not the provider's:
// - `tags` filter: an image matches when it carries every given key with exactly the given value
//   (other keys of the image do not matter); no `tags`, or `{}`, filters nothing.
// - Ranking: when `path` names an image (and no `file` is sent, which the spec says wins over
//   `path`), that image comes first with sim 1.0, the other matches follow with sim 0.0. With `file`,
//   every match has sim 0.0. By tags alone, every match has sim 1.0. Ties keep the order in which
//   the images were first added.
// - `count` is the number of matches before `offset` and `limit` cut the page out of them.
import type { components } from "../../generated/image-search.js";
import type { ImageTags } from "./store.js";

type SearchRequest = components["schemas"]["SearchImagesRequest"];
type SearchResult = components["schemas"]["SearchImagesResult"];
type SearchMatch = components["schemas"]["SearchMatch"];

/** The spec's documented defaults of `limit` and `offset` (a test holds them to the spec). */
export const SEARCH_DEFAULTS = { limit: 10, offset: 0 } as const;

/** Whether the request gives anything to search by: a non-empty `file`, `path` or `tags`. */
export function hasSearchTerms(request: SearchRequest): boolean {
  return !!request.file || !!request.path || Object.keys(request.tags ?? {}).length > 0;
}

/** Whether an image's tags carry every wanted key with the wanted value. */
export function tagsMatch(tags: ImageTags, wanted: ImageTags | undefined): boolean {
  return Object.entries(wanted ?? {}).every(
    ([key, value]) => Object.hasOwn(tags, key) && tags[key] === value,
  );
}

/** The page of matches a search answers, by the rules above. */
export function searchLibrary(library: ReadonlyMap<string, ImageTags>, request: SearchRequest): SearchResult {
  const { limit = SEARCH_DEFAULTS.limit, offset = SEARCH_DEFAULTS.offset } = request;
  const byImage = !!request.file || !!request.path;
  const same = request.file ? undefined : request.path || undefined;
  const matches: SearchMatch[] = [];
  for (const [path, tags] of library) {
    if (!tagsMatch(tags, request.tags)) continue;
    const match = { path, sim: !byImage || path === same ? 1 : 0, tags: { ...tags } };
    if (path === same) matches.unshift(match);
    else matches.push(match);
  }
  return { count: matches.length, result: matches.slice(offset, offset + limit) };
}
