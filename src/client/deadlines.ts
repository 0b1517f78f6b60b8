// Per-attempt time limits on one shared timer. A setTimeout/clearTimeout pair per attempt costs about
// a tenth of a whole call; here an attempt only adds itself to a map, and the timer is re-armed only
// when a deadline comes earlier than the one it waits for.

/** What waits for a deadline: told once, when the deadline passes, unless removed before. */
export interface Expiring {
  expire(): void;
}

export class Deadlines {
  // Each waiting object and when its deadline falls: no entry object or closure is made per attempt.
  readonly #pending = new Map<Expiring, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedAt = Number.POSITIVE_INFINITY;

  /** Calls `target.expire()` after `ms` unless `delete(target)` is called first. */
  add(ms: number, target: Expiring): void {
    const at = performance.now() + ms;
    this.#pending.set(target, at);
    if (at < this.#armedAt) this.#arm(at);
  }

  delete(target: Expiring): void {
    this.#pending.delete(target);
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
    for (const [target, at] of this.#pending) {
      if (at <= now) {
        this.#pending.delete(target);
        target.expire();
      } else if (at < next) {
        next = at;
      }
    }
    if (next !== Number.POSITIVE_INFINITY) this.#arm(next);
  }
}
