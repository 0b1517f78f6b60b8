// What every role of the stateful mock works with: the store, the spec's plan and generated modules,
// the caps, the clock; and where in the store a request's items are.
import type { OperationContract } from "../../../generated/shared-types.js";
import type { Generated, StateError, StatefulOperation, StatePlan } from "../types.js";
import type { Scope, StateStore } from "./store.js";

/** A request the shared policy found valid, as the stateful mock reads it. */
export interface StatefulRequest {
  operationId: string;
  /** Path parameters by name, decoded. */
  params: Readonly<Record<string, string>>;
  query?: URLSearchParams;
  /** The parsed JSON body, if the request has one. */
  body: unknown;
}

/** How much the mock keeps, so that its memory stays bounded under any load (docs/stateful-mock.md). */
export interface StatefulLimits {
  /** Scopes (e.g. projects) held at once; beyond it the least recently used one is forgotten. */
  scopes: number;
  /** Items one scope may hold per resource, for a resource whose spec declares no `cap`. */
  items: number;
  /** Characters of stored JSON one scope may hold. */
  characters: number;
}

/** The mock's caps, not the provider's. */
export const STATEFUL_LIMITS: Readonly<StatefulLimits> = { scopes: 64, items: 1000, characters: 1024 * 1024 };

export interface Context {
  store: StateStore;
  limits: StatefulLimits;
  /** Caps per resource that replace the spec's `cap`. */
  caps: Readonly<Record<string, number>>;
  now: () => number;
  plan: StatePlan;
  generated: Generated;
  /** Each operation's contract (its response validators), by operationId. */
  contracts: ReadonlyMap<string, OperationContract>;
  /** Each resource's parent, and the resources that live in each one's items. */
  parents: ReadonlyMap<string, StatefulOperation["parent"]>;
  children: ReadonlyMap<string, readonly string[]>;
  /** The operation that creates each resource. */
  creates: ReadonlyMap<string, StatefulOperation>;
}

/** What a role decides: the body to answer, the operation's success example, or a refusal. */
export type Outcome = { body: unknown } | { example: true } | { error: StateError };

/** Where a request's items are: its scope (if held) and the key of its collection in the scope. */
export interface Place {
  scope: Scope | undefined;
  collection: string;
}

/** The key of a resource's collection for a request: the resource, within its parent item's. */
export function collectionKey(
  ctx: Context,
  resource: string,
  params: Readonly<Record<string, string>>,
): string {
  const parent = ctx.parents.get(resource);
  if (!parent) return resource;
  return childCollection(resource, params[parent.param] ?? "", collectionKey(ctx, parent.resource, params));
}

/** The collection of a resource that lives in one item of another collection. */
export function childCollection(resource: string, parentKey: string, parentCollection: string): string {
  return `${resource}\u0000${parentKey}\u0000${parentCollection}`;
}

/** The request's place, or the refusal when the parent item it lives in is not held. */
export function placeOf(
  ctx: Context,
  op: StatefulOperation,
  request: StatefulRequest,
): Place | { error: StateError } {
  const scopeParams = Object.fromEntries(op.scope.map((name) => [name, request.params[name] ?? ""]));
  const scope = ctx.store.find(scopeParams);
  if (op.parent) {
    const parents = scope?.collections.get(collectionKey(ctx, op.parent.resource, request.params));
    if (!parents?.has(request.params[op.parent.param] ?? "")) return { error: "parent" };
  }
  const opened = op.role === "create" ? ctx.store.open(scopeParams) : scope;
  return { scope: opened, collection: collectionKey(ctx, op.resource, request.params) };
}

/** The cap of items per scope for a resource: the one given, the spec's, else the mock's default. */
export function capOf(ctx: Context, op: StatefulOperation): number {
  return ctx.caps[op.resource] ?? ctx.creates.get(op.resource)?.cap ?? ctx.limits.items;
}
