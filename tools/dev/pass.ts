// One pass of `npm run dev` over the saved specs: read, lint, validate, regenerate, compare with the
// start, restart the mock, and print the summary. A spec that does not parse changes nothing.
import { cp, readFile, rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import type { Spectral } from "@stoplight/spectral-core";
import { generateFromSpec } from "../codegen/generate.js";
import { specVersions } from "../diff/read.js";
import { buildReport } from "../diff/report.js";
import { parseSpec, type SpecVersion } from "../diff/spec-version.js";
import { diffTypes } from "../diff/type-diff.js";
import { type RunningMock, startMock } from "../mock/server.js";
import { errorMessage } from "../shared/errors.js";
import { movedLine, type WantedPort } from "../shared/net.js";
import { shownPath } from "../shared/paths.js";
import { DEFAULT_SPEC, specFiles, specStem } from "../shared/specs.js";
import { lintSummary } from "./lint.js";
import { firstLines, seconds } from "./text.js";

export interface DevState {
  specDir: string;
  outDir: string;
  /** Where the mock serves: once a default port gave way, the port it took instead. */
  port: WantedPort;
  /** Why the mock did not start, when the last pass could not start it. */
  mockFailure: string | undefined;
  spectral: Spectral;
  mockDir: string;
  mock: RunningMock | undefined;
  /** The specs when the loop started (or at the first good save, if it started broken). */
  start: Map<string, SpecVersion> | undefined;
  /** The generated types of the last good save, per spec file. */
  types: Map<string, string>;
  /** What the last pass read, by file name: a save names the files it changed, and one that changes none is skipped. */
  seen: Map<string, string>;
  passes: number;
  stopping: boolean;
}

/** One pass: read, lint, validate, regenerate, compare, restart the mock, print the summary. */
export async function pass(state: DevState, savedAt: number): Promise<void> {
  const files = await specFiles(state.specDir);
  if (files.length === 0) {
    console.log(`  error     no spec left in ${shownPath(state.specDir)}/`);
    return;
  }
  const read = await changedSpecs(state, files);
  if (!read) return;
  const { specs, names } = read;
  const event = state.passes === 1 ? "read" : `saved (picked up in ${seconds(savedAt)})`;
  console.log(`[${new Date().toLocaleTimeString()}] ${names.join(", ")} ${event}`);

  const broken = await Promise.all([...specs.values()].map(parseSpec)).then(
    () => undefined,
    (error: unknown) => error,
  );
  // Generate first, beside lint: a save that generate refuses (an x-mock-state declaration at fault)
  // is a broken save, and the last good mock keeps serving. The mock restarts as soon as generate
  // has taken the save; the summary's other lines follow while it starts.
  const typesLine = broken === undefined ? settled(regenerate(state, files)) : undefined;
  const mockLine = typesLine?.then((types) =>
    "value" in types && !state.stopping ? restartMock(state, files, savedAt) : undefined,
  );
  const lint = await lintSummary(state.spectral, files, specs).catch((error: unknown) =>
    // The loader refuses for lint what it refuses for the diff: the error line below says why, once.
    broken === undefined
      ? `not run: Spectral could not read the spec (${errorMessage(error)})`
      : "not run: the spec does not load (the error below)",
  );
  console.log(`  lint      ${lint}`);
  const types = await typesLine;
  const failure = broken ?? (types && "error" in types ? types.error : undefined);
  if (failure !== undefined || !types || !("value" in types)) {
    console.log(`  error     ${firstLines(errorMessage(failure))}`);
    console.log(
      state.mock
        ? `  mock      still serving the last good spec on ${state.mock.url}`
        : "  mock      not started: no good spec yet",
    );
    return;
  }
  console.log(`  types     ${types.value}`);
  console.log(`  breaking  ${await breakingSinceStart(state, specs)}`);
  const line = await mockLine;
  if (line) console.log(line);
}

/** The promise's value or its error, as a value. */
function settled<T>(promise: Promise<T>): Promise<{ value: T } | { error: unknown }> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

/**
 * The specs by file name and the names of those that changed since the last pass (a removed one says
 * so), or undefined when none did; a pass that reads a change counts.
 */
async function changedSpecs(
  state: DevState,
  files: string[],
): Promise<{ specs: Map<string, SpecVersion>; names: string[] } | undefined> {
  const specs = await specVersions(files);
  const changed = [...specs]
    .filter(([name, spec]) => state.seen.get(name) !== spec.text)
    .map(([name]) => name);
  const removed = [...state.seen.keys()]
    .filter((name) => !specs.has(name))
    .map((name) => `${name} (removed)`);
  if (changed.length === 0 && removed.length === 0) return undefined;
  state.seen = new Map([...specs].map(([name, spec]) => [name, spec.text]));
  state.passes += 1;
  return { specs, names: [...changed, ...removed] };
}

/** Writes what changed in generated/; resolves with the summary's types line. */
async function regenerate(state: DevState, files: string[]): Promise<string> {
  const types = new Map<string, string>();
  for (const file of files) {
    for (const generated of await generateFromSpec(file, state.outDir)) {
      const onDisk = await readFile(generated.path, "utf8").catch(() => undefined);
      if (onDisk !== generated.contents) await writeFile(generated.path, generated.contents);
      // Only the types file: the validators and examples modules are generated beside it.
      if (basename(generated.path) === `${specStem(file)}.ts`) {
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
  return previous.size === 0 ? `generated in ${shownPath(state.outDir)}/` : summary;
}

/** The summary's breaking line: every breaking change since the loop started, as `npm run diff` prints it. */
async function breakingSinceStart(state: DevState, specs: Map<string, SpecVersion>): Promise<string> {
  // The first good pass is the start: nothing to compare it with.
  if (!state.start) {
    state.start = specs;
    return "none since the start";
  }
  const report = await buildReport("the start", state.start, specs);
  const breaking = report.specs.flatMap((s) => s.breaking);
  if (breaking.length === 0) return "none since the start";
  return [`${breaking.length} since the start:`, ...breaking.map((c) => `            ${c.message}`)].join(
    "\n",
  );
}

/** Serves the saved spec in place of the last one; resolves with the summary's mock line. */
async function restartMock(state: DevState, files: string[], savedAt: number): Promise<string> {
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
    state.mockFailure = undefined;
    const moved = movedLine("mock", state.mock);
    // Later restarts keep the port it took.
    if (moved) state.port = { port: Number(new URL(state.mock.url).port) };
    const since = state.passes === 1 ? "the start" : "the save";
    const line = `  mock      ${verb} on ${state.mock.url} (${seconds(savedAt)} after ${since})`;
    return moved ? `${line}\n  note      ${moved}` : line;
  } catch (error) {
    state.mockFailure = firstLines(errorMessage(error));
    return `  mock      failed to start: ${state.mockFailure}`;
  }
}
