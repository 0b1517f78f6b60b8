// Where the two sides of `npm run diff` come from: the head from the spec folder (or one spec file),
// the base from a file, a folder, or the spec folder at a git ref (read with `git show`). A spec is
// what spec discovery takes for one (tools/shared/specs.ts): a YAML or JSON file with a top-level
// `openapi` or `swagger` field. Each side's text is loaded by the one loader (spec-version.ts).
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { basename, dirname, relative, resolve } from "node:path";
import { promisify } from "node:util";
import { errorMessage } from "../shared/errors.js";
import { shownPath } from "../shared/paths.js";
import { DEFAULT_LIMITS, sizeRefusal } from "../shared/spec-text.js";
import { isSpecName, isSpecText, specFiles } from "../shared/specs.js";
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
  if (files.length === 0) {
    throw new SpecError(`no spec in ${specDir}: no YAML or JSON file there has an openapi field`);
  }
  return specVersions(files, cwd);
}

/** The spec files as they are now, by file name, each labelled by its path as shown to the user. */
export async function specVersions(files: string[], cwd = process.cwd()): Promise<Map<string, SpecVersion>> {
  const specs = new Map<string, SpecVersion>();
  for (const file of files) {
    const label = shownPath(file, cwd);
    specs.set(basename(file), {
      label,
      text: await readText(resolve(cwd, file), label),
      file: resolve(cwd, file),
    });
  }
  return specs;
}

/** A spec file's text, refused before it is read when it is over the loader's size limit. */
async function readText(file: string, label: string): Promise<string> {
  try {
    const tooLarge = sizeRefusal((await stat(file)).size, 0, DEFAULT_LIMITS);
    if (tooLarge) throw new SpecError(`${label}: ${tooLarge}`);
    return await readFile(file, "utf8");
  } catch (error) {
    if (error instanceof SpecError) throw error;
    throw new SpecError(`${label}: cannot read the file: ${errorMessage(error)}`);
  }
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

/** The base's spec files: one file, the specs of a folder, or those of specDir at a git ref. */
export async function readBase(
  base: string,
  specDir: string,
  cwd = process.cwd(),
): Promise<Map<string, SpecVersion>> {
  const info = await stat(resolve(cwd, base)).catch(() => undefined);
  if (info?.isFile()) {
    const file = resolve(cwd, base);
    return new Map([[basename(base), { label: base, text: await readText(file, `--base ${base}`), file }]]);
  }
  if (info?.isDirectory()) return readHead(base, cwd);
  try {
    await git("git", ["rev-parse", "--verify", "--quiet", `${base}^{commit}`], { cwd });
  } catch {
    throw new SpecError(`--base ${base}: no such file, and not a git ref in this repository`);
  }
  return readAtRef(base, specDir, cwd);
}

/**
 * The specs of specDir at a git ref, each loaded as the file of the same path in the working tree (a
 * part it refers to is read from there). A head that is one spec file is compared with that file.
 */
async function readAtRef(ref: string, specDir: string, cwd: string): Promise<Map<string, SpecVersion>> {
  const one = await isFile(resolve(cwd, specDir));
  const folder = relative(cwd, resolve(cwd, one ? dirname(specDir) : specDir)) || ".";
  const { stdout } = await git("git", ["ls-tree", "--name-only", ref, "--", `${folder}/`], { cwd });
  const names = stdout
    .split("\n")
    .filter((file) => (one ? basename(file) === basename(specDir) : isSpecName(file)));
  const specs = new Map<string, SpecVersion>();
  for (const file of names) {
    const show = await git("git", ["show", `${ref}:./${file}`], {
      cwd,
      maxBuffer: DEFAULT_LIMITS.fileBytes,
    }).catch((error: unknown) => {
      throw new SpecError(`--base ${ref}: cannot read ${file} there: ${errorMessage(error)}`);
    });
    if (!isSpecText(file, show.stdout)) continue;
    specs.set(basename(file), { label: `${ref}:${file}`, text: show.stdout, file: resolve(cwd, file) });
  }
  return specs;
}
