// What the stateful mock holds: per scope (the values of an operation's scope parameters, e.g. one
// project id), each resource's items by key, one collection per parent item. The number of scopes is
// bounded by forgetting the least recently used one; what one scope holds is bounded by the caller,
// which refuses a call past a cap before it stores anything.

/** One stored item: its value and what it costs to keep (see `sizeOf`). */
export interface Item {
  value: Record<string, unknown>;
  size: number;
}

export interface Scope {
  /** The scope parameters' values, by name, that reset matches against. */
  params: Readonly<Record<string, string>>;
  /** Items by key, per collection (see `collectionKey`), each in the order first stored. */
  collections: Map<string, Map<string, Item>>;
  /** Items held per resource, across its collections. */
  counts: Map<string, number>;
  /** Characters of stored JSON held across the scope. */
  characters: number;
  /** The last generated number key, per resource. */
  sequences: Map<string, number>;
}

/** The stored size of a value: the length of its JSON, a fair measure of what it costs to keep. */
export function sizeOf(value: unknown): number {
  return JSON.stringify(value)?.length ?? 0;
}

export class StateStore {
  // A Map iterates in insertion order: re-inserting a scope on use keeps the oldest use first.
  private readonly scopes = new Map<string, Scope>();

  constructor(private readonly maxScopes: number) {}

  /** The scope if the mock holds it (a read never creates one), marked as just used. */
  find(params: Readonly<Record<string, string>>): Scope | undefined {
    const id = scopeId(params);
    const scope = this.scopes.get(id);
    if (scope) this.touch(id, scope);
    return scope;
  }

  /** The scope, created empty if need be; past the cap the least recently used is dropped. */
  open(params: Readonly<Record<string, string>>): Scope {
    const scope = this.find(params) ?? {
      params,
      collections: new Map(),
      counts: new Map(),
      characters: 0,
      sequences: new Map(),
    };
    this.touch(scopeId(params), scope);
    for (const oldest of this.scopes.keys()) {
      if (this.scopes.size <= this.maxScopes) break;
      this.scopes.delete(oldest);
    }
    return scope;
  }

  /** Forgets every scope whose parameters include all of `match`; every scope when it names none. */
  reset(match: Readonly<Record<string, string>> = {}): void {
    for (const [id, scope] of this.scopes) {
      if (Object.entries(match).every(([name, value]) => scope.params[name] === value))
        this.scopes.delete(id);
    }
  }

  /** How many scopes the mock holds now. */
  get size(): number {
    return this.scopes.size;
  }

  private touch(id: string, scope: Scope): void {
    this.scopes.delete(id);
    this.scopes.set(id, scope);
  }
}

function scopeId(params: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
