// State declared in the spec where REST conventions do not reach: an operation's `x-mock-state`
// (docs/stateful-mock.md, "The x-mock-state vocabulary"). Every name and pointer it holds is checked
// against the operation: one that names a field, parameter or example the spec does not have is an
// error that names the line.
import type { OpenAPIV3 } from "openapi-types";
import type {
  StateAnswer,
  StateError,
  StatefulOperation,
  StateKey,
  StateRole,
  StateSearch,
  StateSource,
} from "../../../generated/shared-types.js";
import type { OperationAt } from "../../shared/openapi.js";
import {
  generatorOf,
  namedAnswer,
  pathParams,
  requestSchema,
  responseSchema,
  schemaAt,
  shapeOf,
  successOf,
} from "./schema.js";

export const EXTENSION = "x-mock-state";
const ROLES: readonly StateRole[] = [
  "create",
  "read",
  "replace",
  "update",
  "delete",
  "list",
  "exists",
  "search",
];
const ERRORS: readonly StateError[] = ["missing", "parent", "conflict", "noKey", "full", "empty"];

/** Refuses a declaration: `at` is the path below the operation's `x-mock-state`. */
export type Refuse = (at: readonly (string | number)[], reason: string) => never;

type Declaration = Record<string, unknown>;
type Schema = OpenAPIV3.SchemaObject;

/** The operation's declared plan, checked against the operation; `refuse` throws naming the line. */
export function declaredOperation(at: OperationAt, raw: unknown, refuse: Refuse): StatefulOperation {
  const d = objectOr(raw, [], "must be an object", refuse);
  const resource = text(d.resource, ["resource"], refuse);
  const role = text(d.role, ["role"], refuse) as StateRole;
  if (!ROLES.includes(role)) refuse(["role"], `role must be one of ${ROLES.join(", ")}, got ${role}`);
  const success = successOf(at.operation) ?? refuse([], `${at.operationId} documents no success response`);
  const params = pathParams(at);
  const body = requestSchema(at.operation);
  const answer = responseSchema(at.operation, success.status);
  const inRequest = (pointer: unknown, where: (string | number)[]) => {
    const p = text(pointer, where, refuse);
    if (!schemaAt(body, p)) refuse(where, `${p} is no field of ${at.operationId}'s request body`);
    return p;
  };
  const inAnswer = (pointer: unknown, where: (string | number)[], schema = answer) => {
    const p = text(pointer, where, refuse);
    if (!schemaAt(schema, p))
      refuse(where, `${p} is no field of ${at.operationId}'s ${success.status} response`);
    return p;
  };
  const parent = d.parent === undefined ? undefined : parentOf(d.parent, params, refuse);
  const key = keyOf(d.key, params, inRequest);
  const item = d.item === undefined ? undefined : itemOf(d.item, inRequest, refuse);
  const keyField = keyFieldOf(key, item);
  const scope = [...params.keys()].filter(
    (n) => n !== parent?.param && !(key?.in === "path" && key.name === n),
  );
  const shape = shapeOf(answer);
  return {
    resource,
    role,
    origin: "declared",
    scope,
    ...(parent ? { parent } : {}),
    ...(key ? { key } : {}),
    keyField,
    generate: generatorOf(key?.in === "body" ? schemaAt(body, key.pointer) : params.get(key?.name ?? "")),
    success,
    answersItem: role !== "delete" && shape.properties?.[keyField.slice(1)] !== undefined,
    shape,
    ...(item ? { item } : {}),
    ...(d.cap === undefined ? {} : { cap: capOf(d.cap, refuse) }),
    errors: errorsOf(d.errors, at.operation, refuse),
    ...(d.found === undefined ? {} : { found: foundOf(inAnswer(d.found, ["found"]), answer) }),
    ...(d.detail === undefined ? {} : { detail: detailOf(d.detail, inAnswer, refuse) }),
    ...(d.force === undefined ? {} : { force: inRequest(d.force, ["force"]) }),
    ...(d.fromExample === undefined
      ? {}
      : {
          fromExample: (Array.isArray(d.fromExample) ? d.fromExample : [d.fromExample]).map((p, i) =>
            inAnswer(p, ["fromExample", i]),
          ),
        }),
    ...(d.unkeyed === undefined
      ? {}
      : { unkeyed: unkeyedOf(at, resource, d.unkeyed, (w, r) => refuse(["unkeyed", ...w], r)) }),
    ...(d.search === undefined
      ? {}
      : { search: searchOf(d.search, body, answer, inRequest, inAnswer, refuse) }),
  };
}

/** The declaration for a request that names no item: the same vocabulary, the same resource. */
function unkeyedOf(at: OperationAt, resource: string, raw: unknown, refuse: Refuse): StatefulOperation {
  const d = objectOr(raw, [], "unkeyed must be an object", refuse);
  if (d.unkeyed !== undefined) refuse(["unkeyed"], "an unkeyed declaration has no unkeyed of its own");
  return declaredOperation(at, { resource, ...d }, refuse);
}

function detailOf(
  raw: unknown,
  inAnswer: (p: unknown, w: (string | number)[]) => string,
  refuse: Refuse,
): { at: string; item: string } {
  const d = objectOr(raw, ["detail"], "detail must be { at, item }", refuse);
  return { at: inAnswer(d.at, ["detail", "at"]), item: text(d.item, ["detail", "item"], refuse) };
}

function parentOf(raw: unknown, params: Map<string, unknown>, refuse: Refuse) {
  const p = objectOr(raw, ["parent"], "parent must be { resource, param }", refuse);
  const param = text(p.param, ["parent", "param"], refuse);
  if (!params.has(param)) refuse(["parent", "param"], `${param} is no path parameter of the operation`);
  return { resource: text(p.resource, ["parent", "resource"], refuse), param };
}

/** The key: a path parameter by name, else a body field by JSON pointer. */
function keyOf(
  raw: unknown,
  params: Map<string, unknown>,
  inRequest: (p: unknown, w: string[]) => string,
): StateKey | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw === "string" && params.has(raw)) return { in: "path", name: raw };
  return { in: "body", pointer: inRequest(raw, ["key"]) };
}

/** The stored item's fields by pointer; plan.ts checks each against the answers that carry items. */
function itemOf(
  raw: unknown,
  inRequest: (p: unknown, w: (string | number)[]) => string,
  refuse: Refuse,
): Record<string, StateSource> {
  const item = objectOr(raw, ["item"], "item must map the stored item's pointers to sources", refuse);
  return Object.fromEntries(
    Object.entries(item).map(([field, source]) => {
      if (!field.startsWith("/")) refuse(["item", field], `${field} must be a JSON pointer`);
      const s = objectOr(source, ["item", field], "a source is { request, value, now, example }", refuse);
      if (s.request !== undefined) inRequest(s.request, ["item", field, "request"]);
      return [field, s as StateSource];
    }),
  );
}

/** Where the stored item keeps its key: the field the key's request field fills, else the key's own. */
function keyFieldOf(key: StatefulOperation["key"], item: Record<string, StateSource> | undefined): string {
  if (key?.in !== "body") return key ? `/${key.name}` : "/id";
  const filled = Object.entries(item ?? {}).find(([, s]) => s.request === key.pointer)?.[0];
  return filled ?? key.pointer;
}

function errorsOf(
  raw: unknown,
  op: OpenAPIV3.OperationObject,
  refuse: Refuse,
): Partial<Record<StateError, StateAnswer>> {
  if (raw === undefined) return {};
  const errors = objectOr(raw, ["errors"], "errors must map a case to an example name", refuse);
  return Object.fromEntries(
    Object.entries(errors).map(([kind, name]) => {
      if (!ERRORS.includes(kind as StateError))
        refuse(["errors", kind], `errors has no case ${kind} (${ERRORS.join(", ")})`);
      const named = namedAnswer(op, text(name, ["errors", kind], refuse));
      return [
        kind,
        named ?? refuse(["errors", kind], `the operation documents no example named ${String(name)}`),
      ];
    }),
  );
}

function foundOf(at: string, answer: Schema | undefined) {
  const schema = schemaAt(answer, at);
  return schema?.type === "boolean" ? { at, yes: true, no: false } : { at, yes: "true", no: "false" };
}

function capOf(raw: unknown, refuse: Refuse): number {
  if (Number.isInteger(raw) && (raw as number) >= 1) return raw as number;
  return refuse(["cap"], `cap must be a whole number of at least 1, got ${String(raw)}`);
}

function searchOf(
  raw: unknown,
  body: Schema | undefined,
  answer: Schema | undefined,
  inRequest: (p: unknown, w: (string | number)[]) => string,
  inAnswer: (p: unknown, w: (string | number)[], s?: Schema) => string,
  refuse: Refuse,
): StateSearch {
  const s = objectOr(raw, ["search"], "search must be an object", refuse);
  const match = Array.isArray(s.match) ? s.match : [];
  const results = inAnswer(s.results, ["search", "results"]);
  const resultSchema = (schemaAt(answer, results) as OpenAPIV3.ArraySchemaObject | undefined)?.items as
    | Schema
    | undefined;
  const page = objectOr(s.page ?? {}, ["search", "page"], "page must be { offset, limit }", refuse);
  const defaultOf = (name: "offset" | "limit", fallback: number) =>
    page[name] === undefined
      ? fallback
      : typeof page[name] === "number"
        ? sizeOf(page[name], ["search", "page", name], refuse)
        : ((schemaAt(body, inRequest(page[name], ["search", "page", name]))?.default as number | undefined) ??
          fallback);
  const rank =
    s.rank === undefined ? undefined : objectOr(s.rank, ["search", "rank"], "rank must be an object", refuse);
  return {
    match: match.map((m, i) => {
      const entry = objectOr(m, ["search", "match", i], "a match is { request, item }", refuse);
      return {
        request: inRequest(entry.request, ["search", "match", i, "request"]),
        item: text(entry.item, ["search", "match", i, "item"], refuse),
        ...ruleOf(entry, ["search", "match", i], refuse),
      };
    }),
    ...(rank
      ? {
          rank: {
            request: inRequest(rank.request, ["search", "rank", "request"]),
            item: text(rank.item, ["search", "rank", "item"], refuse),
            score: inAnswer(rank.score, ["search", "rank", "score"], resultSchema),
            overriddenBy: (Array.isArray(rank.overriddenBy) ? rank.overriddenBy : []).map((p, i) =>
              inRequest(p, ["search", "rank", "overriddenBy", i]),
            ),
          },
        }
      : {}),
    page: {
      ...(typeof page.offset === "string" ? { offset: page.offset } : {}),
      ...(typeof page.limit === "string" ? { limit: page.limit } : {}),
      ...(page.after === undefined ? {} : { after: inRequest(page.after, ["search", "page", "after"]) }),
      defaultOffset: defaultOf("offset", 0),
      defaultLimit: defaultOf("limit", 10),
    },
    results,
    ...(s.total === undefined ? {} : { total: inAnswer(s.total, ["search", "total"]) }),
    ...(s.returned === undefined ? {} : { returned: inAnswer(s.returned, ["search", "returned"]) }),
    ...(s.next === undefined ? {} : { next: inAnswer(s.next, ["search", "next"]) }),
    ...(s.minScore === undefined ? {} : { minScore: inRequest(s.minScore, ["search", "minScore"]) }),
    result: shapeOf(resultSchema),
  };
}

const RULES = ["contains", "any", "range"] as const;

/** A match's rule (default \`contains\`); \`range\` names its request's two bounds. */
function ruleOf(entry: Declaration, at: (string | number)[], refuse: Refuse) {
  if (entry.rule === undefined) return {};
  const rule = entry.rule as (typeof RULES)[number];
  if (!RULES.includes(rule)) refuse([...at, "rule"], `rule must be one of ${RULES.join(", ")}`);
  if (rule !== "range") return { rule };
  const bounds = entry.bounds;
  if (
    !Array.isArray(bounds) ||
    bounds.length !== 2 ||
    !bounds.every((b) => typeof b === "string" && b !== "")
  )
    refuse([...at, "bounds"], "a range's bounds are [lower, upper], the names of its two fields");
  return { rule, bounds: bounds as [string, string] };
}

function sizeOf(raw: unknown, at: (string | number)[], refuse: Refuse): number {
  if (Number.isInteger(raw) && (raw as number) >= 1) return raw as number;
  return refuse(at, `a fixed page size must be a whole number of at least 1, got ${String(raw)}`);
}

function objectOr(raw: unknown, at: (string | number)[], reason: string, refuse: Refuse): Declaration {
  if (typeof raw === "object" && raw !== null && !Array.isArray(raw)) return raw as Declaration;
  return refuse(at, reason);
}

function text(raw: unknown, at: (string | number)[], refuse: Refuse): string {
  return typeof raw === "string" && raw !== ""
    ? raw
    : refuse(at, `${at.join(".") || "value"} must be a non-empty text`);
}
