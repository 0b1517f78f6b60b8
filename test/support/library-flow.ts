// The image-library flow a frontend builds on, as a transcript of every call and its answer, so that
// the same flow can be run against each mock in stateful mode and the transcripts compared.
import { type ImageSearchClient, isImageSearchError } from "../../src/client/index.js";

export interface Step {
  call: string;
  /** What the client resolved to, or `{ code }` of the ImageSearchError it rejected with. */
  answer: unknown;
}

/**
 * create instance → add image → check → search by tag → modify tags → search by the old tag and by
 * the new one → delete image → check → delete instance → get instance. `registerDate` is left out of
 * the transcript: it is the clock's.
 */
export async function libraryFlow(client: ImageSearchClient, instanceName: string, path: string) {
  const steps: Step[] = [];
  const step = async (call: string, run: () => Promise<unknown>) => {
    const answer = await run().catch((error: unknown) => {
      if (isImageSearchError(error)) return { code: error.code };
      throw error;
    });
    steps.push({ call, answer });
  };
  await step("createInstance", async () => {
    const { registerDate: _, ...details } = await client.createInstance({
      name: instanceName,
      model: "common-search",
      tags: ["kind"],
    });
    return details;
  });
  await step("addImage", () => client.addImage({ instanceName, path, tags: { kind: "cat" } }));
  await step("checkImage", () => client.checkImage({ instanceName, path }));
  await step("searchImages cat", () => client.searchImages({ instanceName, tags: { kind: "cat" } }));
  await step("modifyImage", () => client.modifyImage({ instanceName, path, tags: { kind: "lion" } }));
  await step("searchImages cat", () => client.searchImages({ instanceName, tags: { kind: "cat" } }));
  await step("searchImages lion", () => client.searchImages({ instanceName, tags: { kind: "lion" } }));
  await step("deleteImage", () => client.deleteImage({ instanceName, path }));
  await step("checkImage", () => client.checkImage({ instanceName, path }));
  await step("deleteInstance", () => client.deleteInstance({ instanceName }));
  await step("getInstance", () => client.getInstance({ instanceName }));
  return steps;
}
