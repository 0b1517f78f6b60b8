// What the package's main entry offers at run time: the client, the IAM provider, the signer, the error
// classes with their guards, and the documented defaults and limits. No internal (a signer's header
// list, a payload marker) is part of it; tests reach those in their own modules.
import { expect, test } from "vitest";
import { operations as operationTypes } from "../../generated/image-search.operations.js";
import * as contracts from "../../src/client/contracts.js";
import * as entry from "../../src/client/index.js";

test("the main entry exports the public API and nothing else", () => {
  expect(Object.keys(entry).sort()).toEqual([
    "ApiError",
    "BODY_EXCERPT_LIMIT",
    "ClientError",
    "DEFAULT_DEADLINE_MS",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_REFRESH_BEFORE_MS",
    "DEFAULT_RETRY",
    "DEFAULT_TIMEOUT_MS",
    "IamError",
    "ImageSearchError",
    "InvalidInputError",
    "MESSAGE_TEXT_LIMIT",
    "NetworkError",
    "RedirectError",
    "ResponseTooLargeError",
    "TimeoutError",
    "TokenProviderError",
    "UnexpectedResponseError",
    "UnsupportedRuntimeError",
    "VERSION",
    "createAkSkSigner",
    "createClient",
    "createImageSearchClient",
    "createImageSearchClientFor",
    "iamTokenProvider",
    "isApiError",
    "isClientError",
    "isIamError",
    "isImageSearchError",
    "isInvalidInputError",
    "isNetworkError",
    "isRedirectError",
    "isResponseTooLargeError",
    "isTimeoutError",
    "isTokenProviderError",
    "isUnexpectedResponseError",
    "isUnsupportedRuntimeError",
  ]);
});

test("the operations entry exports each operation's contract by its method name, the table of them all and the servers", () => {
  const names = Object.keys(operationTypes);

  expect(Object.keys(contracts).sort()).toEqual([...names, "operations", "servers"].sort());
  for (const name of names)
    expect((contracts as Record<string, unknown>)[name]).toBe(
      operationTypes[name as keyof typeof operationTypes],
    );
});
