// A runtime without Web Crypto cannot sign: that is the runtime's lack, reported as such, and not a
// fault in the credentials the caller passed.
import { afterEach, describe, expect, test, vi } from "vitest";
import { createAkSkSigner } from "../../../src/client/auth/signer.js";
import {
  createImageSearchClient,
  isInvalidInputError,
  isUnsupportedRuntimeError,
} from "../../../src/client/index.js";

const credentials = { accessKey: "AKEXAMPLE0123456789", secretKey: "sk-example" };

describe("without crypto.subtle", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  test("creating the signer throws UnsupportedRuntimeError naming the feature, not InvalidInputError", () => {
    vi.stubGlobal("crypto", undefined);
    const error = (() => {
      try {
        createAkSkSigner(credentials);
      } catch (thrown) {
        return thrown;
      }
    })();
    expect(isUnsupportedRuntimeError(error)).toBe(true);
    expect(isInvalidInputError(error)).toBe(false);
    expect(error).toMatchObject({ feature: "crypto.subtle", operation: "createImageSearchClient" });
    expect(String(error)).not.toContain(credentials.secretKey);
  });

  test("a client with credentials fails at creation with the same error", () => {
    vi.stubGlobal("crypto", {});
    expect(() =>
      createImageSearchClient({ endpoint: "https://imagesearch.example", projectId: "p", credentials }),
    ).toThrow(expect.objectContaining({ name: "UnsupportedRuntimeError", feature: "crypto.subtle" }));
  });

  test("a client with a token does not need it", () => {
    vi.stubGlobal("crypto", undefined);
    expect(() =>
      createImageSearchClient({ endpoint: "https://imagesearch.example", projectId: "p", token: "t" }),
    ).not.toThrow();
  });
});
