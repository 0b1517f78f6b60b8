// Regenerates generated/ from every spec in spec/ (`npm run generate`), or, with --check, fails
// naming each generated file that no longer matches its spec (`npm run check`).
//
// Per spec `spec/NAME.openapi.yaml` (or any YAML or JSON file of spec/ whose top level says `openapi`) it writes:
//   generated/NAME.ts             types, by openapi-typescript
//   generated/NAME.validators.ts  ajv standalone validators for every operation's parameters,
//                                 request body and responses, each exported on its own
//   generated/NAME.operations.ts  each operation's contract (method, path, parameters by input name,
//                                 security, body, responses, validators), typed and documented, the
//                                 table of them all, the servers and the named schema types
//   generated/NAME.examples.ts    every operation's named request and response examples, typed
//                                 against NAME.ts (what the MSW handlers and the example page serve),
//                                 and the policy both mocks judge requests by: each operation's
//                                 statuses, request media types, `x-mock-answers-violation` mapping
//                                 and the answer to a violation nothing is mapped to
//   generated/NAME.example-checks.ts  every example in the spec (schemas and parameters too) as a
//                                 const that `satisfies` its type, so `tsc` checks each one
// and, from the default spec (package.json's config.defaultSpec), the error-mapping table of docs/mock.md (the docs folder
// beside the spec folder unless --docs says otherwise): tools/docs/error-mapping.ts.
import { access, mkdir, readFile, stat, writeFile } from "node:fs/promises";
import { basename, dirname, join, relative } from "node:path";
import type { OpenAPIV3 } from "openapi-types";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { MAPPING_PAGE, MAPPING_SPEC, mappingTable, withMappingTable } from "../docs/error-mapping.js";
import { type UnmappedViolations, unmappedViolations } from "../mock/unmapped.js";
import { defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { type LoadedSpec, loadSpec, SpecLoadError } from "../shared/load-spec.js";
import { isMain } from "../shared/main.js";
import { operationsOf } from "../shared/openapi.js";
import { specForTools } from "../shared/spec-for-tools.js";
import { specFiles, specStem } from "../shared/specs.js";
import { validateSpec } from "../shared/validate-spec.js";
import { exampleChecksModule } from "./example-checks-module.js";
import { examplesModule } from "./examples-module.js";
import { formatGenerated } from "./format.js";
import { layoutOf } from "./layout.js";
import { operationsModule } from "./operations-module.js";
import { SHARED_TYPES, sharedTypesModule } from "./shared-types-module.js";
import type { RefuseAt } from "./state/plan.js";
import { refuseUnsafeNames } from "./unsafe-names.js";
import { validatorsModule } from "./validators-module.js";

export interface GeneratedFile {
  path: string;
  contents: string;
}

/**
 * The types module for one spec (its text, or its document as loaded for tools), exactly as
 * generated/NAME.ts holds it. A field with a `default` stays optional: a caller may leave it out, and
 * the service fills it in.
 */
export async function generateTypes(source: string | OpenAPIV3.Document): Promise<string> {
  return (
    COMMENT_HEADER +
    astToString(
      await openapiTS(source as Parameters<typeof openapiTS>[0], {
        rootTypes: true,
        defaultNonNullable: false,
      }),
    )
  );
}

/** The types module of a spec the one loader loaded, as generated/NAME.ts holds it before formatting. */
export function typesOfLoaded(loaded: LoadedSpec): Promise<string> {
  return generateTypes(withMappingRefs(specForTools(loaded).document));
}

/**
 * Everything generated/ should hold for one spec, computed in memory and formatted (up to a size:
 * format.ts). The shared types
 * module every spec's modules import comes with each spec's files, the same for all of them.
 */
export async function generateFromSpec(specPath: string, outDir: string): Promise<GeneratedFile[]> {
  return (await generateSpec(specPath, outDir)).files;
}

/** One spec's generated files, and the kinds of bad request it maps to no error example. */
async function generateSpec(
  specPath: string,
  outDir: string,
): Promise<{ files: GeneratedFile[]; unmapped: UnmappedViolations[] }> {
  const stem = specStem(specPath);
  if (stem === SHARED_TYPES)
    throw new Error(`${specPath}: ${SHARED_TYPES} is the name of the shared types module`);
  const { api, forTools, refuseAt } = await readSpec(specPath);
  const types = await generateTypes(forTools);
  const modules = specModulesOf(api, { source: sourceOf(specPath), stem }, refuseAt);
  const files = [
    { path: join(outDir, `${stem}.ts`), contents: types },
    ...Object.entries(modules).map(([kind, contents]) => ({
      path: join(outDir, `${stem}.${kind}.ts`),
      contents,
    })),
    { path: join(outDir, `${stem}.example-checks.ts`), contents: exampleChecksModule(api, stem) },
    { path: join(outDir, `${SHARED_TYPES}.ts`), contents: sharedTypesModule() },
  ];
  const formatted = await Promise.all(
    files.map(async (f) => ({ path: f.path, contents: await formatGenerated(f.path, f.contents) })),
  );
  return { files: formatted, unmapped: unmappedViolations(api) };
}

/** The modules the client and the mocks run on, by kind, as generated/ holds them, for the spec at `specPath`. */
export async function specModules(specPath: string): Promise<SpecModules> {
  const { api, refuseAt } = await readSpec(specPath);
  return specModulesOf(api, { source: sourceOf(specPath), stem: specStem(specPath) }, refuseAt);
}

/** generated/NAME.validators.ts, .operations.ts and .examples.ts, by the kind in their names. */
export interface SpecModules {
  validators: string;
  operations: string;
  examples: string;
}

function specModulesOf(
  api: OpenAPIV3.Document,
  names: { source: string; stem: string },
  refuseAt: RefuseAt,
): SpecModules {
  const layouts = operationsOf(api).map(layoutOf);
  const validators = validatorsModule(api, layouts, names);
  const operations = operationsModule({ api, layouts, validators: validators.names, ...names });
  return { validators: validators.text, operations, examples: examplesModule(api, names, refuseAt) };
}

/**
 * The document with each discriminator mapping to a schema name (`Cat: Cat`, which OpenAPI allows)
 * written as the reference it means (`#/components/schemas/Cat`): openapi-typescript reads every
 * mapping value as a reference.
 */
function withMappingRefs(document: OpenAPIV3.Document): OpenAPIV3.Document {
  const visit = (node: unknown): void => {
    if (node === null || typeof node !== "object") return;
    const mapping = (node as { discriminator?: { mapping?: Record<string, unknown> } }).discriminator
      ?.mapping;
    for (const [key, value] of Object.entries(mapping ?? {})) {
      if (typeof value === "string" && !value.includes("/") && !value.includes("#") && mapping) {
        mapping[key] = `#/components/schemas/${value}`;
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(document);
  return document;
}

/** How generated modules name their spec: by its file name, the same wherever the spec is read from. */
function sourceOf(specPath: string): string {
  return basename(specPath);
}

/**
 * The pages of `docsDir` with the tables the specs of `specDir` state, as they should read: docs/mock.md
 * with its error-mapping table. None when `docsDir` has no such page (a spec folder outside the repo).
 */
export async function generatedPages(specDir: string, docsDir: string): Promise<GeneratedFile[]> {
  const path = join(docsDir, MAPPING_PAGE);
  const page = await readFile(path, "utf8").catch(() => undefined);
  if (page === undefined) return [];
  const specPath = join(specDir, MAPPING_SPEC);
  const hasSpec = await access(specPath).then(
    () => true,
    () => false,
  );
  if (!hasSpec)
    throw new Error(`${path} shows the error mapping of ${MAPPING_SPEC}, which is not in ${specDir}/`);
  try {
    return [{ path, contents: withMappingTable(page, mappingTable((await readSpec(specPath)).api)) }];
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : error}`);
  }
}

/**
 * The spec loaded by the one loader and checked against the OpenAPI schema: dereferenced (a
 * recursive schema keeps its `$ref`) for the generators, and as the copy for openapi-typescript,
 * which would read a `$ref` inside an example's value.
 */
async function readSpec(
  specPath: string,
): Promise<{ api: OpenAPIV3.Document; forTools: OpenAPIV3.Document; refuseAt: RefuseAt }> {
  const loaded = await loadSpec(specPath);
  await validateSpec(loaded);
  refuseUnsafeNames(loaded);
  // A declaration at fault names the line it is written on, as a spec the loader refuses does.
  const refuseAt: RefuseAt = (path, reason) => {
    throw new SpecLoadError(loaded.positionOf(path.map(String)), reason);
  };
  return {
    api: loaded.dereferenced(),
    forTools: withMappingRefs(specForTools(loaded).document),
    refuseAt,
  };
}

const GENERATE = defineCommand({
  name: "npm run generate",
  summary:
    "Writes the typed bindings, compiled validators, operations and examples of every spec/*.openapi.yaml into generated/,\n" +
    "and the error-mapping table of docs/mock.md from the spec's x-mock-answers-violation.\n" +
    "`npm run check` (the same command with --check) writes nothing: it fails, naming each file, when generated/ or docs/mock.md is stale.",
  options: {
    check: {
      type: "boolean",
      default: false,
      description: "Compare with generated/ and docs/mock.md instead of writing them.",
    },
    spec: {
      type: "string",
      default: "spec",
      value: "DIR|FILE",
      description: "The folder of *.openapi.yaml specs, or one spec file.",
    },
    out: {
      type: "string",
      default: "generated",
      value: "DIR",
      description: "The folder to write or compare (made if it is not there).",
    },
    docs: {
      type: "string",
      value: "DIR",
      description: `The folder of ${MAPPING_PAGE}, whose error-mapping table to write or compare; a folder without one is left alone (default: docs beside the spec folder).`,
    },
  },
  exitCodes: {
    1: "generated/ or docs/mock.md is stale (--check), or a spec cannot be read",
    2: "bad input: an option, a --spec that is not there, or a spec the loader refuses (the message names the file and line)",
  },
});

/** The command line: `args` as after `tsx tools/codegen/generate.ts`; resolves with the exit code. */
export async function cli(
  args: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  let values: ReturnType<typeof parseCommand<typeof GENERATE.options>>;
  try {
    values = parseCommand(GENERATE, args, out);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    err(error.message);
    return 2;
  }
  if (!values) return 0;
  const given = await specsGiven(values.spec);
  if (typeof given === "string") {
    err(given);
    return 2;
  }
  const { specs, specDir } = given;
  let generated: Awaited<ReturnType<typeof generateSpec>>[];
  try {
    generated = await Promise.all(specs.map((s) => generateSpec(s, values.out)));
  } catch (error) {
    if (!(error instanceof SpecLoadError)) throw error;
    err(error.message);
    return 2;
  }
  // A spec file given alone rewrites docs/mock.md's table only when it is the spec that table shows.
  const showsMapping = given.folder || basename(specs[0] ?? "") === MAPPING_SPEC;
  const docsDir = values.docs ?? join(dirname(specDir), "docs");
  const pages = showsMapping ? await generatedPages(specDir, docsDir) : [];
  // The shared types module comes with every spec's files: once is enough.
  const all = [...generated.flatMap((g) => g.files), ...pages];
  const files = [...new Map(all.map((f) => [f.path, f])).values()];
  specs.forEach((spec, i) => {
    for (const line of unmappedLines(spec, generated[i]?.unmapped ?? [])) out(line);
  });
  if (!values.check) {
    // A folder --out names that is not there yet is made, as `npm run generate -- --out new/` asks.
    await mkdir(values.out, { recursive: true });
    await Promise.all(files.map((f) => writeFile(f.path, f.contents)));
    for (const f of files) out(`wrote ${relative(process.cwd(), f.path)}`);
    return 0;
  }
  return checkFiles(
    files,
    [`${values.out}/`, ...pages.map((p) => relative(process.cwd(), p.path))],
    specs.length,
    out,
    err,
  );
}

/**
 * The specs --spec names: a spec file, or every spec of a folder; with the folder they are in. A
 * message (exit 2) when it names nothing there, or a folder without a spec.
 */
async function specsGiven(
  spec: string,
): Promise<{ specs: string[]; specDir: string; folder: boolean } | string> {
  const found = await stat(spec).catch(() => undefined);
  if (!found) return `npm run generate: --spec ${spec}: no such file or folder`;
  if (found.isFile()) return { specs: [spec], specDir: dirname(spec), folder: false };
  const specs = await specFiles(spec);
  if (specs.length === 0)
    return `npm run generate: --spec ${spec}: no OpenAPI spec (*.yaml, *.yml or *.json) in it`;
  return { specs, specDir: spec, folder: true };
}

/** Compares the files with what is on disk: 1, naming each stale file, when any differs. */
async function checkFiles(
  files: GeneratedFile[],
  checked: string[],
  specCount: number,
  out: (line: string) => void,
  err: (line: string) => void,
): Promise<number> {
  const stale: string[] = [];
  for (const f of files) {
    const onDisk = await readFile(f.path, "utf8").catch(() => undefined);
    if (onDisk !== f.contents) stale.push(relative(process.cwd(), f.path));
  }
  if (stale.length > 0) {
    for (const file of stale) err(`stale: ${file} does not match the spec`);
    err("Run `npm run generate` and commit the result.");
    return 1;
  }
  out(`${checked.join(" and ")} ${checked.length > 1 ? "are" : "is"} up to date with ${specCount} spec(s)`);
  return 0;
}

/** What a spec maps to no error example, one line per operation: what the mocks answer with the fallback. */
function unmappedLines(spec: string, unmapped: UnmappedViolations[]): string[] {
  if (unmapped.length === 0) return [];
  return [
    `${relative(process.cwd(), spec)}: bad requests no x-mock-answers-violation maps, which the mocks answer with each operation's documented bad-request response (docs/mock.md):`,
    ...unmapped.map(({ operationId, violations }) => `  ${operationId}: ${violations.join(", ")}`),
  ];
}

if (isMain(import.meta.url)) {
  cli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
