// A copy of the repo's pipeline in `dir` (what lint, generate, check and the mock read), with the
// repo's node_modules linked in: for tests that run the real commands on files they may change.
import { cp, symlink } from "node:fs/promises";
import { join, resolve } from "node:path";

const PIPELINE = [
  "package.json",
  "biome.json",
  ".gitignore",
  ".spectral.yaml",
  "spec",
  "tools",
  "src",
  "generated",
  "docs/mock.md",
];

export async function copyRepo(dir: string): Promise<void> {
  for (const entry of PIPELINE) await cp(entry, join(dir, entry), { recursive: true });
  await symlink(resolve("node_modules"), join(dir, "node_modules"), "dir");
}
