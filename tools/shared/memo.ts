// A small cache of promises by key, for work the dev loop and the tests repeat on the same input
// (parsing a spec version, generating its types): a failure is not kept, and past `limit` entries
// the cache starts again rather than grow, since only the last few inputs come back.

/** `compute`, cached by `keyOf(input)`. */
export function memoize<Input, Output>(
  compute: (input: Input) => Promise<Output>,
  keyOf: (input: Input) => string,
  limit: number,
): (input: Input) => Promise<Output> {
  const cache = new Map<string, Promise<Output>>();
  return (input) => {
    const key = keyOf(input);
    let output = cache.get(key);
    if (!output) {
      if (cache.size > limit) cache.clear();
      output = compute(input);
      output.catch(() => cache.delete(key));
      cache.set(key, output);
    }
    return output;
  };
}
