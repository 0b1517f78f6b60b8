import { createImageSearchClient, isImageSearchError } from "huaweicloud-image-search";

const client = createImageSearchClient({
  endpoint: process.env.IMAGE_SEARCH_ENDPOINT ?? "http://127.0.0.1:4010", // the mock `npm start` serves
  projectId: "my-project",
  token: "any-token", // the mock takes any token; the real service wants an IAM token (docs/client.md)
});

try {
  const { result } = await client.modifyImage({
    instanceName: "my-instance",
    path: "https://bucketName.obs.myhuaweicloud.com/image/test1.jpg",
    tags: { "test-tags": "test-image" },
  });
  console.log(result); // "Success"
} catch (error) {
  if (!isImageSearchError(error)) throw error;
  console.error(error.code, error.errorMsg); // the provider's code, e.g. IS.0003
}
