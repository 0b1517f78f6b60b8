// How the stateful mock names and makes an item: its key from the request (a path parameter, a body
// field, or the stored item's key field), generated when the create request carries none; its value
// from the create's declared `item` sources, else the request body over the documented example.
import type { StatefulOperation } from "../types.js";
import type { Context, StatefulRequest } from "./context.js";
import type { Scope } from "./store.js";
import { copy, isGiven, isObject, setAt, valueAt } from "./values.js";

/** The key a request names its item by, as text; `undefined` when it names none. */
export function requestKey(op: StatefulOperation, request: StatefulRequest): string | undefined {
  const value =
    op.key?.in === "path"
      ? request.params[op.key.name]
      : valueAt(request.body, op.key?.pointer ?? op.keyField);
  return isGiven(value) && typeof value !== "object" ? String(value) : undefined;
}

/** The success answer's first named example, else its sample: the fixed parts of an answer. */
export function successTemplate(ctx: Context, operationId: string, op: StatefulOperation): unknown {
  const named = ctx.generated.examples[operationId]?.responses[op.success.status];
  const first = named ? Object.values(named)[0] : undefined;
  return copy(first ?? ctx.generated.samples?.[operationId]?.[op.success.status]);
}

/** A new key for a create that carries none: the next free number, a UUID, or the next free number as text. */
export function newKey(
  op: StatefulOperation,
  scope: Scope,
  held: ReadonlyMap<string, unknown>,
): string | number {
  if (op.generate === "uuid") return crypto.randomUUID();
  let next = scope.sequences.get(op.resource) ?? 0;
  do next += 1;
  while (held.has(String(next)));
  scope.sequences.set(op.resource, next);
  return op.generate === "integer" ? next : String(next);
}

/** The stored value a create or replace makes: by the declared `item`, else the body over the example. */
export function madeItem(
  ctx: Context,
  create: StatefulOperation,
  request: StatefulRequest,
  template: unknown,
): Record<string, unknown> {
  if (!create.item) {
    return { ...(isObject(template) ? template : {}), ...(isObject(request.body) ? copy(request.body) : {}) };
  }
  const item: Record<string, unknown> = {};
  for (const [pointer, source] of Object.entries(create.item)) {
    let value = source.request === undefined ? undefined : valueAt(request.body, source.request);
    if (value === undefined && "value" in source) value = source.value;
    if (value === undefined && source.now) value = ctx.now();
    if (value === undefined && source.example) value = valueAt(template, pointer);
    if (value !== undefined) setAt(item, pointer, copy(value));
  }
  return item;
}

/** The stored value an update makes: the fields the request carries, by the create's sources, over the item. */
export function updatedItem(
  create: StatefulOperation,
  request: StatefulRequest,
  item: Record<string, unknown>,
): Record<string, unknown> {
  const updated = copy(item);
  if (!create.item) return { ...updated, ...(isObject(request.body) ? copy(request.body) : {}) };
  for (const [pointer, source] of Object.entries(create.item)) {
    const value = source.request === undefined ? undefined : valueAt(request.body, source.request);
    if (value !== undefined) setAt(updated, pointer, copy(value));
  }
  return updated;
}
