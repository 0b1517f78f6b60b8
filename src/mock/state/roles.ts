// What each role does to the state, and what it decides to answer (answers.ts makes the answer).
// Every role checks in the same order: the parent item, the key, the item, then the caps.
import type { StatefulOperation } from "../types.js";
import {
  type Context,
  capOf,
  childCollection,
  type Outcome,
  placeOf,
  type StatefulRequest,
} from "./context.js";
import { madeItem, newKey, requestKey, successTemplate, updatedItem } from "./items.js";
import { listPage } from "./list.js";
import { findPage, searchPage } from "./search.js";
import { type Item, type Scope, sizeOf } from "./store.js";
import { setAt, valueAt } from "./values.js";

type Role = (ctx: Context, operationId: string, op: StatefulOperation, request: StatefulRequest) => Outcome;

const answered = (op: StatefulOperation, item: Item): Outcome =>
  op.answersItem ? { body: item.value } : { example: true };

/** Stores a new item; one whose key is held is refused as a conflict when the spec says so, else replaced. */
const create: Role = (ctx, operationId, op, request) => {
  const place = placeOf(ctx, op, request);
  if ("error" in place) return place;
  const scope = place.scope as Scope;
  const items = scope.collections.get(place.collection) ?? new Map<string, Item>();
  const given = requestKey(op, request);
  const previous = given === undefined ? undefined : items.get(given);
  if (previous && op.errors.conflict && !forced(op, request)) return { error: "conflict" };
  if (!previous && (scope.counts.get(op.resource) ?? 0) >= capOf(ctx, op)) return { error: "full" };
  const value = madeItem(ctx, op, request, successTemplate(ctx, operationId, op));
  const key = given ?? newKey(op, scope, items);
  if (!op.item) setAt(value, op.keyField, given === undefined ? key : (value[op.keyField.slice(1)] ?? key));
  const stored = put(ctx, scope, op.resource, place.collection, String(key), value);
  return stored ? answered(op, stored) : { error: "full" };
};

const read: Role = (ctx, _id, op, request) => {
  const found = held(ctx, op, request);
  return "error" in found ? found : { body: found.item.value };
};

/** Replaces the item with one made from the request as its create makes one, keeping its key. */
const replace: Role = (ctx, operationId, op, request) => {
  const found = held(ctx, op, request);
  if ("error" in found) return found;
  const create = ctx.creates.get(op.resource) as StatefulOperation;
  const value = madeItem(ctx, create, request, successTemplate(ctx, operationId, op));
  setAt(value, op.keyField, found.item.value[op.keyField.slice(1)]);
  const stored = put(ctx, found.scope, op.resource, found.collection, found.key, value);
  return stored ? answered(op, stored) : { error: "full" };
};

const update: Role = (ctx, _id, op, request) => {
  const found = held(ctx, op, request);
  if ("error" in found) return found;
  const create = ctx.creates.get(op.resource) as StatefulOperation;
  const value = updatedItem(create, request, found.item.value);
  setAt(value, op.keyField, found.item.value[op.keyField.slice(1)]);
  const stored = put(ctx, found.scope, op.resource, found.collection, found.key, value);
  return stored ? answered(op, stored) : { error: "full" };
};

/** Removes the item and every item that lives in it; a forced delete of no item succeeds. */
const remove: Role = (ctx, _id, op, request) => {
  if (op.search) return removeMatches(ctx, op, request);
  const found = held(ctx, op, request);
  if ("error" in found) return found.error === "missing" && forced(op, request) ? { example: true } : found;
  drop(ctx, found.scope, op.resource, found.collection, found.key);
  return { example: true };
};

/** A delete that declares a search: removes the page of matches, answered as the search answers. */
function removeMatches(ctx: Context, op: StatefulOperation, request: StatefulRequest): Outcome {
  const found = findPage(ctx, op, request);
  if ("error" in found) return found;
  for (const match of found.page) {
    if (found.scope) drop(ctx, found.scope, op.resource, found.collection, match.key);
  }
  return { body: found.body };
}

const exists: Role = (ctx, _id, op, request) => {
  const found = held(ctx, op, request);
  if ("error" in found && found.error !== "missing") return found;
  const body = {};
  const { at, yes, no } = op.found ?? { at: "/exists", yes: true, no: false };
  setAt(body, at, "error" in found ? no : yes);
  if (op.detail && !("error" in found)) setAt(body, op.detail.at, valueAt(found.item.value, op.detail.item));
  return { body };
};

/** Whether the request sets the operation's declared `force` field to true. */
function forced(op: StatefulOperation, request: StatefulRequest): boolean {
  return op.force !== undefined && valueAt(request.body, op.force) === true;
}

export const ROLES: Readonly<Record<StatefulOperation["role"], Role>> = {
  create,
  read,
  replace,
  update,
  delete: remove,
  exists,
  list: listPage,
  search: searchPage,
};

/** The item a request names, where it is; or the refusal: no parent, no key, no such item. */
function held(ctx: Context, op: StatefulOperation, request: StatefulRequest) {
  const place = placeOf(ctx, op, request);
  if ("error" in place) return place;
  const key = requestKey(op, request);
  if (key === undefined) return { error: op.errors.noKey ? ("noKey" as const) : ("missing" as const) };
  const item = place.scope?.collections.get(place.collection)?.get(key);
  if (!item || !place.scope) return { error: "missing" as const };
  return { scope: place.scope, collection: place.collection, key, item };
}

/** Stores a value under its key, counting it; `undefined` (and nothing stored) past the scope's characters. */
function put(
  ctx: Context,
  scope: Scope,
  resource: string,
  collection: string,
  key: string,
  value: Record<string, unknown>,
): Item | undefined {
  const items = scope.collections.get(collection) ?? new Map<string, Item>();
  const previous = items.get(key);
  const item = { value, size: sizeOf(value) + key.length };
  if (scope.characters + item.size - (previous?.size ?? 0) > ctx.limits.characters) return undefined;
  items.set(key, item);
  scope.collections.set(collection, items);
  scope.characters += item.size - (previous?.size ?? 0);
  if (!previous) scope.counts.set(resource, (scope.counts.get(resource) ?? 0) + 1);
  return item;
}

/** Forgets an item and, first, the collections that live in it. */
function drop(ctx: Context, scope: Scope, resource: string, collection: string, key: string): void {
  for (const child of ctx.children.get(resource) ?? []) {
    const inside = childCollection(child, key, collection);
    for (const childKey of [...(scope.collections.get(inside)?.keys() ?? [])])
      drop(ctx, scope, child, inside, childKey);
    scope.collections.delete(inside);
  }
  const items = scope.collections.get(collection);
  const item = items?.get(key);
  if (!items || !item) return;
  items.delete(key);
  scope.characters -= item.size;
  scope.counts.set(resource, (scope.counts.get(resource) ?? 1) - 1);
}
