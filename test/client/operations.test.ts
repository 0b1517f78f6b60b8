// The client's methods come from the generated operations table: one per operation, none by hand.
import { describe, expect, test } from "vitest";
import { examples } from "../../generated/image-search.examples.js";
import { operations } from "../../generated/image-search.operations.js";
import { createImageSearchClient } from "../../src/client/index.js";
import { TEST_TOKEN } from "../support/secrets.js";

describe("the client's methods", () => {
  const client = createImageSearchClient({
    endpoint: "https://imagesearch.example",
    projectId: "p",
    token: TEST_TOKEN,
  });

  test("are the spec's operations, each a function, beside raw", () => {
    expect(Object.keys(client).sort()).toEqual([...Object.keys(operations), "raw"].sort());
    for (const operation of Object.keys(operations)) {
      expect(typeof client[operation as keyof typeof operations], operation).toBe("function");
    }
  });

  test("each sends its own operation's method and path", async () => {
    const sent: string[] = [];
    const recording = createImageSearchClient({
      endpoint: "https://imagesearch.example",
      projectId: "p",
      token: TEST_TOKEN,
      retry: false,
      fetch: async (request) => {
        const { method, url } = request as Request;
        sent.push(`${method} ${new URL(url).pathname}`);
        return new Response('{"error_code":"IS.0003","error_msg":"m"}', { status: 400 });
      },
    });
    const call = recording as unknown as Record<string, (input: object) => Promise<unknown>>;
    for (const [operation, contract] of Object.entries(operations)) {
      sent.length = 0;
      // Each operation's first request example is valid input; the client stops at the 400 it gets.
      const body = Object.values(examples[operation as keyof typeof examples].requestBody)[0] ?? {};
      const error = await call[operation]?.({ instanceName: "i", ...body }).catch((e: unknown) => e);
      expect(error, operation).toMatchObject({ name: "ImageSearchError", code: "IS.0003" });
      const path = contract.path.replace("{project_id}", "p").replace("{instance_name}", "i");
      expect(sent, operation).toEqual([`${contract.method.toUpperCase()} ${path}`]);
    }
  });
});
