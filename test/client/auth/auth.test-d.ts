// The client takes exactly one way to authenticate: a token or AK/SK credentials, never both.
import { describe, expectTypeOf, test } from "vitest";
import {
  type AkSkCredentials,
  createImageSearchClient,
  type ImageSearchClientOptions,
  type TokenSource,
} from "../../../src/client/index.js";

const base = { endpoint: "https://imagesearch.ap-southeast-1.myhuaweicloud.com", projectId: "p" };
const credentials = { accessKey: "AK", secretKey: "SK" };

describe("authentication options", () => {
  test("a token or credentials alone is accepted", () => {
    createImageSearchClient({ ...base, token: "t" });
    createImageSearchClient({ ...base, token: async ({ refresh }) => (refresh ? "new" : "cached") });
    createImageSearchClient({ ...base, credentials });
    createImageSearchClient({ ...base, credentials: { ...credentials, securityToken: "st" } });
  });

  test("both, or neither, is a type error", () => {
    // @ts-expect-error token and credentials exclude each other
    createImageSearchClient({ ...base, token: "t", credentials });
    // @ts-expect-error one of token and credentials is required
    createImageSearchClient({ ...base });
    // @ts-expect-error the secret key is required
    createImageSearchClient({ ...base, credentials: { accessKey: "AK" } });
  });

  test("each member of the union carries its own authentication", () => {
    expectTypeOf<
      Extract<ImageSearchClientOptions, { token: unknown }>["token"]
    >().toEqualTypeOf<TokenSource>();
    expectTypeOf<
      Extract<ImageSearchClientOptions, { credentials: unknown }>["credentials"]
    >().toEqualTypeOf<AkSkCredentials>();
  });
});
