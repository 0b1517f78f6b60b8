// Which part of a spec's contract cases one CI machine runs: `--shard i/n` splits the operations, in
// spec order, into n runs of about the same number of cases, so that the n machines of a workflow's
// matrix together run every case once. The split is by operation, not by test file (vitest's own
// --shard), because the whole suite is one file whose cases come from the spec.

export interface Shard {
  /** 1-based, as `--shard 1/2` writes it. */
  index: number;
  count: number;
}

/** The shard `text` names (`I/N`, 1 <= I <= N); undefined when it names none. */
export function parseShard(text: string): Shard | undefined {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || index < 1 || count < 1 || index > count) return undefined;
  return { index, count };
}

/**
 * The items of the shard, in their order: the i-th of n consecutive runs whose weights (cases per
 * operation) are about equal. Each item falls in exactly one shard: the one its weight's midpoint is in.
 */
export function inShard<T>(items: readonly T[], weight: (item: T) => number, shard: Shard): T[] {
  const weights = items.map((item) => Math.max(weight(item), 0));
  const total = weights.reduce((sum, w) => sum + w, 0);
  let before = 0;
  return items.filter((_, i) => {
    const w = weights[i] ?? 0;
    // With no weight at all, the items themselves are split evenly.
    const middle = total > 0 ? (before + w / 2) / total : (i + 0.5) / items.length;
    before += w;
    return Math.min(Math.floor(middle * shard.count), shard.count - 1) + 1 === shard.index;
  });
}

/** The operations of the shard, weighed by how many of `cases` each has. */
export function operationsInShard<T extends { operationId: string }>(
  operations: readonly T[],
  cases: readonly { operationId: string }[],
  shard: Shard,
): T[] {
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.operationId, (counts.get(c.operationId) ?? 0) + 1);
  return inShard(operations, (op) => counts.get(op.operationId) ?? 0, shard);
}
