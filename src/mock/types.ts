// The words the mocks' policy is written in: a request as either mock received it, what can be wrong
// with it, the named examples that answer that, and the verdict. Types only, and the two lists the
// spec's `x-mock-answers-violation` draws from.
import type {
  FallbackAnswer,
  OperationContract,
  OperationsTable,
  OperationPolicy as PolicyShape,
  StatePlan,
} from "../../generated/shared-types.js";

export type {
  StateAnswer,
  StateError,
  StatefulOperation,
  StatePlan,
  StateShape,
  StateSource,
} from "../../generated/shared-types.js";

/** Prism's own limit for a request body; both mocks refuse a larger one as too big. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;

export const LOCATIONS = ["request", "path", "header", "query", "body"] as const;
export type Location = (typeof LOCATIONS)[number];
export const KINDS = [
  "missing",
  "null",
  "empty",
  "type",
  "invalid",
  "not-json",
  "too-big",
  "method-not-allowed",
  "route-unknown",
] as const;
export type Kind = (typeof KINDS)[number];

/** One thing wrong with a request: where (`at` is a parameter name or a JSON pointer) and what. */
export interface Violation {
  in: Location;
  at: string;
  kind: Kind;
}

/** A named example of an error response, with the violations it answers. */
export interface Answer {
  status: number;
  name: string;
  value: unknown;
  selectors: readonly Violation[];
  /** Top-level keys of `value` whose text names the field at fault in `{field}` (`x-mock-message`). */
  message?: Readonly<Record<string, string>>;
}

/** What generated/<stem>.examples.ts's `policy` holds for one operation, its violations typed. */
export interface OperationPolicy extends PolicyShape {
  /** Every named JSON example of an error response, in spec order, without its value. */
  answers: readonly Omit<Answer, "value">[];
}

/**
 * The generated modules of one spec the mocks run on: generated/<spec>.operations.ts's `operations`
 * (by method name) and `servers`, and generated/<spec>.examples.ts's `examples` and `policy` (by
 * operationId).
 */
export interface Generated {
  operations: OperationsTable;
  /** The spec's server URLs: the first one's origin and path are where the MSW handlers answer by default. */
  servers?: readonly string[];
  examples: Readonly<
    Record<string, { responses: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>> }>
  >;
  policy: Readonly<Record<string, OperationPolicy>>;
  /** For each JSON response without an example, a body its schema accepts, by operationId and status. */
  samples?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  /** generated/<spec>.examples.ts's `state`: what the stateful mock remembers, per operation. */
  state?: StatePlan;
}

export interface Route {
  operationId: string;
  method: string;
  path: string;
  /** Matches the path, one group per path parameter. */
  pattern: RegExp;
  /** Like `pattern`, with no groups and no anchors, to find a documented path in a longer URL. */
  source: string;
  names: string[];
  contract: OperationContract;
  statuses: readonly string[];
  requestMediaTypes: readonly string[];
  /** Named examples by status, then by name. */
  examples: Readonly<Record<string, Readonly<Record<string, unknown>> | undefined>>;
  answers: Answer[];
  /** The answer to a violation none of `answers` is mapped to. */
  fallback: FallbackAnswer;
  /** For each JSON response without an example, a body its schema accepts, by status. */
  samples: Readonly<Record<string, unknown>>;
}

/** A request as either mock received it. */
export interface Call {
  method: string;
  /** The path below the API's root, as sent (still percent-encoded). */
  pathname: string;
  query: URLSearchParams;
  /** A header by lower-case name; repeated values joined with ", ". */
  header(name: string): string | undefined;
  body: Uint8Array;
  /** Whether the body was over the limit (then `body` is empty). */
  tooBig: boolean;
  /** A form body's fields as text (body.ts `readForm`), read before judging; `undefined` for no form. */
  form?: Record<string, unknown> | undefined;
}

/** A `Prefer` header's (or Prism's `__code`-style query's) checked choices. */
export interface Preferences {
  code?: number;
  example?: string;
  dynamic?: boolean;
  seed?: string;
}

export type Verdict =
  /** Serve the documented response: `status` is its key in the spec, `code` the status to send. */
  | {
      kind: "valid";
      route: Route;
      status: string;
      code: number;
      example: string | undefined;
      /** What the request's `Prefer` (or query) asked for, checked, for an engine that reads it itself. */
      prefer: Preferences;
    }
  | { kind: "refused"; status: number; body: unknown; violation?: Violation };
