// Inputs and outputs of the client follow the types generated from the spec.
import { describe, expectTypeOf, test } from "vitest";
import { getInstance, modifyImage } from "../../src/client/contracts.js";
import {
  type CheckImageResult,
  type CreateInstanceInput,
  type components,
  createImageSearchClient,
  createImageSearchClientFor,
  type GetInstanceResult,
  type ImageSearchClient,
  type ImageSearchError,
  isImageSearchError,
  type ModifyImageInput,
  type ModifyImageResult,
  type SearchImagesInput,
  type SearchImagesResult,
} from "../../src/client/index.js";

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

describe("types of the other operations", () => {
  test("createInstance needs name and model; description, level and tags are optional", () => {
    expectTypeOf<CreateInstanceInput>().toEqualTypeOf<components["schemas"]["CreateInstanceRequest"]>();
    void client.createInstance({ name: "n", model: "common-search" });
    void client.createInstance({ name: "n", model: "m", description: "d", level: 30000000, tags: ["a"] });
    // @ts-expect-error name is required
    void client.createInstance({ model: "common-search" });
    // @ts-expect-error tags are strings
    void client.createInstance({ name: "n", model: "m", tags: [1] });
  });

  test("getInstance takes the instance name and answers the camelCase instance", () => {
    void client.getInstance({ instanceName: "i" });
    // @ts-expect-error instanceName is required
    void client.getInstance({});
    expectTypeOf<GetInstanceResult["expiredDate"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<GetInstanceResult["status"]>().toEqualTypeOf<
      | "NORMAL"
      | "ARREARAGE"
      | "CREATION"
      | "CREATION_FAILD"
      | "DELETING"
      | "DELETING_FAILED"
      | "ABNORMAL"
      | undefined
    >();
  });

  test("searchImages needs only the instance name; limit, offset and box are typed", () => {
    void client.searchImages({ instanceName: "i" });
    void client.searchImages({ instanceName: "i", file: "base64", limit: 10, offset: 0, box: { x: 0 } });
    expectTypeOf<SearchImagesInput["limit"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<SearchImagesInput["is_crop"]>().toEqualTypeOf<boolean | undefined>();
    // @ts-expect-error limit is a number
    void client.searchImages({ instanceName: "i", limit: "10" });
    expectTypeOf<NonNullable<SearchImagesResult["result"]>[number]["sim"]>().toEqualTypeOf<
      number | undefined
    >();
  });

  test('checkImage\'s exist is the string "true" or "false", not a boolean', () => {
    expectTypeOf(client.checkImage).returns.resolves.toEqualTypeOf<CheckImageResult>();
    expectTypeOf<CheckImageResult["exist"]>().toEqualTypeOf<"true" | "false">();
    // @ts-expect-error exist is not a boolean
    const exists: CheckImageResult = { exist: true };
    void exists;
  });

  test("deleteImage takes its path in the body, beside the instance name", () => {
    void client.deleteImage({ instanceName: "i", path: "p" });
    // @ts-expect-error path is a string
    void client.deleteImage({ instanceName: "i", path: 1 });
  });
});

describe("a client for some operations", () => {
  test("has the methods of the contracts it is given, typed as the whole client's, and no other", () => {
    const some = createImageSearchClientFor([modifyImage, getInstance], {
      endpoint: "https://x",
      projectId: "p",
      token: "t",
    });

    expectTypeOf(some.modifyImage).toEqualTypeOf<ImageSearchClient["modifyImage"]>();
    expectTypeOf(some.getInstance).toEqualTypeOf<ImageSearchClient["getInstance"]>();
    expectTypeOf(some.raw).toEqualTypeOf<ImageSearchClient["raw"]>();
    // @ts-expect-error no contract of addImage was given
    void some.addImage;
  });
});
