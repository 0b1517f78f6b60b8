// The IAM token provider follows the client's rules for the options they share and for describing a
// failure that got no response.
import { describe, expect, test } from "vitest";
import { iamTokenProvider, isInvalidInputError, isNetworkError } from "../../../src/client/index.js";

const options = {
  iamEndpoint: "https://iam.ap-southeast-1.myhuaweicloud.com",
  user: "alice",
  password: "a-password",
  domain: "example-account",
  project: "ap-southeast-1",
};

describe("the IAM token provider", () => {
  test("refuses a fetch that is not a function when it is made, as the client does", () => {
    const make = () => iamTokenProvider({ ...options, fetch: "not a function" as unknown as typeof fetch });
    expect(make).toThrow(expect.objectContaining({ name: "InvalidInputError", field: "fetch" }));
    let thrown: unknown;
    try {
      make();
    } catch (error) {
      thrown = error;
    }
    expect(isInvalidInputError(thrown)).toBe(true);
  });

  test("names a connection failure by the host and port, its type and its inner error's code, never its message", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), { code: "ECONNREFUSED" });
    const provider = iamTokenProvider({
      ...options,
      fetch: async () => {
        throw new TypeError("fetch failed", { cause: refused });
      },
    });
    const error = await provider().catch((e: unknown) => e);
    expect(isNetworkError(error)).toBe(true);
    expect((error as Error).message).toBe(
      "createUserToken failed before a response from iam.ap-southeast-1.myhuaweicloud.com:443: TypeError: Error ECONNREFUSED",
    );
    expect((error as Error).message).not.toContain("10.0.0.1");
  });
});
