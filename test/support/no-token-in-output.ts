// Runs before every test file: records everything the file writes to the console, stdout or stderr,
// and fails the file if the test token shows up in any of it. What the client logs is asserted,
// not assumed.
import { afterAll, expect } from "vitest";
import { TEST_TOKEN } from "./secrets.js";

const seen: string[] = [];

/** Everything recorded so far in this file, for tests of the recorder itself. */
export function recordedOutput(): readonly string[] {
  return seen;
}

for (const method of ["log", "info", "warn", "error", "debug", "trace"] as const) {
  const original = console[method].bind(console);
  console[method] = (...args: unknown[]) => {
    seen.push(args.map((a) => (typeof a === "string" ? a : String(JSON.stringify(a) ?? a))).join(" "));
    original(...args);
  };
}
for (const stream of [process.stdout, process.stderr]) {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    seen.push(String(chunk));
    return original(chunk, ...rest);
  }) as typeof stream.write;
}

afterAll(() => {
  const leaks = seen.filter((text) => text.includes(TEST_TOKEN));
  expect(leaks, "the test token was written to the output").toEqual([]);
});
