// The package's `huaweicloud-image-search/msw` entry: MSW handlers that answer as the mock does, for
// frontend tests and Storybook with no mock process. `createHandlers` (handlers.ts) serves any spec's
// generated modules; the Image Search handlers are it on the specs this package bundles. It needs
// msw 2, which the client itself never imports.
import type { HttpHandler } from "msw";
import { examples, policy, samples, state } from "../../generated/image-search.examples.js";
import { operations, servers } from "../../generated/image-search.operations.js";
import * as v2Examples from "../../generated/image-search-v2.examples.js";
import * as v2Operations from "../../generated/image-search-v2.operations.js";
import { createHandlers, type HandlerOptions, type StatefulHandlers } from "./handlers.js";
import type { StatefulMockOptions } from "./stateful.js";

export { createHandlers, type HandlerOptions, type StatefulHandlers } from "./handlers.js";

type Examples = typeof examples;

/** The name of each Image Search 400 example: the error states `Prefer: code=400, example=NAME` selects. */
export type ErrorScenario = {
  [Op in keyof Examples]: keyof Examples[Op]["responses"]["400"] & string;
}[keyof Examples];

/** The Image Search v1 spec's handlers: {@link createHandlers} of its generated modules. */
export function createImageSearchHandlers(
  options: HandlerOptions & { stateful: true | StatefulMockOptions },
): StatefulHandlers;
export function createImageSearchHandlers(options?: HandlerOptions): HttpHandler[];
export function createImageSearchHandlers(options: HandlerOptions = {}): HttpHandler[] | StatefulHandlers {
  return createHandlers({ operations, servers, examples, policy, samples, state }, options);
}

/**
 * The Image Search v2 spec's handlers: {@link createHandlers} of its generated modules, answering
 * `https://mms.cn-north-4.myhuaweicloud.com` unless `baseUrl` says otherwise; with `stateful`, from
 * the state the spec declares (docs/stateful-mock.md).
 */
export function createImageSearchV2Handlers(
  options: HandlerOptions & { stateful: true | StatefulMockOptions },
): StatefulHandlers;
export function createImageSearchV2Handlers(options?: HandlerOptions): HttpHandler[];
export function createImageSearchV2Handlers(options: HandlerOptions = {}): HttpHandler[] | StatefulHandlers {
  const { examples, policy, samples, state } = v2Examples;
  return createHandlers(
    { operations: v2Operations.operations, servers: v2Operations.servers, examples, policy, samples, state },
    options,
  );
}
