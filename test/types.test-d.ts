// Inputs and outputs of the wrapper follow the types generated from the spec.
import { describe, expectTypeOf, test } from "vitest";
import {
  type components,
  createImageSearchClient,
  type ImageSearchClient,
  type ImageSearchError,
  isImageSearchError,
  type ModifyImageInput,
  type ModifyImageResult,
} from "../src/index.js";

declare const client: ImageSearchClient;

describe("modifyImage types", () => {
  test("the input is the spec's request body plus the instance name", () => {
    expectTypeOf<Omit<ModifyImageInput, "instanceName">>().toEqualTypeOf<
      components["schemas"]["ModifyImageRequest"]
    >();
    expectTypeOf<ModifyImageInput["tags"]>().toEqualTypeOf<Record<string, string>>();
  });

  test("the result is the spec's 200 body", () => {
    expectTypeOf(client.modifyImage).returns.resolves.toEqualTypeOf<ModifyImageResult>();
    expectTypeOf<ModifyImageResult>().toEqualTypeOf<{ result: string }>();
  });

  test("required fields, field types and the instance name are enforced", () => {
    // @ts-expect-error path is required
    void client.modifyImage({ instanceName: "i", tags: {} });
    // @ts-expect-error tags is required
    void client.modifyImage({ instanceName: "i", path: "p" });
    // @ts-expect-error instanceName is required
    void client.modifyImage({ path: "p", tags: {} });
    // @ts-expect-error tag values are strings
    void client.modifyImage({ instanceName: "i", path: "p", tags: { a: 1 } });
    // @ts-expect-error path is a string
    void client.modifyImage({ instanceName: "i", path: 1, tags: {} });
  });

  test("the guard narrows to ImageSearchError with the provider's code", () => {
    const error: unknown = undefined;
    if (isImageSearchError(error)) {
      expectTypeOf(error).toEqualTypeOf<ImageSearchError>();
      expectTypeOf(error.code).toEqualTypeOf<string>();
      expectTypeOf(error.name).toEqualTypeOf<"ImageSearchError">();
    }
  });

  test("the raw openapi-fetch client requires the token header the spec documents", () => {
    void client.raw.PUT("/v1/{project_id}/{instance_name}/image", {
      // @ts-expect-error X-Auth-Token is a required header parameter
      params: { path: { project_id: "p", instance_name: "i" }, header: {} },
      body: { path: "p", tags: {} },
    });
  });

  test("options are typed", () => {
    // @ts-expect-error projectId is required
    createImageSearchClient({ endpoint: "https://x", token: "t" });
    expectTypeOf(createImageSearchClient).parameter(0).toHaveProperty("token");
  });
});
