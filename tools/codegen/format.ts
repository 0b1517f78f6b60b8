// Formats generated TypeScript with the project's own Biome and biome.json, so that generated/ reads
// like the rest of the code and a spec change shows as a diff of the lines it changes. The same text
// in gives the same text out: the formatter is pinned by package-lock.json and its settings by
// biome.json, found from this file rather than from the working directory.
import { spawn } from "node:child_process";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { packageBin, platformBinary } from "../shared/bin.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

/**
 * Above this size (in UTF-16 units) a generated file is written as generated, unformatted: no one reads
 * a file of megabytes line by line, and Biome takes over a minute on the largest (a spec of a thousand
 * operations has validators of 18 MB). Every file of a spec of tens of operations is far below it.
 */
export const FORMAT_LIMIT = 1024 * 1024;

/** `contents` formatted as the generated file `path`, or as it is when larger than FORMAT_LIMIT. */
export function formatGenerated(path: string, contents: string): Promise<string> {
  return contents.length > FORMAT_LIMIT ? Promise.resolve(contents) : formatTypeScript(path, contents);
}

/**
 * The command that runs Biome: its native binary where npm installed the one for this platform
 * (one process per file, where the package's launcher would add two), else the launcher.
 */
function biomeCommand(): string[] {
  try {
    return [platformBinary("@biomejs/cli", "biome", ["", "-musl"])];
  } catch {
    // not installed for this platform: the launcher
    return [process.execPath, packageBin("@biomejs/biome", "biome")];
  }
}

/**
 * `contents` formatted as the TypeScript file `path`. biome.json leaves generated/ out of `biome
 * check`, so the text is handed over under the file's bare name, which biome.json does include.
 */
export function formatTypeScript(path: string, contents: string): Promise<string> {
  const [command = "", ...args] = biomeCommand();
  const child = spawn(
    command,
    [...args, "format", `--config-path=${ROOT}`, `--stdin-file-path=${basename(path)}`],
    { cwd: ROOT, stdio: ["pipe", "pipe", "pipe"] },
  );
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  child.stdin.end(contents);
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("close", (code) => {
      const formatted = Buffer.concat(stdout).toString("utf8");
      if (code === 0 && formatted !== "") return resolve(formatted);
      const why = Buffer.concat(stderr).toString("utf8").trim();
      reject(new Error(`biome could not format ${basename(path)} (exit ${code}): ${why}`));
    });
  });
}
