// Formats generated TypeScript with the project's own Biome and biome.json, so that generated/ reads
// like the rest of the code and a spec change shows as a diff of the lines it changes. The same text
// in gives the same text out: the formatter is pinned by package-lock.json and its settings by
// biome.json, found from this file rather than from the working directory.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

function biomeBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@biomejs/biome/package.json");
  const bin = (require(pkgPath) as { bin: Record<string, string> }).bin.biome;
  if (!bin) throw new Error("@biomejs/biome has no biome bin");
  return join(dirname(pkgPath), bin);
}

/**
 * `contents` formatted as the TypeScript file `path`. biome.json leaves generated/ out of `biome
 * check`, so the text is handed over under the file's bare name, which biome.json does include.
 */
export function formatTypeScript(path: string, contents: string): string {
  const result = spawnSync(
    process.execPath,
    [biomeBin(), "format", `--config-path=${ROOT}`, `--stdin-file-path=${basename(path)}`],
    { cwd: ROOT, input: contents, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 },
  );
  if (result.error) throw result.error;
  if (result.status !== 0 || result.stdout === "") {
    throw new Error(`biome could not format ${basename(path)}: ${result.stderr.trim()}`);
  }
  return result.stdout;
}
