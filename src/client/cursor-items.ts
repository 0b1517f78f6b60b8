// Every item of a cursor operation, page after page: each page is one call of the operation (with
// its own retries and deadline), the cursor the answer gives is fed back into the next request until
// the service gives none, and a bound on pages keeps a service that always gives one from being
// called without end. Knows no API: a facade says where its operation keeps items and cursor.
import type { CallOptions } from "./client-options.js";
import { PageLimitError } from "./errors/page-limit-error.js";
import { checkCount } from "./options.js";

/** Pages read at most, unless `maxPages` says otherwise. */
export const DEFAULT_MAX_PAGES = 100;

/** A call's options, and the bound on pages. */
export interface PagingOptions extends CallOptions {
  /** Pages read at most (default {@link DEFAULT_MAX_PAGES}); past it, with a cursor left, a `PageLimitError`. */
  maxPages?: number;
}

/** Where one cursor operation keeps its items and its cursor. */
export interface CursorPaging<Input, Result, Item, Cursor> {
  /** The operation's name, for errors. */
  operation: string;
  /** One call of the operation. */
  call: (input: Input, options: CallOptions) => Promise<Result>;
  /** The items of one page. */
  items: (result: Result) => readonly Item[] | undefined;
  /** The cursor of the page after this one: absent or null when there is none. */
  next: (result: Result) => Cursor | null | undefined;
  /** The request for the page after `cursor`. */
  after: (input: Input, cursor: Cursor) => Input;
}

/** Every item, page by page; the bound is checked before the first call. */
export function cursorItems<Input, Result, Item, Cursor>(
  paging: CursorPaging<Input, Result, Item, Cursor>,
  input: Input,
  options: PagingOptions = {},
): AsyncIterable<Item> {
  const { maxPages = DEFAULT_MAX_PAGES, ...callOptions } = options;
  checkCount(maxPages, "maxPages", 1, Number.MAX_SAFE_INTEGER, { operation: paging.operation });
  return pages(paging, input, maxPages, callOptions);
}

async function* pages<Input, Result, Item, Cursor>(
  paging: CursorPaging<Input, Result, Item, Cursor>,
  input: Input,
  maxPages: number,
  callOptions: CallOptions,
): AsyncGenerator<Item> {
  let request = input;
  for (let page = 1; ; page++) {
    const result = await paging.call(request, callOptions);
    const items = paging.items(result) ?? [];
    yield* items;
    const cursor = paging.next(result);
    // An empty page ends it too: a cursor after no item would only repeat the last request.
    if (cursor === null || cursor === undefined || items.length === 0) return;
    if (page >= maxPages) throw new PageLimitError(maxPages, { operation: paging.operation });
    request = paging.after(input, cursor);
  }
}
