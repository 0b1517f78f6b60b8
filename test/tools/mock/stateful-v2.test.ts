// `npm run mock -- --spec spec/image-search-v2.openapi.yaml --stateful` as a user runs it, through the
// v2 client: the data flow of docs/stateful-mock.md with every answer accepted by the client's response
// validation, the same transcript as the v2 MSW handlers in stateful mode give.
import type { ChildProcess } from "node:child_process";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { state } from "../../../generated/image-search-v2.examples.js";
import { createImageSearchV2Client } from "../../../src/client/image-search-v2.js";
import { createImageSearchV2Handlers } from "../../../src/mock/msw.js";
import { dataFlow } from "../../support/data-flow.js";
import { type Served, servedMock, stop } from "../../support/mock-process.js";
import { TEST_TOKEN } from "../../support/secrets.js";
import { tryItCalls } from "../../support/try-it.js";

const SPEC = "spec/image-search-v2.openapi.yaml";
const MSW_ENDPOINT = "https://mms.cn-north-4.myhuaweicloud.com";
const serviceName = "shop";

const running: ChildProcess[] = [];
const msw = setupServer(...createImageSearchV2Handlers({ baseUrl: MSW_ENDPOINT, stateful: true }));
let served: Served;
beforeAll(async () => {
  // Requests to the mock process are not MSW's: they go out as they are.
  msw.listen({ onUnhandledRequest: "bypass" });
  served = await servedMock(running, ["--spec", SPEC, "--stateful"]);
}, 120_000);
afterAll(async () => {
  msw.close();
  await Promise.all(running.map(stop));
});

const clientOf = (endpoint: string, projectId: string) =>
  createImageSearchV2Client({ endpoint, projectId, token: TEST_TOKEN, retry: false });

describe("npm run mock -- --spec spec/image-search-v2.openapi.yaml --stateful", () => {
  test("lists every v2 operation as declared state", () => {
    const output = served.output();

    expect(Object.keys(state.operations).sort()).toEqual(
      ["addData", "checkData", "deleteData", "searchData", "updateData"].sort(),
    );
    for (const [operationId, op] of Object.entries(state.operations)) {
      expect(output).toMatch(
        new RegExp(`^ +${operationId} +${op.role} ${op.resource}\\b.*\\(declared\\)$`, "m"),
      );
    }
  });

  test("its Try it lines are a flow that works in order, the check after the delete finding nothing", async () => {
    const calls = tryItCalls(served.output());
    const answers: { status: number; body: unknown }[] = [];
    for (const call of calls) {
      const response = await fetch(call.url, call.init);
      answers.push({ status: response.status, body: await response.json() });
    }

    expect(calls.map((c) => c.operationId)).toEqual([
      "addData",
      "checkData",
      "searchData",
      "updateData",
      "deleteData",
      "checkData",
    ]);
    expect(answers.map((a) => a.status)).toEqual(calls.map(() => 200));
    expect(answers[1]?.body).toMatchObject({ data: { existed: true } });
    expect(answers[5]?.body).toEqual({ result: "success", data: { existed: false } });
  });

  test("runs the data flow to its end, every answer valid, as the MSW handlers do", async () => {
    const node = await dataFlow(clientOf(served.url, "flow"), serviceName);
    const handlers = await dataFlow(clientOf(MSW_ENDPOINT, "flow"), serviceName);

    expect(node).toEqual(handlers);
    const answers = Object.fromEntries(node.map((step, i) => [`${i} ${step.call}`, step.answer]));
    const ids = (answer: unknown) =>
      ((answer as { data?: { items?: { id?: string }[] } }).data?.items ?? []).map((item) => item.id);
    expect(answers["2 addData phone again"]).toEqual({ code: "MMS.0003" });
    expect(answers["3 addData phone forced"]).toMatchObject({ result: "success" });
    expect(answers["4 checkData phone"]).toEqual({
      result: "success",
      data: {
        existed: true,
        item_info: {
          desc: "a phone",
          keywords: ["phone"],
          custom_tags: { brand: "HUAWEI" },
          custom_num_tags: { year: 2022 },
        },
      },
    });
    expect(ids(answers["5 searchData phone"])).toEqual(["phone"]);
    expect(answers["5 searchData phone"]).toMatchObject({ data: { search_info: { total_num: 1 } } });
    expect(answers["7 checkData brand HUAWEI page 1"]).toMatchObject({
      data: {
        items: [{ id: "phone" }],
        check_info: { total_num: 2, return_num: 1, last_item: { id: "phone" } },
      },
    });
    expect(answers["8 checkData brand HUAWEI page 2"]).toMatchObject({ data: { items: [{ id: "watch" }] } });
    expect(answers["8 checkData brand HUAWEI page 2"]).not.toHaveProperty("data.check_info.last_item");
    expect((answers["9 checkDataItems brand HUAWEI"] as { id: string }[]).map((item) => item.id)).toEqual([
      "phone",
      "watch",
    ]);
    expect(answers["10 deleteData year 2022"]).toEqual({
      result: "success",
      data: { items: [{ id: "phone" }], delete_info: { total_num: 1, delete_num: 1 } },
    });
    expect(answers["11 checkData phone"]).toEqual({ result: "success", data: { existed: false } });
    expect(answers["12 checkData watch"]).toMatchObject({ data: { existed: true } });
    expect(answers["13 deleteData phone"]).toEqual({ code: "MMS.0003" });
    expect(answers["14 deleteData phone forced"]).toEqual({ result: "success" });
  });
});
