// generated/shared-types.ts: the types every spec's generated modules are written against.
import { header } from "./module-text.js";

/** The one module, beside every spec's, that states the types they all share. */
export const SHARED_TYPES = "shared-types";

/**
 * The types the validators, operations, examples and policy of every spec are written against, stated
 * once. The client and the mocks read generated modules through them; they import nothing hand-written.
 */
export function sharedTypesModule(): string {
  return `${header("its own template")}\n\n${TYPES}`;
}

const TYPES = `/** One way in which a value fails a schema, as ajv reports it. */
export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled validator: true when the value fits; otherwise \`errors\` says why. */
export interface Validate {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

/** One parameter of an operation, as the client sends it and the mocks check it. */
export interface ParameterContract {
  /** The name on the wire. */
  name: string;
  in: "path" | "query" | "header" | "cookie";
  /** The name a caller gives it by: camelCase, made unique within the operation's input. */
  input: string;
  required: boolean;
  validate: Validate;
  /** Set only for an array or object value, which has to be serialised. */
  shape?: "array" | "object";
  /** Set only for a value written as JSON text (the parameter's \`content\` is JSON), not in a style. */
  json?: boolean;
  /** Set only where the spec departs from OpenAPI's default for the location. */
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
}

/** One credential a security scheme puts on a request: a header, query parameter or cookie by name. */
export interface Credential {
  scheme: string;
  in: "header" | "query" | "cookie";
  name: string;
  /** For http schemes: what the \`Authorization\` value is made of. */
  http?: "bearer" | "basic";
}

/** The request body: its media type, and whether a caller gives it field by field or whole, as \`body\`. */
export interface BodyContract {
  required: boolean;
  mediaType: string;
  /** \`fields\`: the body object's fields sit beside the parameters in the input; \`body\`: under \`body\`. */
  input: "fields" | "body";
  /** Absent for a body the spec gives no checkable schema (a file, say). */
  validate?: Validate;
}

/** A documented response: its JSON body's validator, or what it carries instead of JSON. */
export type ResponseContract = Validate | "empty" | "text";

/**
 * What one operation sends and receives, for the types only: the input a caller gives, the result a
 * call resolves to, and the body of each documented error response by status.
 */
export interface OperationShape {
  input: object;
  result: unknown;
  errors: object;
}

/**
 * One operation as generated/<spec>.operations.ts exports it, on its own and in the \`operations\`
 * table. \`~types\` is never set: it carries the operation's types to the client.
 */
export interface OperationContract<Name extends string = string, Shape extends OperationShape = OperationShape> {
  /** The name of a client's method for it: the operationId made an identifier. */
  name: Name;
  operationId: string;
  method: string;
  path: string;
  parameters: readonly ParameterContract[];
  /** Alternatives, each the credentials sent together; \`[]\` when the operation needs none. */
  security: readonly (readonly Credential[])[];
  requestBody: BodyContract | undefined;
  /** By status as the spec writes it: \`200\`, \`2XX\`, \`default\`. */
  responses: Readonly<Record<string, ResponseContract>>;
  /**
   * Set only when the spec says (\`x-idempotent\`) whether a call may be sent again, overriding its
   * method: always, never, or when the request body passes this check (\`x-idempotent: { body: <schema> }\`).
   */
  idempotent?: boolean | Validate;
  readonly "~types"?: Shape;
}

/** Every operation of a spec by the name a client's method takes. */
export type OperationsTable = Readonly<Record<string, OperationContract>>;

/** The body of a request or response's JSON media types (\`application/json\`, \`application/problem+json\` …). */
type JsonOf<T> = T extends { content: infer Content }
  ? { [Type in keyof Content]: Type extends \`\${string}json\${string}\` ? Content[Type] : never }[keyof Content]
  : never;

/** Named examples, by example name, in the order of the spec. */
export type NamedExamples<T> = Readonly<Record<string, T>>;

/** What generated/<spec>.examples.ts's \`examples\` holds for an operation of generated/<spec>.ts. */
export interface OperationExamples<Operation extends { requestBody?: unknown; responses: object }> {
  method: string;
  path: string;
  requestBody: NamedExamples<JsonOf<Operation["requestBody"]>>;
  responses: { [Status in keyof Operation["responses"]]?: NamedExamples<JsonOf<Operation["responses"][Status]>> };
}

/** The answer to a bad request that no error example of the spec is mapped to. */
export interface FallbackAnswer {
  /**
   * The status it is sent with: the operation's documented 400, else 422, else 400 for a \`4XX\` range or
   * \`default\`, else the first 4xx it documents; 400 for an operation that documents no error.
   */
  status: number;
  /** False for an operation that documents no error response: no answer to a bad request is inside its contract. */
  documented: boolean;
  /** A body the documented error schema accepts; none where the documented error has no JSON body. */
  value?: unknown;
  /** Top-level keys of \`value\` that say what was wrong with the request. */
  describe: readonly string[];
  /** Top-level keys of \`value\` that carry the mock's own code (\`MOCK.UNMAPPED\`, \`MOCK.PREFER\`). */
  codes: readonly string[];
}

/**
 * What generated/<spec>.examples.ts's \`policy\` holds for one operation: its documented statuses
 * (\`default\` included), its request media types, each named JSON example of an error response
 * with the violations it answers (\`x-mock-answers-violation\`), in spec order, and the answer to a
 * violation none of them is mapped to.
 */
export interface OperationPolicy {
  statuses: readonly string[];
  requestMediaTypes: readonly string[];
  answers: readonly {
    status: number;
    name: string;
    /** Top-level keys of the example whose text names the field at fault in \`{field}\` (\`x-mock-message\`). */
    message?: Readonly<Record<string, string>>;
    selectors: readonly { in: string; at: string; kind: string }[];
  }[];
  fallback: FallbackAnswer;
}

/** What a stateful operation does to the resource it acts on (docs/stateful-mock.md). */
export type StateRole = "create" | "read" | "replace" | "update" | "delete" | "list" | "exists" | "search";

/** Where a request names an item: a path parameter by name, or a body field by JSON pointer. */
export type StateKey = { in: "path"; name: string } | { in: "body"; pointer: string };

/** A documented answer the state sends: the status as the spec writes it, the one sent, a named example. */
export interface StateAnswer {
  status: string;
  code: number;
  example?: string;
  /** The body, where the response has no example: one its schema accepts, made for this status. */
  value?: unknown;
}

/** The properties a response schema declares, to cut a stored item down to them; absent: any. */
export interface StateShape {
  properties?: Readonly<Record<string, StateShape>>;
  items?: StateShape;
}

/** Where one field of a stored item comes from, tried in this order: request, value, now, example. */
export interface StateSource {
  request?: string;
  value?: unknown;
  now?: boolean;
  example?: boolean;
}

/** One operation the stateful mock answers from its state, as inferred from the spec or declared in it. */
export interface StatefulOperation {
  resource: string;
  role: StateRole;
  /** "inferred" from REST conventions, or "declared" by the spec's x-mock-state. */
  origin: "inferred" | "declared";
  /** The path parameters whose values partition the state (a project, a tenant). */
  scope: readonly string[];
  /** The item of another resource this one lives in, named by a path parameter. */
  parent?: { resource: string; param: string };
  key?: StateKey;
  /** Where the stored item keeps its key, as a JSON pointer. */
  keyField: string;
  /** How a key the create request does not carry is made. */
  generate: "integer" | "uuid" | "string";
  /** The documented success answer. */
  success: StateAnswer;
  /** Whether the success answer is the stored item (its schema declares the key field), else the example. */
  answersItem: boolean;
  /** The properties the success schema declares. */
  shape: StateShape;
  /** For create: how the stored item is made from the request; absent: the request's body. */
  item?: Readonly<Record<string, StateSource>>;
  /** Items of the resource one scope may hold (declared \`cap\`); absent: the mock's default. */
  cap?: number;
  /** The documented answers to what the state refuses. */
  errors: Readonly<Partial<Record<StateError, StateAnswer>>>;
  /** For exists: the response field that says so, and its two values. */
  found?: { at: string; yes: unknown; no: unknown };
  /** For exists: the response field that shows the held item's value at \`item\` (a pointer into it). */
  detail?: { at: string; item: string };
  /** A request field that, when true, lets a create replace a held key and a delete of no item succeed. */
  force?: string;
  /** Response fields every answer the state makes takes from the success example (declared \`fromExample\`). */
  fromExample?: readonly string[];
  /** What the operation does when the request names no item (declared \`unkeyed\`). */
  unkeyed?: StatefulOperation;
  /** For list: the array of items (pointer into the response, "" for the body), filters and paging. */
  list?: { at: string; filters: Readonly<Record<string, string>>; limit?: string; offset?: string };
  search?: StateSearch;
}

/** What the state refuses: an unknown item, an unknown parent, a duplicate key, no key, a cap, nothing to search by. */
export type StateError = "missing" | "parent" | "conflict" | "noKey" | "full" | "empty";

/** A declared search: the mock's own matching and ranking rules, by JSON pointers. */
export interface StateSearch {
  /**
   * Each request value an item's value must fit, by \`rule\`: \`contains\` (objects: every key equal;
   * arrays: every element held; else equal), \`any\` (per key of an object; a list: one element
   * shared or equal) or \`range\` (per key: a number within the request's \`bounds\`, inclusive).
   */
  match: readonly {
    request: string;
    item: string;
    rule?: "contains" | "any" | "range";
    bounds?: readonly [string, string];
  }[];
  /** The item whose field equals the request's comes first with score 1, the others 0; by match alone all 1. */
  rank?: { request: string; item: string; score: string; overriddenBy: readonly string[] };
  /** \`after\`: the request field holding the key of the last item of the previous page (a cursor). */
  page: { offset?: string; limit?: string; after?: string; defaultOffset: number; defaultLimit: number };
  /** The request field of the lowest score a result may have. */
  minScore?: string;
  results: string;
  total?: string;
  /** The response field of the number of results on the page. */
  returned?: string;
  /** The response field that gets the page's last result when more follow it (the next cursor). */
  next?: string;
  /** The shape of one result. */
  result: StateShape;
}

/** What generated/<spec>.examples.ts's \`state\` holds: the stateful operations, and why the others are not. */
export interface StatePlan {
  operations: Readonly<Record<string, StatefulOperation>>;
  stateless: Readonly<Record<string, string>>;
}
`;
