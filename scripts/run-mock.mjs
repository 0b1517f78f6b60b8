// `npm run mock`: runs scripts/mock.ts compiled, in this one process. The build (esbuild, into the
// gitignored .build/mock/) is redone only when one of its sources is newer than it, or the lockfile.
// Plain JavaScript, so that no TypeScript loader runs before or beside the mock.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = dirname(dirname(fileURLToPath(import.meta.url)));
const OUT = join(ROOT, ".build", "mock");
const ENTRY = join(OUT, "mock.js");
const META = join(OUT, "meta.json");

/** The mock and the policy modules of every spec in spec/, as entry name → source. */
function entryPoints() {
  const entries = { mock: join(ROOT, "scripts", "mock.ts") };
  for (const name of readdirSync(join(ROOT, "spec"))) {
    const stem = name.match(/^(.*)\.openapi\.yaml$/)?.[1];
    for (const kind of stem ? ["validators", "examples"] : []) {
      const source = join(ROOT, "generated", `${stem}.${kind}.ts`);
      if (existsSync(source)) entries[`generated/${stem}.${kind}`] = source;
    }
  }
  return entries;
}

function isStale(entries) {
  if (!existsSync(ENTRY) || !existsSync(META)) return true;
  const built = statSync(META).mtimeMs;
  const { inputs } = JSON.parse(readFileSync(META, "utf8"));
  // A plugin's module ("lazy-faker:…") is no file: what it stands for is in node_modules/.
  const ours = Object.keys(inputs).filter(
    (file) => !file.includes("node_modules/") && !/^[\w-]+:/.test(file),
  );
  const sources = [...new Set([...ours.map((file) => join(ROOT, file)), ...Object.values(entries)])];
  // This file too: its plugins shape the build.
  sources.push(join(ROOT, "package-lock.json"), fileURLToPath(import.meta.url));
  return sources.some((file) => !existsSync(file) || statSync(file).mtimeMs > built);
}

// Prism's engine loads a faker with every locale for one json-schema-faker keyword (`x-faker`), which
// takes most of its start-up; this loads it the first time a schema uses it.
const lazyFaker = {
  name: "lazy-faker",
  setup(build) {
    build.onResolve({ filter: /^@faker-js\/faker$/ }, (args) =>
      args.namespace === "lazy-faker"
        ? { path: args.path, external: true }
        : { path: args.path, namespace: "lazy-faker" },
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-faker" }, () => ({
      // json-schema-faker takes Prism's faker at start-up, but only reads from it to fill `x-faker`.
      contents: `let faker;
const real = () => (faker ??= require("@faker-js/faker").faker);
const lazy = new Proxy({}, { get: (_, key) => real()[key], has: (_, key) => key in real() });
module.exports = { default: lazy, faker: lazy };`,
      loader: "js",
      resolveDir: ROOT,
    }));
  },
};

async function build(entries) {
  const esbuild = await import("esbuild");
  const { metafile } = await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: entries,
    outdir: OUT,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // jsonc-parser's CommonJS build is a UMD wrapper whose requires a bundler cannot follow.
    mainFields: ["module", "main"],
    // TypeScript (for generating another spec's modules) and esbuild itself are loaded as they are.
    external: ["esbuild", "typescript"],
    banner: {
      js: 'import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);',
    },
    plugins: [lazyFaker],
    metafile: true,
    logLevel: "error",
  });
  // Its service process would otherwise live as long as the mock.
  await esbuild.stop();
  const { writeFileSync } = await import("node:fs");
  writeFileSync(META, JSON.stringify({ inputs: metafile.inputs }));
  console.error(`built the mock into ${relative(process.cwd(), OUT) || "."}/`);
}

const entries = entryPoints();
if (isStale(entries)) await build(entries);
const { main } = await import(pathToFileURL(ENTRY).href);
try {
  await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
