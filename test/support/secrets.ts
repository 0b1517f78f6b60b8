// The token every client test uses. It must never show up in an error, an event or any output;
// test/support/no-token-in-output.ts checks all output of every test file for it.
import { inspect } from "node:util";
import { expect } from "vitest";

export const TEST_TOKEN = "tok-CANARY-3f9a1c7e5b";

/** Every way a value gets shown: as text, its message and stack, as JSON, and inspected in full. */
function renderings(value: unknown): string[] {
  const shown = [
    String(value),
    String(JSON.stringify(value, (_, v) => (v instanceof Error ? { ...v, message: v.message } : v))),
  ];
  if (value instanceof Error) shown.push(value.message, String(value.stack));
  shown.push(inspect(value, { depth: 10, showHidden: true }));
  return shown;
}

/** Fails naming the secret if any of `values`, shown any way, contains one of `secrets`. */
export function expectNoSecret(values: readonly unknown[], secrets: readonly string[] = [TEST_TOKEN]): void {
  for (const value of values) {
    const shown = renderings(value).join("\n");
    for (const secret of secrets) expect(shown, "a secret shows in a value").not.toContain(secret);
  }
}
