// The layout's one direction: spec → generated → src → tools and tests. What the package ships (src/)
// reads generated/ and itself, never a tool, a test or a bench; generated/ reads only itself
// (test/tools/codegen/generate.test.ts).
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { expect, test } from "vitest";

async function modulesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => /\.(ts|mjs|js)$/.test(name)).map((name) => join(dir, name));
}

/** Each relative import of `file`, as the folder of the repo it lands in (`src`, `generated`, …). */
async function foldersImportedBy(file: string): Promise<string[]> {
  const code = await readFile(file, "utf8");
  const specifiers = [...code.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"']*?from\s*["']([^"']+)["']/g)]
    .concat([...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g)])
    .map((m) => m[1] ?? "")
    .filter((s) => s.startsWith("."));
  return specifiers.map((s) => relative(process.cwd(), resolve(dirname(file), s)).split("/")[0] ?? "");
}

test("no module in src/ imports from tools/, test/, bench/ or examples/", async () => {
  const files = await modulesUnder("src");
  const outside: string[] = [];
  for (const file of files) {
    for (const folder of await foldersImportedBy(file)) {
      if (folder !== "src" && folder !== "generated") outside.push(`${file} → ${folder}/`);
    }
  }

  expect(files.length).toBeGreaterThan(10);
  expect(outside).toEqual([]);
});
