import { createImageSearchV2Client, isImageSearchError } from "huaweicloud-image-search";

const client = createImageSearchV2Client({
  endpoint: process.env.IMAGE_SEARCH_ENDPOINT ?? "http://127.0.0.1:4010", // the v2 mock (npm run mock -- --spec …)
  projectId: "myproject", // letters and digits only in v2
  token: "any-token", // the mock takes any token; the real service wants an IAM token (docs/client.md)
});

try {
  const { result } = await client.updateData({
    serviceName: "my-service",
    item_id: "electronics_01",
    custom_tags: { brand: "HUAWEI" },
  });
  console.log(result); // "success"
} catch (error) {
  if (!isImageSearchError(error)) throw error;
  console.error(error.code, error.errorMsg); // the provider's code, e.g. MMS.0003
}
