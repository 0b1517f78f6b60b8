// What `npm run mock -- --stateful` says before it serves: per operation, what the state remembers
// and which operations answer from the examples, with the reason; then the "Try it" flow. A spec
// where nothing can be stateful is refused (exit 2) unless --allow-stateless says to go on.
import type { IHttpOperation } from "@stoplight/types";
import { describeState, RESET_PATH } from "../../src/mock/stateful.js";
import type { Generated } from "../../src/mock/types.js";
import { flowLines } from "./try-it.js";

/** A spec the stateful mode can remember nothing of, served with --stateful and without --allow-stateless. */
export class NothingStatefulError extends Error {
  override name = "NothingStatefulError";
  /** Bad input: the command exits 2 on it. */
  readonly exitCode = 2;
}

/** The lines that say what the stateful mode remembers, or the error when it remembers nothing. */
export function statefulSummary(spec: string, generated: Generated, allowStateless: boolean): string[] {
  const lines = describeState(generated.state ?? { operations: {}, stateless: {} });
  const width = Math.max(0, ...lines.map((l) => l.operationId.length));
  const listed = lines.map((l) => `  ${l.operationId.padEnd(width)}  ${l.text}`);
  if (!lines.some((l) => l.stateful) && !allowStateless) {
    throw new NothingStatefulError(
      [
        `${spec}: --stateful, but no operation can be stateful (no REST resource and no x-mock-state; docs/stateful-mock.md):`,
        ...listed,
        "Pass --allow-stateless to serve it from the examples anyway.",
      ].join("\n"),
    );
  }
  return ["Stateful: per operation, what the state remembers (docs/stateful-mock.md):", ...listed];
}

/** The reset line and the "Try it" flow of the stateful mode, or nothing when no flow can be made. */
export function statefulTryIt(
  generated: Generated,
  operations: readonly IHttpOperation[],
  url: string,
): string[] {
  const flow = flowLines(generated, operations, url);
  const scopes = new Set(Object.values(generated.state?.operations ?? {}).flatMap((op) => op.scope));
  const forOne = [...scopes].map((name) => `?${name}=…`).join(" or ");
  return [
    `curl -X POST '${url}${RESET_PATH}' forgets everything${forOne ? ` (${forOne} for one scope)` : ""}.`,
    ...(flow.length > 0 ? ["Try it, in this order:\n", ...flow] : []),
  ];
}
