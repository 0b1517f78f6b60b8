// Per-attempt time limits on one shared timer. A setTimeout/clearTimeout pair per attempt costs about
// a tenth of a whole call; here an attempt only adds itself to a set, and the timer is re-armed only
// when a deadline comes earlier than the one it waits for.

interface Pending {
  at: number;
  expire: () => void;
}

export class Deadlines {
  readonly #pending = new Set<Pending>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedAt = Number.POSITIVE_INFINITY;

  /** Calls `expire` after `ms` unless the returned function is called first. */
  add(ms: number, expire: () => void): () => void {
    const entry: Pending = { at: performance.now() + ms, expire };
    this.#pending.add(entry);
    if (entry.at < this.#armedAt) this.#arm(entry.at);
    return () => this.#pending.delete(entry);
  }

  #arm(at: number): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#armedAt = at;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, at - performance.now()));
    // An idle timer must not keep a Node process alive; in-flight requests do that themselves.
    (this.#timer as { unref?: () => void }).unref?.();
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedAt = Number.POSITIVE_INFINITY;
    const now = performance.now();
    let next = Number.POSITIVE_INFINITY;
    for (const entry of this.#pending) {
      if (entry.at <= now) {
        this.#pending.delete(entry);
        entry.expire();
      } else if (entry.at < next) {
        next = entry.at;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}
