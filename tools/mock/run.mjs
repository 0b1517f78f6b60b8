// `npm run mock`: runs tools/mock/server.ts compiled, in this one process. The build (esbuild, into the
// gitignored .build/mock/) is redone only when one of its sources is newer than it, or the lockfile.
// Plain JavaScript, so that no TypeScript loader runs before or beside the mock.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));
const OUT = join(ROOT, ".build", "mock");
const ENTRY = join(OUT, "mock.js");
const META = join(OUT, "meta.json");

/** The mock and the policy modules of every spec in spec/, as entry name → source. */
function entryPoints() {
  const entries = { mock: join(ROOT, "tools", "mock", "server.ts") };
  for (const name of readdirSync(join(ROOT, "spec"))) {
    // As tools/shared/specs.ts names a spec's modules; a file without them is no spec.
    const stem = name.match(/^(.*?)(?:\.openapi)?\.(?:ya?ml|json)$/i)?.[1];
    for (const kind of stem ? ["operations", "examples"] : []) {
      const source = join(ROOT, "generated", `${stem}.${kind}.ts`);
      if (existsSync(source)) entries[`generated/${stem}.${kind}`] = source;
    }
  }
  return entries;
}

function isStale(entries) {
  if (!existsSync(ENTRY) || !existsSync(META)) return true;
  const built = statSync(META).mtimeMs;
  const { sources: ours } = JSON.parse(readFileSync(META, "utf8"));
  if (!Array.isArray(ours)) return true;
  const sources = [...new Set([...ours.map((file) => join(ROOT, file)), ...Object.values(entries)])];
  // This file too: its plugins shape the build.
  sources.push(join(ROOT, "package-lock.json"), fileURLToPath(import.meta.url));
  return sources.some((file) => !existsSync(file) || statSync(file).mtimeMs > built);
}

/**
 * The build's own sources, which is all that isStale reads: the lockfile stands for node_modules/,
 * and a plugin's module ("lazy-faker:…") is no file.
 */
function ownSources(metafile) {
  return Object.keys(metafile.inputs).filter(
    (file) => !file.includes("node_modules/") && !/^[\w-]+:/.test(file),
  );
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

// Modules Prism's engine requires at start-up that a mock serving examples needs late or never:
// the spec reader (the operations are cached, see operations-cache.ts), json-schema-faker's generator
// (dynamic data, or a response without an example), and the proxy's and callbacks' HTTP clients. Each
// loads the first time one of its exports is read. `from: "node"` leaves it and all it requires out
// of the bundle, so that start-up does not even parse them, and Node loads it from node_modules/: only
// for modules whose own copies of what they require share no state with the engine. The generator
// stays bundled, since it takes the lazily loaded faker. `idle` answers a key without loading the
// module: resetting the generator's options is moot before it loads, as loading resets them; Prism's
// security check takes one function of lodash/fp, which alone loads in a fraction of the whole.
// One stand-in serves every importer of a module, so each entry for it names the same `idle`.
const GENERATOR_IDLE = { resetGenerator: "() => undefined" };
const PRISM = /@stoplight\/prism-http\/dist\//;
const AJV_USER = /prism-http\/dist\/validator\/validators\/utils\.js$/;
const LAZY = [
  { importer: /prism-http\/dist\/index\.js$/, path: "./utils/operations", from: "node" },
  { importer: /prism-http\/dist\/index\.js$/, path: "./instanceWithSpec", from: "node" },
  { importer: /prism-http\/dist\/mocker\/index\.js$/, path: "./generator/JSONSchema", idle: GENERATOR_IDLE },
  {
    importer: /prism-http\/dist\/mocker\/generator\/HttpParamGenerator\.js$/,
    path: "./JSONSchema",
    idle: GENERATOR_IDLE,
  },
  {
    importer: /prism-http\/dist\/mocker\/generator\/JSONSchema\.js$/,
    path: "json-schema-faker",
    from: "node",
  },
  { importer: PRISM, path: "node-fetch", from: "node" },
  { importer: PRISM, path: "http-proxy-agent", from: "node" },
  { importer: PRISM, path: "https-proxy-agent", from: "node" },
  {
    importer: /validators\/security\/index\.js$/,
    path: "lodash/fp",
    idle: { set: 'require("lodash/fp/set")' },
  },
  // Used only once ajvDrafts (below) first builds their validators.
  { importer: AJV_USER, path: "ajv/dist/2019" },
  { importer: AJV_USER, path: "ajv/dist/2020" },
];

/** A stand-in module that requires `real` the first time any of its exports is read. */
function standIn(real, idle = {}) {
  const answers = Object.entries(idle).map(
    ([key, value]) => `get ${JSON.stringify(key)}() { return ${value}; }`,
  );
  // Callable, for the proxy agents' modules, which export a function.
  return `let real;
const load = () => (real ??= require(${JSON.stringify(real)}));
const idle = { ${answers.join(", ")} };
module.exports = new Proxy(function lazy() {}, {
  get: (_, key) => (real === undefined && Object.hasOwn(idle, key) ? idle[key] : load()[key]),
  has: (_, key) => key in load(),
  apply: (_, self, args) => Reflect.apply(load(), self, args),
  construct: (_, args) => Reflect.construct(load(), args),
});`;
}

/** Where a deferred module is: bundled, by its path; from Node, by its path from the bundle. */
async function realOf(build, args, entry) {
  const { resolveDir, kind, importer } = args;
  if (entry.from === "node") {
    // Node's own resolution (`main`, `require`), not the bundle's, which prefers `module`.
    const file = createRequire(importer).resolve(args.path);
    const fromBundle = relative(OUT, file).split(sep).join("/");
    return { file, real: fromBundle.startsWith(".") ? fromBundle : `./${fromBundle}`, external: true };
  }
  const found = await build.resolve(args.path, { resolveDir, kind, importer, pluginData: { real: true } });
  return found.errors.length > 0 ? { errors: found.errors } : { file: found.path, real: found.path };
}

const lazyRequires = {
  name: "lazy-requires",
  setup(build) {
    const names = LAZY.map(({ path }) => path.replace(/[./]/g, "\\$&"));
    build.onResolve({ filter: new RegExp(`^(${names.join("|")})$`) }, async (args) => {
      const entry = LAZY.find((lazy) => lazy.path === args.path && lazy.importer.test(args.importer));
      if (!entry || args.kind !== "require-call" || args.pluginData?.real) return undefined;
      const { errors, file, ...pluginData } = await realOf(build, args, entry);
      if (errors) return { errors };
      // A .cjs name, so that esbuild reads the stand-in as CommonJS whatever the real module is.
      const path = `${file}.${entry.from === "node" ? "node" : "lazy"}.cjs`;
      return { path, namespace: "lazy-requires", pluginData: { ...pluginData, file, idle: entry.idle } };
    });
    // What a stand-in requires from Node stays a require in the bundle.
    build.onResolve({ filter: /.*/, namespace: "lazy-requires" }, (args) =>
      args.pluginData?.external && args.path === args.pluginData.real
        ? { path: args.path, external: true }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "lazy-requires" }, ({ pluginData }) => ({
      contents: standIn(pluginData.real, pluginData.idle),
      loader: "js",
      resolveDir: dirname(pluginData.file),
      pluginData,
    }));
  },
};

// Prism builds its validators for JSON Schema 2019-09 and 2020-12 at start-up, beside the draft-07
// ones an OpenAPI 3.0 spec uses: this builds each of them the first time a schema asks for it. Should
// Prism's text change, its module is bundled as it is.
const AJV_DRAFTS = [
  "    draft2019_09: createAjvInstances(_2019_1.default),\n",
  "    draft2020_12: createAjvInstances(_2020_1.default),\n",
];
const ajvDrafts = {
  name: "ajv-drafts",
  setup(build) {
    build.onLoad({ filter: AJV_USER }, async ({ path }) => {
      const { readFile } = await import("node:fs/promises");
      let contents = await readFile(path, "utf8");
      if (!AJV_DRAFTS.every((line) => contents.includes(line))) return undefined;
      for (const line of AJV_DRAFTS) {
        const [, key, value] = line.match(/^\s*(\w+): (.*),\n$/);
        const getter = `get ${key}() { const value = ${value}; Object.defineProperty(this, "${key}", { value }); return value; },\n`;
        contents = contents.replace(line, `    ${getter}`);
      }
      return { contents, loader: "js", resolveDir: dirname(path) };
    });
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
    plugins: [lazyFaker, lazyRequires, ajvDrafts],
    metafile: true,
    logLevel: "error",
  });
  // Its service process would otherwise live as long as the mock.
  await esbuild.stop();
  const { writeFileSync } = await import("node:fs");
  // Only what isStale reads: the whole metafile is several hundred kB to parse at every start.
  writeFileSync(META, JSON.stringify({ sources: ownSources(metafile) }));
  console.error(`built the mock into ${relative(process.cwd(), OUT) || "."}/`);
}

const entries = entryPoints();
if (isStale(entries)) await build(entries);
const { main, parseMockArgs } = await import(pathToFileURL(ENTRY).href);
try {
  // MOCK_OPTIONS_ONLY=1: only check the options (npm start does, before any of its work).
  if (process.env.MOCK_OPTIONS_ONLY === "1") parseMockArgs(process.argv.slice(2));
  else await main(process.argv.slice(2));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  // Bad input (an option, a spec the loader refuses, a spec --stateful can remember nothing of) exits 2,
  // as every command does; an error may carry its own exit code.
  process.exitCode =
    typeof error?.exitCode === "number"
      ? error.exitCode
      : ["UsageError", "SpecLoadError"].includes(error?.name)
        ? 2
        : 1;
}
