// The stateful mock's plan for one spec: for each operation, how the state answers it (declared by
// its `x-mock-state`, else inferred from REST conventions), or why it answers from the examples.
// generated/<spec>.examples.ts carries it as data, `state`; src/mock/state/ runs it.
import type { OpenAPIV3 } from "openapi-types";
import type { StatefulOperation, StatePlan } from "../../../generated/shared-types.js";
import { keysOf } from "../../../src/client/json-pointer.js";
import { type OperationAt, operationsOf } from "../../shared/openapi.js";
import { declaredOperation, EXTENSION, type Refuse } from "./declared.js";
import { inferResources } from "./infer.js";
import { propertiesOf, requestSchema } from "./schema.js";

/** Where a node of the document is written, as an error naming it: path keys below the document. */
export type RefuseAt = (path: readonly (string | number)[], reason: string) => never;

/** The plan: every operation stateful or stateless with the reason; a declaration that names what the spec lacks throws. */
export function statePlan(api: OpenAPIV3.Document, refuseAt: RefuseAt): StatePlan {
  const all = operationsOf(api);
  const inferred = inferResources(all);
  const operations: Record<string, StatefulOperation> = {};
  const stateless: Record<string, string> = {};
  for (const at of all) {
    const raw = (at.operation as Record<string, unknown>)[EXTENSION];
    const refuse: Refuse = (where, reason) =>
      refuseAt(
        ["paths", at.path, at.method, EXTENSION, ...where],
        `${EXTENSION} of ${at.operationId}: ${reason}`,
      );
    const plan = raw === undefined ? inferred.get(at.operationId) : declaredOperation(at, raw, refuse);
    if (typeof plan === "object") operations[at.operationId] = plan;
    else stateless[at.operationId] = plan ?? "no REST resource shape and no x-mock-state";
  }
  joinDeclaredResources(all, operations);
  checkResources(all, operations, stateless, refuseAt);
  return { operations, stateless };
}

/**
 * An inferred operation on a collection whose create is declared acts on the declared resource: a list
 * added beside a declared create lists what that create stores, keyed as it keys them.
 */
function joinDeclaredResources(
  all: readonly OperationAt[],
  operations: Record<string, StatefulOperation>,
): void {
  const declared = new Map<string, StatefulOperation>();
  for (const at of all) {
    const op = operations[at.operationId];
    if (op?.origin === "declared" && op.role === "create") declared.set(at.path, op);
  }
  for (const op of Object.values(operations)) {
    const create = op.origin === "inferred" ? declared.get(op.resource) : undefined;
    if (create) Object.assign(op, { resource: create.resource, keyField: create.keyField });
    const parent = op.parent && op.origin === "inferred" ? declared.get(op.parent.resource) : undefined;
    if (parent && op.parent) op.parent = { ...op.parent, resource: parent.resource };
  }
}

/** Each resource needs an operation that creates it; a parent must be a resource; searched fields must be stored. */
function checkResources(
  all: readonly OperationAt[],
  operations: Record<string, StatefulOperation>,
  stateless: Record<string, string>,
  refuseAt: RefuseAt,
): void {
  const creates = new Map(
    Object.entries(operations)
      .filter(([, o]) => o.role === "create")
      .map(([id, o]) => [o.resource, id]),
  );
  const byId = new Map(all.map((at) => [at.operationId, at]));
  for (const [id, op] of Object.entries(operations)) {
    const at = byId.get(id) as OperationAt;
    const where = (rest: (string | number)[]) => ["paths", at.path, at.method, EXTENSION, ...rest];
    const createId = creates.get(op.resource);
    if (createId === undefined) {
      if (op.origin === "declared")
        refuseAt(
          where(["resource"]),
          `${EXTENSION} of ${id}: no operation creates the resource ${op.resource}`,
        );
      delete operations[id];
      stateless[id] = `no operation that creates ${op.resource} documents a success response`;
      continue;
    }
    if (op.parent && !creates.has(op.parent.resource)) {
      refuseAt(
        where(["parent", "resource"]),
        `${EXTENSION} of ${id}: no operation creates the resource ${op.parent.resource}`,
      );
    }
    const fields = storedFields(operations[createId] as StatefulOperation, byId.get(createId) as OperationAt);
    const stored = (pointer: string, rest: (string | number)[]) => {
      const first = keysOf(pointer)[0] ?? "";
      if (fields && !fields.has(first))
        refuseAt(where(rest), `${EXTENSION} of ${id}: ${pointer} is no field a stored ${op.resource} has`);
    };
    if (op.item)
      checkItem(id, op, Object.values(operations), (rest, reason) => refuseAt(where(rest), reason));
    for (const [declared, prefix] of [
      [op, []],
      [op.unkeyed, ["unkeyed"]],
    ] as const) {
      const search = declared?.search;
      for (const [i, m] of (search?.match ?? []).entries())
        stored(m.item, [...prefix, "search", "match", i, "item"]);
      if (search?.rank) stored(search.rank.item, [...prefix, "search", "rank", "item"]);
    }
  }
}

/** Each field a create stores must be one that an answer carrying the resource's items declares. */
function checkItem(
  id: string,
  create: StatefulOperation,
  all: StatefulOperation[],
  refuse: (rest: string[], reason: string) => never,
): void {
  const shapes = all
    .filter((o) => o.resource === create.resource)
    .flatMap((o) => [o, ...(o.unkeyed ? [o.unkeyed] : [])])
    .flatMap((o) => [...(o.answersItem ? [o.shape] : []), ...(o.search ? [o.search.result] : [])])
    .map((shape) => shape.properties)
    .filter((properties) => properties !== undefined);
  if (shapes.length === 0) return;
  for (const field of Object.keys(create.item ?? {})) {
    const first = keysOf(field)[0] ?? "";
    if (!shapes.some((properties) => first in properties)) {
      refuse(
        ["item", field],
        `${EXTENSION} of ${id}: ${field} is no field of any answer that carries a ${create.resource}`,
      );
    }
  }
}

/** The top-level fields a stored item has: the create's declared `item`, else its request body's properties. */
function storedFields(create: StatefulOperation, at: OperationAt): Set<string> | undefined {
  if (create.item) return new Set(Object.keys(create.item).map((p) => keysOf(p)[0] ?? ""));
  const properties = propertiesOf(requestSchema(at.operation));
  return properties ? new Set(Object.keys(properties)) : undefined;
}

/** The plan as the examples module's `state` export. */
export function stateExport(plan: StatePlan): string {
  return `/**
 * The stateful mock's plan (src/mock/state/): each operation it answers from its state, declared by
 * \`${EXTENSION}\` or inferred from REST conventions, and why each other one answers from the examples.
 */
export const state = ${JSON.stringify(plan, null, 2)} as const satisfies StatePlan;
`;
}
