// What the package's main entry offers at run time: the client, the IAM provider, the signer, the error
// classes with their guards, and the documented defaults and limits. No internal (a signer's header
// list, a payload marker) is part of it; tests reach those in their own modules.
import { expect, test } from "vitest";
import { operations as operationTypes } from "../../generated/image-search.operations.js";
import { operations as v2OperationTypes } from "../../generated/image-search-v2.operations.js";
import * as contracts from "../../src/client/contracts.js";
import * as v2Contracts from "../../src/client/contracts-v2.js";
import * as entry from "../../src/client/index.js";

test("the main entry exports the public API and nothing else", () => {
  expect(Object.keys(entry).sort()).toEqual([
    "ApiError",
    "BODY_EXCERPT_LIMIT",
    "ClientError",
    "DEFAULT_DEADLINE_MS",
    "DEFAULT_MAX_PAGES",
    "DEFAULT_MAX_RESPONSE_BYTES",
    "DEFAULT_REFRESH_BEFORE_MS",
    "DEFAULT_RETRY",
    "DEFAULT_TIMEOUT_MS",
    "IamError",
    "ImageSearchError",
    "InvalidInputError",
    "MESSAGE_TEXT_LIMIT",
    "NetworkError",
    "PageLimitError",
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
    "createImageSearchV2Client",
    "createImageSearchV2ClientFor",
    "cursorItems",
    "iamTokenProvider",
    "isApiError",
    "isClientError",
    "isIamError",
    "isImageSearchError",
    "isInvalidInputError",
    "isNetworkError",
    "isPageLimitError",
    "isRedirectError",
    "isResponseTooLargeError",
    "isTimeoutError",
    "isTokenProviderError",
    "isUnexpectedResponseError",
    "isUnsupportedRuntimeError",
  ]);
});

test("the operations entry exports each operation's contract by its method name, the table of them all, the servers and the credential refusals", () => {
  const names = Object.keys(operationTypes);

  expect(Object.keys(contracts).sort()).toEqual(
    [...names, "credentialRefusals", "operations", "servers"].sort(),
  );
  for (const name of names)
    expect((contracts as Record<string, unknown>)[name]).toBe(
      operationTypes[name as keyof typeof operationTypes],
    );
});

test("the v2 operations entry exports each v2 operation's contract by its method name, the table of them all, the servers and the credential refusals", () => {
  const names = Object.keys(v2OperationTypes);

  expect(Object.keys(v2Contracts).sort()).toEqual(
    [...names, "credentialRefusals", "operations", "servers"].sort(),
  );
  for (const name of names)
    expect((v2Contracts as Record<string, unknown>)[name]).toBe(
      v2OperationTypes[name as keyof typeof v2OperationTypes],
    );
});
