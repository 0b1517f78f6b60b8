// The Image Search v2 client (MMS data, mainland regions): the generic client of
// generated/image-search-v2.operations.ts with what Huawei Cloud's services share around it
// (huawei-client.ts), and every item of its two cursor operations as an async iterator: a
// conditional check and a KEYWORD search with full recall, each feeding `last_item` back.
import type { Client as FetchClient } from "openapi-fetch";
import type { paths } from "../../generated/image-search-v2.js";
import {
  credentialRefusals,
  type Operations,
  operations,
  type Schema,
} from "../../generated/image-search-v2.operations.js";
import type { OperationContract } from "../../generated/shared-types.js";
import { cursorItems, type PagingOptions } from "./cursor-items.js";
import { InvalidInputError } from "./errors/invalid-input-error.js";
import { type HuaweiClientOptions, huaweiClient } from "./huawei-client.js";
import type { CallerInput, InputOf, MethodsOf, ResultOf } from "./operations.js";

/** The v2 client's options: the project, and exactly one of `token` and `credentials`. */
export type ImageSearchV2ClientOptions = HuaweiClientOptions;
/** An operation of the v2 spec, by the name of its method. */
export type ImageSearchV2OperationId = keyof Operations;
/** What a v2 method takes: the service name (the project is the client's) and its body's fields. */
export type ImageSearchV2Input<Id extends ImageSearchV2OperationId> = CallerInput<
  InputOf<Operations[Id]>,
  "projectId"
>;
/** What a v2 method resolves to: the JSON body of the operation's success response. */
export type ImageSearchV2Result<Id extends ImageSearchV2OperationId> = ResultOf<Operations[Id]>;
/** An item a search or a conditional check finds. */
export type SearchItem = Schema<"SearchItem">;
/** A conditional check: by tags, `limit` items a page; `item_id` and `last_item` are the iterator's. */
export type CheckDataItemsInput = Omit<ImageSearchV2Input<"checkData">, "item_id" | "last_item">;
/** A KEYWORD search with full recall: `search_type`, `offset` and `last_item` are the iterator's. */
export type SearchKeywordItemsInput = Omit<
  ImageSearchV2Input<"searchData">,
  "search_type" | "offset" | "last_item"
> & { keywords: string[] };

/** Every item of a cursor operation, page after page. */
export interface CursorMethods {
  /**
   * Every item whose tags match, from conditional checks (`checkData` without `item_id`), each page's
   * `check_info.last_item` sent back as `last_item` until the service gives none. Each page is one
   * call, with its own retries and deadline.
   */
  checkDataItems(input: CheckDataItemsInput, options?: PagingOptions): AsyncIterable<SearchItem>;
  /**
   * Every result of a KEYWORD search with full recall (`offset` 0), each page's
   * `search_info.last_item` sent back as `last_item` until the service gives none.
   */
  searchKeywordItems(input: SearchKeywordItemsInput, options?: PagingOptions): AsyncIterable<SearchItem>;
}

/** The v2 client: one method per operation, the two iterators, and `raw`. */
export type ImageSearchV2Client = MethodsOf<Operations, "projectId"> &
  CursorMethods & {
    /**
     * The underlying openapi-fetch client, for callers who want `{ data, error, response }`. Its calls
     * carry the token (or are signed), follow no redirect and read a capped body, but get no checks
     * or retries.
     */
    readonly raw: FetchClient<paths>;
  };

/** A client of some v2 operations: one method for each, and `raw`. */
export type ImageSearchV2ClientFor<Id extends ImageSearchV2OperationId> = MethodsOf<
  Pick<Operations, Id>,
  "projectId"
> & { readonly raw: FetchClient<paths> };

/** A client with a method for every operation of the v2 spec, and the iterators of its cursor operations. */
export function createImageSearchV2Client(options: ImageSearchV2ClientOptions): ImageSearchV2Client {
  const client = huaweiClient(operations, options, {
    caller: "createImageSearchV2Client",
    credentialRefusals,
  }) as unknown as Omit<ImageSearchV2Client, keyof CursorMethods>;
  return Object.assign(client, cursorMethods(client));
}

/**
 * A client with a method for each of the given operations only, their contracts imported from
 * `huaweicloud-image-search/v2/operations`: an app bundles those operations' validators and no others.
 */
export function createImageSearchV2ClientFor<
  const Given extends readonly Operations[ImageSearchV2OperationId][],
>(contracts: Given, options: ImageSearchV2ClientOptions): ImageSearchV2ClientFor<Given[number]["name"]> {
  if (!Array.isArray(contracts)) {
    throw new InvalidInputError("operations", "must be a list of operation contracts", {
      operation: "createImageSearchV2ClientFor",
    });
  }
  return huaweiClient(contracts as readonly OperationContract[], options, {
    caller: "createImageSearchV2ClientFor",
    credentialRefusals,
  }) as unknown as ImageSearchV2ClientFor<Given[number]["name"]>;
}

function cursorMethods(client: Pick<ImageSearchV2Client, "checkData" | "searchData">): CursorMethods {
  return {
    checkDataItems: (input, options) => {
      if (typeof input === "object" && input !== null && "item_id" in input) {
        throw new InvalidInputError("item_id", "is not taken: a check by ID has no pages (call checkData)", {
          operation: "checkData",
        });
      }
      return cursorItems(
        {
          operation: "checkData",
          call: (request, callOptions) => client.checkData(request, callOptions),
          items: (result) => result.data?.items,
          next: (result) => result.data?.check_info?.last_item,
          after: (request, last_item) => ({ ...request, last_item }),
        },
        { ...input },
        options,
      );
    },
    searchKeywordItems: (input, options) =>
      cursorItems(
        {
          operation: "searchData",
          call: (request, callOptions) => client.searchData(request, callOptions),
          items: (result) => result.data?.items,
          next: (result) => result.data?.search_info?.last_item,
          after: (request, last_item) => ({ ...request, last_item }),
        },
        { ...input, search_type: "KEYWORD", offset: 0 } as ImageSearchV2Input<"searchData">,
        options,
      ),
  };
}
