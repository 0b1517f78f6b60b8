// `npm run dev`: watches spec/ and, on every save, lints the spec (Spectral with .spectral.yaml, as
// `npm run lint:spec`), regenerates generated/, restarts the mock on PORT (default 4010) and prints a
// short summary: lint findings, the client types the save changed, and any breaking change since the
// loop started. A save that breaks the spec changes nothing, so the last good mock keeps serving.
// Ctrl-C stops the mock and exits.
import * as fs from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join, resolve } from "node:path";
import { Document, type ISpectralDiagnostic, Spectral } from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { builtins } from "@stoplight/spectral-ruleset-bundler/plugins/builtins";
import { commonjs } from "@stoplight/spectral-ruleset-bundler/plugins/commonjs";
import { bundleAndLoadRuleset } from "@stoplight/spectral-ruleset-bundler/with-loader";
import { generateFromSpec, specFiles } from "../codegen/generate.js";
import { buildReport, shownPath } from "../diff/diff.js";
import { messageOf, parseSpec, type SpecVersion } from "../diff/spec-diff.js";
import { diffTypes } from "../diff/type-diff.js";
import { DEFAULT_SPEC, type RunningMock, startMock } from "../mock/server.js";
import { defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { isMain } from "../shared/main.js";

// Editors write a file in several steps; one pass per burst of events.
const DEBOUNCE_MS = 100;
const SEVERITY = ["error", "warning", "info", "hint"] as const;

interface State {
  specDir: string;
  outDir: string;
  port: number;
  spectral: Spectral;
  mockDir: string;
  mock: RunningMock | undefined;
  /** The specs when the loop started (or at the first good save, if it started broken). */
  start: Map<string, SpecVersion> | undefined;
  /** The generated types of the last good save, per spec file. */
  types: Map<string, string>;
  /** What the last pass read, to skip saves that change nothing. */
  lastSeen: string;
  passes: number;
  stopping: boolean;
}

const DEV = defineCommand({
  name: "npm run dev",
  summary:
    "Watches the specs: on every save it lints, regenerates, restarts the mock with the saved spec and prints what changed for clients.",
  options: {
    spec: {
      type: "string",
      default: "spec",
      value: "DIR",
      description: "The folder of *.openapi.yaml to watch.",
    },
    out: {
      type: "string",
      default: "generated",
      value: "DIR",
      description: "Where the generated modules go.",
    },
  },
  environment: { PORT: "The mock's port (default 4010)." },
  exitCodes: { 1: "the loop could not start", 2: "bad command-line input" },
});

async function main(): Promise<void> {
  const values = parseCommand(DEV);
  if (!values) return;
  const port = Number(process.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  }
  if ((await specFiles(values.spec).catch(() => [])).length === 0) {
    throw new Error(`no *.openapi.yaml in ${values.spec}/ to watch`);
  }
  const spectral = new Spectral();
  spectral.setRuleset(
    await bundleAndLoadRuleset(resolve(".spectral.yaml"), { fs, fetch }, [builtins(), commonjs()]),
  );
  const state: State = {
    specDir: values.spec,
    outDir: values.out,
    port,
    spectral,
    // The mock serves a copy that only good saves update.
    mockDir: await mkdtemp(join(tmpdir(), "spec-dev-mock-")),
    mock: undefined,
    start: undefined,
    types: new Map(),
    lastSeen: "",
    passes: 0,
    stopping: false,
  };

  let timer: NodeJS.Timeout | undefined;
  let savedAt = 0;
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = pass(state, savedAt)
      .catch((error: unknown) => console.error(`  error     ${messageOf(error)}`))
      .finally(() => {
        running = undefined;
        if (again && !state.stopping) {
          again = false;
          run();
        }
      });
  };

  console.log(`Watching ${shownPath(state.specDir)}/ (Ctrl-C to stop)`);
  savedAt = Date.now();
  run();
  const watcher = fs.watch(state.specDir, (_event, file) => {
    if (!file?.endsWith(".openapi.yaml") || state.stopping) return;
    if (timer === undefined) savedAt = Date.now();
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, DEBOUNCE_MS);
  });

  const shutdown = async (): Promise<void> => {
    // A second Ctrl-C: don't wait any longer.
    if (state.stopping) process.exit(130);
    state.stopping = true;
    watcher.close();
    clearTimeout(timer);
    await running;
    await state.mock?.stop();
    await rm(state.mockDir, { recursive: true, force: true });
    console.log("Stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

/** One pass: read, lint, validate, regenerate, compare, restart the mock, print the summary. */
async function pass(state: State, savedAt: number): Promise<void> {
  const files = await specFiles(state.specDir);
  if (files.length === 0) {
    console.log(`  error     no *.openapi.yaml left in ${shownPath(state.specDir)}/`);
    return;
  }
  const specs = new Map<string, SpecVersion>();
  for (const file of files) {
    specs.set(basename(file), { label: shownPath(file), text: await readFile(file, "utf8") });
  }
  const seen = JSON.stringify([...specs]);
  if (seen === state.lastSeen) return;
  state.lastSeen = seen;
  state.passes += 1;
  const names = [...specs.keys()].join(", ");
  const event = state.passes === 1 ? "read" : `saved (picked up in ${seconds(savedAt)})`;
  console.log(`[${new Date().toLocaleTimeString()}] ${names} ${event}`);

  const broken = await Promise.all([...specs.values()].map(parseSpec)).then(
    () => undefined,
    (error: unknown) => error,
  );
  // The mock judges by the save first; the summary's other lines follow while it serves.
  const mockLine = broken === undefined && !state.stopping ? restartMock(state, files, savedAt) : undefined;
  console.log(
    `  lint      ${await lint(state.spectral, files, specs).catch((e: unknown) => `not run: Spectral could not read the spec (${messageOf(e)})`)}`,
  );
  if (broken !== undefined) {
    console.log(`  error     ${firstLines(messageOf(broken))}`);
    console.log(
      state.mock
        ? `  mock      still serving the last good spec on ${state.mock.url}`
        : "  mock      not started: no good spec yet",
    );
    return;
  }

  const types = new Map<string, string>();
  for (const file of files) {
    for (const generated of await generateFromSpec(file, state.outDir)) {
      const onDisk = await readFile(generated.path, "utf8").catch(() => undefined);
      if (onDisk !== generated.contents) await writeFile(generated.path, generated.contents);
      // Only the types file: the validators and examples modules are generated beside it.
      if (basename(generated.path) === `${basename(file, ".openapi.yaml")}.ts`) {
        types.set(basename(file), generated.contents);
      }
    }
  }
  const previous = state.types;
  state.types = types;
  const changed = [...types].flatMap(([name, source]) =>
    diffTypes(previous.get(name), source).map((t) => t.name),
  );
  const summary = changed.length > 0 ? `changed: ${changed.join(", ")}` : "none changed";
  console.log(`  types     ${previous.size === 0 ? `generated in ${shownPath(state.outDir)}/` : summary}`);

  state.start ??= specs;
  const report = await buildReport("the start", state.start, specs);
  const breaking = report.specs.flatMap((s) => s.breaking);
  console.log(
    `  breaking  ${breaking.length === 0 ? "none since the start" : `${breaking.length} since the start: ${breaking.map((c) => c.summary).join("; ")}`}`,
  );

  if (mockLine) console.log(await mockLine);
}

/** Serves the saved spec in place of the last one; resolves with the summary's mock line. */
async function restartMock(state: State, files: string[], savedAt: number): Promise<string> {
  const verb = state.mock ? "restarted" : "serving";
  const old = state.mock;
  state.mock = undefined;
  await old?.stop();
  await rm(state.mockDir, { recursive: true, force: true });
  await cp(state.specDir, state.mockDir, { recursive: true });
  // The mock serves one spec: Image Search's when it is there (the IAM spec has its own `npm run mock`).
  const main = files.find((f) => basename(f) === basename(DEFAULT_SPEC)) ?? files[0] ?? "";
  const served = join(state.mockDir, basename(main));
  try {
    // The copy is not one of the repo's specs, so the mock compiles its policy from the saved text.
    state.mock = await startMock({ spec: served, port: state.port });
    const since = state.passes === 1 ? "the start" : "the save";
    return `  mock      ${verb} on ${state.mock.url} (${seconds(savedAt)} after ${since})`;
  } catch (error) {
    return `  mock      failed to start: ${firstLines(messageOf(error))}`;
  }
}

async function lint(spectral: Spectral, files: string[], specs: Map<string, SpecVersion>): Promise<string> {
  const findings: { file: string; result: ISpectralDiagnostic }[] = [];
  for (const file of files) {
    const text = specs.get(basename(file))?.text ?? "";
    const results = await spectral.run(new Document(text, Parsers.Yaml, resolve(file)));
    findings.push(...results.map((result) => ({ file: shownPath(file), result })));
  }
  if (findings.length === 0) return "clean";
  const counts = SEVERITY.map((name, severity) => {
    const n = findings.filter((f) => f.result.severity === severity).length;
    return n > 0 ? `${n} ${name}${n > 1 ? "s" : ""}` : "";
  }).filter(Boolean);
  const listed = findings
    .slice(0, 3)
    .map(
      ({ file, result }) =>
        `\n            ${file}:${result.range.start.line + 1} ${result.code}: ${firstLines(result.message, 1)}`,
    );
  const more =
    findings.length > 3 ? `\n            … and ${findings.length - 3} more (npm run lint:spec)` : "";
  return counts.join(", ") + listed.join("") + more;
}

function seconds(since: number): string {
  return `${((Date.now() - since) / 1000).toFixed(1)} s`;
}

function firstLines(text: string, count = 3): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.slice(0, count).join(" ") + (lines.length > count ? " …" : "");
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(messageOf(error));
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
