// The operations Prism's engine answers: each one carries every schema its kept `$ref`s point to.
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { prismOperations } from "../../../tools/mock/prism-operations.js";

/** Two operations answering with one recursive schema: a node whose children are nodes. */
const SHARED_RECURSION = {
  openapi: "3.0.3",
  info: { title: "tree", version: "1" },
  paths: Object.fromEntries(
    ["/first", "/second"].map((path) => [
      path,
      {
        get: {
          responses: {
            "200": {
              description: "a tree",
              content: { "application/json": { schema: { $ref: "#/components/schemas/Node" } } },
            },
          },
        },
      },
    ]),
  ),
  components: {
    schemas: {
      Node: {
        type: "object",
        properties: { kind: { $ref: "#/components/schemas/Kind" } },
      },
      Kind: {
        type: "object",
        properties: { children: { type: "array", items: { $ref: "#/components/schemas/Node" } } },
      },
    },
  },
};

/** The `__bundled__` names the operation's `$ref`s point to that its bundle does not hold. */
function unresolved(operation: object): string[] {
  const text = JSON.stringify(operation);
  const bundled = Object.keys((operation as { __bundled__?: object }).__bundled__ ?? {});
  const named = [...text.matchAll(/"\$ref":"#\/__bundled__\/([^"]+)"/g)].map((m) => m[1] ?? "");
  return [...new Set(named)].filter((name) => !bundled.includes(name));
}

describe("prismOperations", () => {
  test("bundles a recursive schema two operations share into each of them, not only the first", async () => {
    const dir = await mkdtemp(join(tmpdir(), "recursion-"));
    const file = join(dir, "tree.json");
    await writeFile(file, JSON.stringify(SHARED_RECURSION));

    const operations = await prismOperations(file);

    expect(operations).toHaveLength(2);
    for (const operation of operations) expect(unresolved(operation), operation.path).toEqual([]);
  });
});
