// State inferred from REST conventions, with no extension in the spec: a collection path with POST
// (create) and GET (list), and its item path `<collection>/{key}` with GET (read), PUT (replace), PATCH
// (update) and DELETE (delete). A collection below another resource's item path lives in that item.
import type { OpenAPIV3 } from "openapi-types";
import type { StatefulOperation, StateRole } from "../../../generated/shared-types.js";
import type { OperationAt } from "../../shared/openapi.js";
import {
  generatorOf,
  notFoundOf,
  pathParams,
  propertiesOf,
  requestSchema,
  responseSchema,
  schemaAt,
  shapeOf,
  successOf,
} from "./schema.js";

type Schema = OpenAPIV3.SchemaObject;
export type Inferred = Map<string, StatefulOperation | string>;

const ITEM_ROLES: Readonly<Record<string, StateRole>> = {
  get: "read",
  put: "replace",
  patch: "update",
  delete: "delete",
};

/** Each operation of a REST-shaped resource: how the state answers it, or why it cannot. */
export function inferResources(operations: readonly OperationAt[]): Inferred {
  const byPath = new Map<string, Map<string, OperationAt>>();
  for (const at of operations) byPath.set(at.path, (byPath.get(at.path) ?? new Map()).set(at.method, at));
  const inferred: Inferred = new Map();
  for (const [itemPath, itemOps] of byPath) {
    const match = /^(.*)\/\{([^}/]+)\}$/.exec(itemPath);
    const create = match ? byPath.get(match[1] ?? "")?.get("post") : undefined;
    if (!match || !create) continue;
    const collection = match[1] ?? "";
    const resource = resourceOf(collection, match[2] ?? "", create, itemOps, byPath);
    const members: [OperationAt | undefined, StateRole][] = [
      [create, "create"],
      [byPath.get(collection)?.get("get"), "list"],
      ...Object.entries(ITEM_ROLES).map(([method, role]): [OperationAt | undefined, StateRole] => [
        itemOps.get(method),
        role,
      ]),
    ];
    for (const [at, role] of members) {
      if (at) inferred.set(at.operationId, resource.operation(at, role));
    }
  }
  return inferred;
}

/** What the operations of one resource share, and each one's plan. */
function resourceOf(
  collection: string,
  param: string,
  create: OperationAt,
  itemOps: Map<string, OperationAt>,
  byPath: Map<string, Map<string, OperationAt>>,
) {
  const created = successOf(create.operation);
  const itemSchema =
    (created && responseSchema(create.operation, created.status)) ??
    responseSchema(itemOps.get("get")?.operation ?? { responses: {} }, "200") ??
    requestSchema(create.operation);
  const keyField = keyFieldOf(param, [itemSchema, requestSchema(create.operation)]);
  const keySchema =
    schemaAt(itemSchema, keyField) ?? pathParams(itemOps.values().next().value as OperationAt).get(param);
  const parentMatch = /^(.*)\/\{([^}/]+)\}$/.exec(collection);
  const parentCreate = parentMatch ? byPath.get(parentMatch[1] ?? "")?.get("post") : undefined;
  const parent =
    parentMatch && parentCreate ? { resource: parentMatch[1] ?? "", param: parentMatch[2] ?? "" } : undefined;
  const operation = (at: OperationAt, role: StateRole): StatefulOperation | string => {
    if (!created) return `${create.operationId}, which creates its items, documents no success response`;
    const success = successOf(at.operation);
    if (!success) return "it documents no success response";
    const scope = [...pathParams(at).keys()].filter((name) => name !== param && name !== parent?.param);
    const schema = responseSchema(at.operation, success.status);
    const listed = role === "list" ? listedItems(schema) : undefined;
    if (listed?.type !== undefined && listed.type !== "object")
      return `its list holds ${listed.type} values, not the items ${create.operationId} creates`;
    const shape = shapeOf(schema);
    const keyName = keyField.slice(1);
    const missing = notFoundOf(at.operation);
    const errors = {
      ...(missing && role !== "create" && role !== "list" ? { missing } : {}),
      ...(missing && parent ? { parent: missing } : {}),
    };
    return {
      resource: collection,
      role,
      origin: "inferred",
      scope,
      ...(parent ? { parent } : {}),
      ...(role === "create" || role === "list" ? {} : { key: { in: "path", name: param } }),
      keyField,
      generate: generatorOf(keySchema),
      success,
      answersItem: role !== "delete" && shape.properties?.[keyName] !== undefined,
      shape,
      errors,
      ...(role === "list" ? { list: listOf(at, schema, itemSchema) } : {}),
    };
  };
  return { operation };
}

/** The stored item's key: the field named as the path parameter, else `id`, else a field ending in id. */
function keyFieldOf(param: string, schemas: (Schema | undefined)[]): string {
  for (const schema of schemas) {
    const names = Object.keys(propertiesOf(schema) ?? {});
    const found =
      names.find((n) => n === param) ??
      names.find((n) => n === "id") ??
      names.find((n) => /id$/i.test(n) && param.toLowerCase().endsWith(n.toLowerCase()));
    if (found) return `/${found}`;
  }
  return `/${param}`;
}

/** The schema of the items a list answer holds: its own items, or those of its one array field. */
function listedItems(schema: Schema | undefined): Schema | undefined {
  const list =
    schema?.type === "array"
      ? schema
      : Object.values(propertiesOf(schema) ?? {}).find((field) => field.type === "array");
  return list?.type === "array" ? (list.items as Schema | undefined) : undefined;
}

/** Where a list answer holds its items, and the query parameters that filter or page them. */
function listOf(
  at: OperationAt,
  schema: Schema | undefined,
  itemSchema: Schema | undefined,
): NonNullable<StatefulOperation["list"]> {
  const arrayField = Object.entries(propertiesOf(schema) ?? {}).find(([, s]) => s.type === "array")?.[0];
  const fields = propertiesOf(itemSchema) ?? {};
  const query = at.parameters.filter((p) => p.in === "query").map((p) => p.name);
  const filters = Object.fromEntries(
    query.filter((name) => name in fields).map((name) => [name, `/${name}`]),
  );
  return {
    at: schema?.type === "array" || arrayField === undefined ? "" : `/${arrayField}`,
    filters,
    ...(query.includes("limit") ? { limit: "limit" } : {}),
    ...(query.includes("offset") ? { offset: "offset" } : {}),
  };
}
