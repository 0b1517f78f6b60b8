// The generated modules a spec's mock (and contract suite) run on: generated/<stem>.operations.ts and
// .examples.ts for one of the repo's own specs when they are at least as new as the spec, or from a
// given folder as they are; for any other spec, compiled from it now into .build/specs/.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Generated } from "../../src/mock/types.js";
import { loadSpec } from "../shared/load-spec.js";
import { specStem } from "../shared/specs.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The repo's root: this module runs from tools/mock/, or compiled from .build/mock/, both two levels down. */
const ROOT = dirname(dirname(HERE));
// Compiled (`npm run mock`), this module finds generated/'s modules compiled beside it.
const COMPILED = import.meta.url.endsWith(".js");
/** The modules the mocks read, by kind; the operations module imports the validators itself. */
const KINDS = ["validators", "operations", "examples"] as const;

export async function loadGenerated(spec: string, generatedDir?: string): Promise<Generated> {
  const stem = specStem(spec);
  const dir = generatedDir ? resolve(generatedDir) : join(ROOT, "generated");
  const own = generatedDir !== undefined || resolve(spec) === join(ROOT, "spec", basename(spec));
  const source = (kind: string) => join(dir, `${stem}.${kind}.ts`);
  const files = (await loadSpec(spec)).files;
  const changed = Math.max(...[...files.keys()].map((file) => statSync(file).mtimeMs));
  const fresh = (kind: string) => existsSync(source(kind)) && statSync(source(kind)).mtimeMs >= changed;
  if (!own || (generatedDir === undefined && !KINDS.every(fresh))) return compileGenerated(spec, files);
  // Compiled, generated/'s modules are beside this one; from source (tsx, vitest) they are TypeScript.
  const file = (kind: string) =>
    COMPILED && generatedDir === undefined ? join(HERE, "generated", `${stem}.${kind}.js`) : source(kind);
  return importGenerated(file("operations"), file("examples"));
}

/**
 * Compiles a spec's modules as `npm run generate` would write them, into .build/specs/ under a hash of
 * the text of every file it consists of (`files`, as the loader read them) and of the code that
 * generates them: a spec read once is not compiled again, and an edit to it, to any file it refers
 * to or to the generator never meets modules cached before.
 */
async function compileGenerated(
  spec: string,
  files: ReadonlyMap<string, { text: string }>,
): Promise<Generated> {
  const hash = sourcesHash(files, generatorSources());
  const dir = join(ROOT, ".build", "specs", hash);
  const stem = specStem(spec);
  const target = (kind: string) => join(dir, `${stem}.${kind}.js`);
  if (!KINDS.every((kind) => existsSync(target(kind)))) {
    const [{ specModules }, esbuild] = await Promise.all([
      import("../codegen/generate.js"),
      import("esbuild"),
    ]);
    const modules = await specModules(spec);
    await mkdir(dir, { recursive: true });
    for (const kind of KINDS) {
      const { code } = await esbuild.transform(modules[kind], { loader: "ts", format: "esm" });
      // Written whole under a name of its own, then renamed: another caller compiling the same spec
      // at once (the mock and the suite's client do) sees each module complete or not at all.
      const partial = `${target(kind)}.${process.pid}.${randomUUID()}`;
      await writeFile(partial, code);
      await rename(partial, target(kind));
    }
  }
  return importGenerated(target("operations"), target("examples"));
}

/**
 * A hash of each file's name (relative to the spec's, so a moved folder hashes the same) and text,
 * after the generator's sources.
 */
function sourcesHash(files: ReadonlyMap<string, { text: string }>, generator: string): string {
  const hash = createHash("sha256").update(generator);
  const [spec] = files.keys();
  for (const [file, { text }] of files) {
    const name = file === spec ? "" : relative(dirname(spec ?? ""), file);
    hash.update(`${name.length}:${name}${text.length}:${text}`);
  }
  return hash.digest("hex").slice(0, 16);
}

let generator: string | undefined;
/** The text of every file of the repo's tools/ and src/, whose code writes the modules; read once. */
export function generatorSources(): string {
  generator ??= ["tools", "src"]
    .flatMap((folder) => {
      const dir = join(ROOT, folder);
      return existsSync(dir)
        ? readdirSync(dir, { recursive: true, encoding: "utf8" }).map((f) => join(dir, f))
        : [];
    })
    .filter((file) => /\.(?:ts|mts|mjs)$/.test(file))
    .sort()
    .map((file) => `${relative(ROOT, file)}\0${readFileSync(file, "utf8")}\0`)
    .join("");
  return generator;
}

async function importGenerated(operationsFile: string, examplesFile: string): Promise<Generated> {
  const load = (file: string) => import(pathToFileURL(file).href) as Promise<Record<string, unknown>>;
  const [operations, examples] = await Promise.all([load(operationsFile), load(examplesFile)]);
  return {
    operations: operations.operations,
    servers: operations.servers,
    examples: examples.examples,
    policy: examples.policy,
    samples: examples.samples,
    state: examples.state,
  } as Generated;
}
