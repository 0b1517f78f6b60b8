// The Image Search v2 data flow of docs/stateful-mock.md, through the v2 client: every answer is
// one the client's response validation accepted (else the call would have thrown), recorded in order,
// so that two mocks can be required to give the same transcript.
import type { ImageSearchV2Client } from "../../src/client/image-search-v2.js";
import { isImageSearchError } from "../../src/client/index.js";

export interface DataStep {
  call: string;
  answer: unknown;
}

/** Two items with tags, found, updated, paged through, deleted by condition and checked again. */
export async function dataFlow(client: ImageSearchV2Client, serviceName: string): Promise<DataStep[]> {
  const steps: DataStep[] = [];
  const step = async (call: string, answer: Promise<unknown>) => {
    steps.push({ call, answer: await answer.catch(codeOf) });
  };
  const service = { serviceName };
  const phone = {
    item_id: "phone",
    image_url: "https://bucket.obs.example.com/phone.jpg",
    desc: "a phone",
    keywords: ["phone"],
    custom_tags: { brand: "HUAWEI" },
    custom_num_tags: { year: 2022 },
  };
  await step("addData phone", client.addData({ ...service, ...phone }));
  await step(
    "addData watch",
    client.addData({
      ...service,
      item_id: "watch",
      image_url: "https://bucket.obs.example.com/watch.jpg",
      keywords: ["watch"],
      custom_tags: { brand: "HONOR" },
      custom_num_tags: { year: 2021 },
    }),
  );
  await step("addData phone again", client.addData({ ...service, item_id: "phone", desc: "again" }));
  await step("addData phone forced", client.addData({ ...service, ...phone, force: true }));
  await step("checkData phone", client.checkData({ ...service, item_id: "phone" }));
  await step(
    "searchData phone",
    client.searchData({ ...service, search_type: "KEYWORD", keywords: ["phone"] }),
  );
  await step(
    "updateData watch",
    client.updateData({ ...service, item_id: "watch", custom_tags: { brand: "HUAWEI" } }),
  );
  const firstPage = { ...service, custom_tags: { brand: ["HUAWEI"] }, limit: 1 };
  await step("checkData brand HUAWEI page 1", client.checkData(firstPage));
  await step("checkData brand HUAWEI page 2", client.checkData({ ...firstPage, last_item: { id: "phone" } }));
  const paged = [];
  const filter = { ...service, custom_tags: { brand: ["HUAWEI"] }, limit: 1 };
  for await (const item of client.checkDataItems(filter)) paged.push(item);
  steps.push({ call: "checkDataItems brand HUAWEI", answer: paged });
  await step(
    "deleteData year 2022",
    client.deleteData({ ...service, custom_num_tags: { year: { from: 2022, to: 2022 } } }),
  );
  await step("checkData phone", client.checkData({ ...service, item_id: "phone" }));
  await step("checkData watch", client.checkData({ ...service, item_id: "watch" }));
  await step("deleteData phone", client.deleteData({ ...service, item_id: "phone" }));
  await step("deleteData phone forced", client.deleteData({ ...service, item_id: "phone", force: true }));
  return steps;
}

function codeOf(error: unknown): { code: string } {
  if (isImageSearchError(error)) return { code: error.code };
  throw error;
}
