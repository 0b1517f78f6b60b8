// The Image Search v2 client: every documented example through the v2 MSW handlers, the error
// envelope as ImageSearchError with its MMS code, AK/SK and token credentials, retries as the spec's
// x-idempotent says, and the two cursor operations as async iterators with a bound on pages.
import { getResponse } from "msw";
import { describe, expect, test, vi } from "vitest";
import { examples } from "../../generated/image-search-v2.examples.js";
import { type operations, servers } from "../../generated/image-search-v2.operations.js";
import { addData, deleteData } from "../../src/client/contracts-v2.js";
import {
  createImageSearchV2Client,
  createImageSearchV2ClientFor,
  DEFAULT_MAX_PAGES,
  type ImageSearchV2ClientOptions,
  isImageSearchError,
  isInvalidInputError,
  isPageLimitError,
  isTimeoutError,
  type SearchItem,
} from "../../src/client/index.js";
import { createImageSearchV2Handlers } from "../../src/mock/msw.js";
import { failure, json } from "../support/responses.js";
import { TEST_TOKEN } from "../support/secrets.js";

const ENDPOINT = servers[0] as string;
const SERVICE = { serviceName: "test-service" };
const handlers = createImageSearchV2Handlers();

/** A v2 client whose requests go to `respond`, each one recorded. */
function clientWith(
  respond: (request: Request) => Response | Promise<Response>,
  options: Partial<ImageSearchV2ClientOptions> = {},
) {
  const requests: Request[] = [];
  const fetch = vi.fn(async (request: Request) => {
    requests.push(request.clone());
    return respond(request);
  }) as unknown as typeof globalThis.fetch;
  const client = createImageSearchV2Client({
    endpoint: ENDPOINT,
    projectId: "0123456789abcdef",
    token: TEST_TOKEN,
    fetch,
    retry: { baseDelayMs: 0 },
    ...options,
  } as ImageSearchV2ClientOptions);
  return { client, requests };
}

/** Answers as the v2 MSW handlers do. */
async function fromMock(request: Request): Promise<Response> {
  const response = await getResponse(handlers, request);
  if (!response) throw new Error(`no handler answered ${request.url}`);
  return response;
}

const exampleCases = Object.entries(examples).flatMap(([method, operation]) =>
  Object.entries(operation.requestBody).map(([name, body]) => [method, name, body] as const),
);

describe("createImageSearchV2Client", () => {
  describe("every documented request example", () => {
    test.each(exampleCases)(
      "%s with the example %s resolves to a result the spec accepts",
      async (method, _, body) => {
        const { client, requests } = clientWith(fromMock);
        const call = client[method as keyof typeof operations] as (input: object) => Promise<unknown>;

        const result = await call({ ...SERVICE, ...body });

        expect(result).toHaveProperty("result", "success");
        expect(requests[0]?.url).toMatch(/\/v2\/0123456789abcdef\/mms\/test-service\//);
        expect(requests[0]?.headers.get("X-Auth-Token")).toBe(TEST_TOKEN);
      },
    );
  });

  describe("the error envelope", () => {
    test.each([
      ["400", "invalid-parameter", "MMS.0003"],
      ["403", "unauthorized", "MMS.0001"],
      ["500", "process-index-failed", "MMS.1015"],
    ])("a documented %s (%s) rejects with ImageSearchError carrying %s", async (status, example, code) => {
      const { client } = clientWith(fromMock, { retry: false });

      const error = await failure(
        client.checkData(
          { ...SERVICE, item_id: "electronics_01" },
          { headers: { Prefer: `code=${status}, example=${example}` } },
        ),
      );

      expect(isImageSearchError(error) && error.code).toBe(code);
      expect(isImageSearchError(error) && error.status).toBe(Number(status));
    });

    test("a ModelArts code is an ImageSearchError too, its message verbatim", async () => {
      const body = { error_code: "ModelArts.4603", error_msg: "Failed to download the image." };
      const { client } = clientWith(() => json(400, body));

      const error = await failure(client.addData({ ...SERVICE, item_id: "a", image_url: "https://x/y.jpg" }));

      expect(isImageSearchError(error) && [error.code, error.errorMsg]).toEqual([
        body.error_code,
        body.error_msg,
      ]);
    });

    test("input the spec forbids is refused before anything is sent", async () => {
      const { client, requests } = clientWith(fromMock);

      const error = await failure(client.checkData({ ...SERVICE, limit: 10 }));

      expect(isInvalidInputError(error)).toBe(true);
      expect(requests).toHaveLength(0);
    });
  });

  describe("authentication", () => {
    test("AK/SK signs every request and sends no token", async () => {
      const { client, requests } = clientWith(fromMock, {
        token: undefined,
        credentials: { accessKey: "AK-test", secretKey: "SK-test" },
      } as Partial<ImageSearchV2ClientOptions>);

      await client.checkData({ ...SERVICE, item_id: "electronics_01" });

      expect(requests[0]?.headers.get("Authorization")).toMatch(/^SDK-HMAC-SHA256 Access=AK-test,/);
      expect(requests[0]?.headers.get("X-Auth-Token")).toBeNull();
    });

    test("a token refused with a 401 is asked for afresh once, a POST included", async () => {
      const token = vi.fn(({ refresh }: { refresh: boolean }) => (refresh ? "fresh" : "stale"));
      const { client, requests } = clientWith(
        (request) => (request.headers.get("X-Auth-Token") === "stale" ? json(401, {}) : fromMock(request)),
        { token },
      );

      await client.addData({ ...SERVICE, item_id: "a", image_url: "https://x/y.jpg" });

      expect(requests.map((r) => r.headers.get("X-Auth-Token"))).toEqual(["stale", "fresh"]);
    });

    test("neither token nor credentials is refused when the client is made", () => {
      expect(() =>
        createImageSearchV2Client({ endpoint: ENDPOINT, projectId: "p" } as ImageSearchV2ClientOptions),
      ).toThrow("token or credentials is required");
    });
  });

  describe("retries, as the spec's x-idempotent says", () => {
    const deleteById = { ...SERVICE, item_id: "electronics_01" };
    const add = { ...SERVICE, item_id: "a", image_url: "https://x/y.jpg" };
    const cases = [
      ["a delete by ID with force: true", 3, (c: Client) => c.deleteData({ ...deleteById, force: true })],
      ["a delete by ID without force", 1, (c: Client) => c.deleteData(deleteById)],
      [
        "a conditional delete, even with force: true",
        1,
        (c: Client) => c.deleteData({ ...SERVICE, custom_tags: { brand: ["HUAWEI"] }, force: true }),
      ],
      ["an add with force: true", 3, (c: Client) => c.addData({ ...add, force: true })],
      ["an add without force", 1, (c: Client) => c.addData(add)],
      ["a search", 3, (c: Client) => c.searchData({ ...SERVICE, search_type: "KEYWORD", keywords: ["k"] })],
      ["a check", 3, (c: Client) => c.checkData({ ...SERVICE, item_id: "a" })],
      ["an update", 3, (c: Client) => c.updateData({ ...SERVICE, item_id: "a", desc: "d" })],
    ] as const;

    test.each(cases)("%s is sent %i time(s) when every answer is a 503", async (_, times, call) => {
      const { client, requests } = clientWith(() => json(503, {}));

      await failure(call(client));

      expect(requests).toHaveLength(times);
    });
  });

  test("a call's deadline ends it with a TimeoutError", async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    const { client } = clientWith(hang);

    const error = await failure(client.checkData({ ...SERVICE, item_id: "a" }, { deadlineMs: 20 }));

    expect(isTimeoutError(error)).toBe(true);
  });
});

type Client = ReturnType<typeof clientWith>["client"];

/** A page of `ids`, with a cursor at its last one unless `last`. */
function checkPage(ids: string[], last: boolean) {
  const items = ids.map((id) => ({ id, source: { custom_tags: { brand: "HUAWEI" } } }));
  const cursor = last ? {} : { last_item: { id: ids.at(-1) } };
  return {
    result: "success",
    data: { items, check_info: { total_num: 5, return_num: ids.length, ...cursor } },
  };
}

async function collect(items: AsyncIterable<SearchItem>): Promise<(string | undefined)[]> {
  const ids: (string | undefined)[] = [];
  for await (const item of items) ids.push(item.id);
  return ids;
}

describe("checkDataItems", () => {
  const pages = [checkPage(["a", "b"], false), checkPage(["c", "d"], false), checkPage(["e"], true)];
  const filter = { ...SERVICE, custom_tags: { brand: ["HUAWEI"] }, limit: 2 };

  test("yields every item, sending each page's last_item back until the service gives none", async () => {
    let page = 0;
    const { client, requests } = clientWith(() => json(200, pages[page++]));

    const ids = await collect(client.checkDataItems(filter));

    expect(ids).toEqual(["a", "b", "c", "d", "e"]);
    const bodies = await Promise.all(requests.map((r) => r.json()));
    expect(bodies.map((b) => b.last_item)).toEqual([undefined, { id: "b" }, { id: "d" }]);
    expect(bodies.every((b) => b.limit === 2 && b.custom_tags.brand[0] === "HUAWEI")).toBe(true);
  });

  test("stops at maxPages with a PageLimitError, after yielding the pages it read", async () => {
    let page = 0;
    const { client, requests } = clientWith(() => json(200, pages[page++]));
    const ids: (string | undefined)[] = [];

    const error = await failure(
      (async () => {
        for await (const item of client.checkDataItems(filter, { maxPages: 2 })) ids.push(item.id);
      })(),
    );

    expect(isPageLimitError(error) && error.maxPages).toBe(2);
    expect(ids).toEqual(["a", "b", "c", "d"]);
    expect(requests).toHaveLength(2);
  });

  test("an empty page ends it, whatever cursor it carries", async () => {
    const empty = { result: "success", data: { items: [], check_info: { last_item: { id: "z" } } } };
    const { client, requests } = clientWith(() => json(200, empty));

    expect(await collect(client.checkDataItems(filter))).toEqual([]);
    expect(requests).toHaveLength(1);
  });

  test("a maxPages that is not a whole number from 1, or an item_id, is refused before any call", async () => {
    const { client, requests } = clientWith(() => json(200, pages[0]));

    expect(() => client.checkDataItems(filter, { maxPages: 0 })).toThrow("maxPages must be a whole number");
    expect(() => client.checkDataItems({ ...filter, item_id: "a" } as typeof filter)).toThrow(
      "item_id is not taken",
    );
    expect(requests).toHaveLength(0);
  });

  test("through the mock, whose conditional-check example always names a cursor, ends at the bound", async () => {
    const { client } = clientWith(fromMock);
    const ids: (string | undefined)[] = [];
    const prefer = { headers: { Prefer: "code=200, example=by-tags" } };

    const error = await failure(
      (async () => {
        for await (const item of client.checkDataItems(filter, { ...prefer, maxPages: 3 })) ids.push(item.id);
      })(),
    );

    expect(isPageLimitError(error)).toBe(true);
    expect(ids).toEqual(["electronics_01", "electronics_01", "electronics_01"]);
  });

  test(`reads at most ${DEFAULT_MAX_PAGES} pages by default`, async () => {
    const { client, requests } = clientWith(() => json(200, pages[0]));

    const error = await failure(collect(client.checkDataItems(filter)));

    expect(isPageLimitError(error) && error.maxPages).toBe(DEFAULT_MAX_PAGES);
    expect(requests).toHaveLength(DEFAULT_MAX_PAGES);
  });
});

describe("searchKeywordItems", () => {
  test("sends a KEYWORD search from offset 0, and each page's search_info.last_item back", async () => {
    const page = (id: string, last: boolean) => ({
      result: "success",
      data: {
        items: [{ id, score: 1 }],
        search_info: { return_num: 1, last_item: last ? null : { id, score: 1 } },
      },
    });
    const answers = [page("a", false), page("b", true)];
    let n = 0;
    const { client, requests } = clientWith(() => json(200, answers[n++]));

    const ids = await collect(client.searchKeywordItems({ ...SERVICE, keywords: ["electronics"], limit: 1 }));

    expect(ids).toEqual(["a", "b"]);
    const bodies = await Promise.all(requests.map((r) => r.json()));
    expect(bodies).toEqual([
      { ...{ keywords: ["electronics"], limit: 1 }, search_type: "KEYWORD", offset: 0 },
      {
        keywords: ["electronics"],
        limit: 1,
        search_type: "KEYWORD",
        offset: 0,
        last_item: { id: "a", score: 1 },
      },
    ]);
  });
});

describe("createImageSearchV2ClientFor", () => {
  test("has a method for each contract given, and no other", async () => {
    const client = createImageSearchV2ClientFor([addData, deleteData], {
      endpoint: ENDPOINT,
      projectId: "p",
      token: TEST_TOKEN,
      fetch: (async (request: Request) => fromMock(request)) as typeof fetch,
    });

    await expect(client.deleteData({ ...SERVICE, item_id: "a", force: true })).resolves.toHaveProperty(
      "result",
      "success",
    );
    expect(Object.keys(client).sort()).toEqual(["addData", "deleteData", "raw"]);
  });
});
