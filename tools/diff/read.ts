// Where the two sides of `npm run diff` come from: the head from the spec folder (or one spec file),
// the base from a file, a folder, or the spec folder at a git ref (read with `git show`).
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { errorMessage } from "../shared/errors.js";
import { shownPath } from "../shared/paths.js";
import { specFiles } from "../shared/specs.js";
import { SpecError, type SpecVersion } from "./spec-version.js";

const git = promisify(execFile);

export function isFile(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isFile(),
    () => false,
  );
}

/** The spec files in specDir (relative to cwd), by file name; specDir may also be one spec file. */
export async function readHead(specDir: string, cwd = process.cwd()): Promise<Map<string, SpecVersion>> {
  const one = (await isFile(resolve(cwd, specDir))) ? [resolve(cwd, specDir)] : undefined;
  const files =
    one ??
    (await specFiles(resolve(cwd, specDir)).catch((error: unknown) => {
      throw new SpecError(`cannot read the spec folder ${specDir}: ${errorMessage(error)}`);
    }));
  if (files.length === 0) throw new SpecError(`no *.openapi.yaml in ${specDir}`);
  return specVersions(files, cwd);
}

/** The spec files as they are now, by file name, each labelled by its path as shown to the user. */
export async function specVersions(files: string[], cwd = process.cwd()): Promise<Map<string, SpecVersion>> {
  const specs = new Map<string, SpecVersion>();
  for (const file of files) {
    specs.set(basename(file), { label: shownPath(file, cwd), text: await readFile(file, "utf8") });
  }
  return specs;
}

/** The newest v* tag reachable from HEAD, or undefined when there is none (or no git repository). */
export async function newestTag(cwd = process.cwd()): Promise<string | undefined> {
  try {
    const { stdout } = await git("git", ["describe", "--tags", "--abbrev=0", "--match", "v*", "HEAD"], {
      cwd,
    });
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

/** The base's spec files: one file, the *.openapi.yaml files of a folder, or those of specDir at a git ref. */
export async function readBase(
  base: string,
  specDir: string,
  cwd = process.cwd(),
): Promise<Map<string, SpecVersion>> {
  const info = await stat(resolve(cwd, base)).catch(() => undefined);
  if (info?.isFile()) {
    const text = await readFile(resolve(cwd, base), "utf8").catch((error: unknown) => {
      throw new SpecError(`--base ${base}: cannot read the file: ${errorMessage(error)}`);
    });
    return new Map([[basename(base), { label: base, text }]]);
  }
  if (info?.isDirectory()) return readHead(base, cwd);

  try {
    await git("git", ["rev-parse", "--verify", "--quiet", `${base}^{commit}`], { cwd });
  } catch {
    throw new SpecError(`--base ${base}: no such file, and not a git ref in this repository`);
  }
  // A head that is one spec file is compared with that file at the ref.
  const one = await isFile(resolve(cwd, specDir));
  const folder = relative(cwd, resolve(cwd, one ? dirname(specDir) : specDir)) || ".";
  const { stdout } = await git("git", ["ls-tree", "--name-only", base, "--", `${folder}/`], { cwd });
  const wanted = (file: string) =>
    one ? basename(file) === basename(specDir) : file.endsWith(".openapi.yaml");
  const specs = new Map<string, SpecVersion>();
  for (const file of stdout.split("\n").filter(wanted)) {
    const show = await git("git", ["show", `${base}:./${file}`], { cwd, maxBuffer: 64 * 1024 * 1024 });
    specs.set(basename(file), { label: `${base}:${file}`, text: show.stdout });
  }
  return specs;
}
