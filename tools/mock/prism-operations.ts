// The operations Prism's engine answers, read from the spec as the one loader loads it: references
// only inside the spec's folder, example values kept as the literal data they are (Prism's own reader
// would follow a `$ref` inside one), a recursive schema's `$ref` kept and bundled with each operation so
// that Prism's checks can follow it.
import type { IHttpOperation } from "@stoplight/types";
import { loadSpec } from "../shared/load-spec.js";

export async function prismOperations(spec: string): Promise<IHttpOperation[]> {
  const document = (await loadSpec(spec)).dereferenced() as unknown as Record<string, unknown>;
  // Loaded on a cache miss only: the mock's start-up reads cached operations (operations-cache.ts).
  const [operationModule, { bundleTarget }] = await Promise.all([
    import("@stoplight/http-spec/oas3/operation"),
    import("@stoplight/json"),
  ]);
  // Bundled (`npm run mock`), the CommonJS module's exports arrive under `default`.
  const { transformOas3Operations } =
    (operationModule as unknown as { default?: typeof operationModule }).default ?? operationModule;
  return transformOas3Operations(document as never).map(
    (operation) =>
      bundleTarget({
        document: { ...document, __target__: operation },
        path: "#/__target__",
        // Bundling rewrites each `$ref` it follows in place; operations share the schemas a `$ref`
        // is kept in, so one that has any is bundled from a copy, or the next would find its `$ref`
        // pointing into the previous one's bundle.
        cloneDocument: hasRef(operation),
      }) as IHttpOperation,
  );
}

/** Whether a `$ref` is left anywhere in the value (a recursive schema keeps one). */
function hasRef(value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  if ("$ref" in value) return true;
  return Object.values(value).some(hasRef);
}
