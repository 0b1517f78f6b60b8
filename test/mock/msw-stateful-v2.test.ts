// The v2 MSW handlers' stateful mode through the v2 client (which validates every answer against the
// spec): the mock's own search rules the spec declares (tags OR within a list and AND across keys,
// numeric ranges, KEYWORD, IMAGE by URL with min_score, TEXT, offset and limit), the cursor, and the
// conditional delete's 100 a call. The expected error code is the spec's named example, parsed here.
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { createImageSearchV2Client, isImageSearchError } from "../../src/client/index.js";
import { createImageSearchV2Handlers } from "../../src/mock/msw.js";
import { TEST_TOKEN } from "../support/secrets.js";

const endpoint = "https://mms.cn-north-4.myhuaweicloud.com";
const handlers = createImageSearchV2Handlers({ baseUrl: endpoint, stateful: true });
const server = setupServer(...handlers);
const client = createImageSearchV2Client({ endpoint, projectId: "rules", token: TEST_TOKEN, retry: false });
const serviceName = "shop";

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => handlers.reset());
afterAll(() => server.close());

const urlOf = (id: string) => `https://bucket.obs.example.com/${id}.jpg`;
/** Three items: a: HUAWEI 2020, b: HONOR 2021, c: HUAWEI 2022 (keywords: their own id and "all"). */
async function addThree(): Promise<void> {
  const tags: [string, string, number][] = [
    ["a", "HUAWEI", 2020],
    ["b", "HONOR", 2021],
    ["c", "HUAWEI", 2022],
  ];
  for (const [id, brand, year] of tags) {
    await client.addData({
      serviceName,
      item_id: id,
      image_url: urlOf(id),
      desc: `item ${id}`,
      keywords: [id, "all"],
      custom_tags: { brand },
      custom_num_tags: { year },
    });
  }
}
const idsOf = (answer: { data?: { items?: { id?: string }[] } }) =>
  (answer.data?.items ?? []).map((item) => item.id);
const scoresOf = (answer: { data?: { items?: { score?: number }[] } }) =>
  (answer.data?.items ?? []).map((item) => item.score);

describe("createImageSearchV2Handlers({ stateful: true })", () => {
  describe("a conditional check", () => {
    test("matches a tag with any value of its list, and every key given", async () => {
      await addThree();

      const either = await client.checkData({ serviceName, custom_tags: { brand: ["HONOR", "HUAWEI"] } });
      const both = await client.checkData({
        serviceName,
        custom_tags: { brand: ["HUAWEI"] },
        custom_num_tags: { year: { from: 2021 } },
      });

      expect(idsOf(either)).toEqual(["a", "b", "c"]);
      expect(idsOf(both)).toEqual(["c"]);
    });

    test("matches a numeric tag within the range, bounds included, and not an item without the tag", async () => {
      await addThree();
      await client.addData({ serviceName, item_id: "untagged", image_url: urlOf("untagged") });

      const range = await client.checkData({
        serviceName,
        custom_num_tags: { year: { from: 2020, to: 2021 } },
      });

      expect(idsOf(range)).toEqual(["a", "b"]);
      expect(range.data?.check_info).toMatchObject({ total_num: 2, return_num: 2 });
    });

    test("ends the pages with an empty one when the cursor names no match", async () => {
      await addThree();

      const page = await client.checkData({
        serviceName,
        custom_tags: { brand: ["HUAWEI"] },
        last_item: { id: "b" },
      });

      expect(page.data).toMatchObject({ items: [], check_info: { total_num: 2, return_num: 0 } });
    });
  });

  describe("a search, by the mock's rules", () => {
    test("KEYWORD: every item with one of the keywords, each scored 1, cut by offset and limit", async () => {
      await addThree();

      const all = await client.searchData({ serviceName, search_type: "KEYWORD", keywords: ["b", "c"] });
      const page = await client.searchData({
        serviceName,
        search_type: "KEYWORD",
        keywords: ["all"],
        offset: 1,
        limit: 1,
      });

      expect(idsOf(all)).toEqual(["b", "c"]);
      expect(scoresOf(all)).toEqual([1, 1]);
      expect(idsOf(page)).toEqual(["b"]);
      expect(page.data?.search_info).toMatchObject({ total_num: 3, return_num: 1, last_item: { id: "b" } });
    });

    test("IMAGE by URL: the item with that URL first with 1, the others 0, min_score dropping them", async () => {
      await addThree();

      const ranked = await client.searchData({ serviceName, search_type: "IMAGE", image_url: urlOf("b") });
      const best = await client.searchData({
        serviceName,
        search_type: "IMAGE",
        image_url: urlOf("b"),
        min_score: 0.5,
      });

      expect(idsOf(ranked)).toEqual(["b", "a", "c"]);
      expect(scoresOf(ranked)).toEqual([1, 0, 0]);
      expect(idsOf(best)).toEqual(["b"]);
    });

    test("TEXT and an image in Base64 name no item: every match scores 0, filtered by the tags", async () => {
      await addThree();

      const text = await client.searchData({
        serviceName,
        search_type: "TEXT",
        text: "item a",
        custom_tags: { brand: ["HUAWEI"] },
      });
      const image = await client.searchData({
        serviceName,
        search_type: "CATEGORY",
        image_base64: "aGVsbG8=",
        min_score: 0.1,
      });

      expect(idsOf(text)).toEqual(["a", "c"]);
      expect(scoresOf(text)).toEqual([0, 0]);
      expect(idsOf(image)).toEqual([]);
    });
  });

  describe("a conditional delete", () => {
    test("deletes at most 100 matches a call, saying how many matched", async () => {
      for (let i = 0; i < 101; i++) {
        await client.addData({ serviceName, item_id: `n${i}`, custom_tags: { brand: "HUAWEI" } });
      }
      const filter = { serviceName, custom_tags: { brand: ["HUAWEI"] } };

      const first = await client.deleteData(filter);
      const second = await client.deleteData(filter);

      expect(first.data?.delete_info).toEqual({ total_num: 101, delete_num: 100 });
      expect(second.data).toEqual({ items: [{ id: "n100" }], delete_info: { total_num: 1, delete_num: 1 } });
    });
  });

  describe("add and delete by ID", () => {
    test("an add of a held ID without force is refused, with force it replaces the item", async () => {
      await client.addData({ serviceName, item_id: "a", desc: "first" });

      const refused = await client.addData({ serviceName, item_id: "a", desc: "second" }).catch((e) => e);
      await client.addData({ serviceName, item_id: "a", desc: "third", force: true });

      expect(isImageSearchError(refused) && refused.code).toBe("MMS.0003");
      expect((await client.checkData({ serviceName, item_id: "a" })).data?.item_info).toEqual({
        desc: "third",
      });
    });
  });
});
