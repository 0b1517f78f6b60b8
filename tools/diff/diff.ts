// `npm run diff -- [--base <git-ref or file>] [--json | --changelog] [--spec <dir>]`
//
// Compares every spec in spec/ with a base: by default the newest v* tag reachable from HEAD; else a
// git ref (the spec files at that ref, read with `git show`) or a spec file. Prints the breaking,
// non-breaking and unclassified changes with their place in the spec, the client types whose shape
// changed, and the semver bump they call for. Exit 1 when anything is breaking, 2 on bad input.
import { execFile } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { basename, relative, resolve } from "node:path";
import { promisify } from "node:util";
import semver from "semver";
import { generateTypes } from "../codegen/generate.js";
import { defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { errorMessage } from "../shared/errors.js";
import { isMain } from "../shared/main.js";
import { memoize } from "../shared/memo.js";
import { shownPath } from "../shared/paths.js";
import { specFiles } from "../shared/specs.js";
import { pairBaseFile } from "./pair-spec.js";
import {
  type Change,
  compareSpecs,
  emptySpec,
  type ParsedSpec,
  parseSpec,
  SpecError,
  type SpecVersion,
} from "./spec-diff.js";
import { diffTypes, type TypeChange } from "./type-diff.js";

const git = promisify(execFile);

export type Bump = "major" | "minor" | "patch" | "none";

export interface SpecReport {
  /** The spec's file name, e.g. `image-search.openapi.yaml`. */
  spec: string;
  base: { label: string; version: string | undefined } | undefined;
  head: { label: string; version: string | undefined } | undefined;
  breaking: Change[];
  nonBreaking: Change[];
  unclassified: Change[];
  types: TypeChange[];
  bump: Bump;
  /** The version the changes call for: the base's info.version, bumped. */
  suggestedVersion: string | undefined;
}

export interface DiffReport {
  /** What was compared with: a tag, a ref or a file. */
  base: string;
  specs: SpecReport[];
  breaking: boolean;
}

/** Pairs base and head files by name (a single file on each side pairs whatever its name) and compares them. */
export async function buildReport(
  baseLabel: string,
  base: Map<string, SpecVersion>,
  head: Map<string, SpecVersion>,
): Promise<DiffReport> {
  if (base.size === 1 && head.size === 1) {
    const [baseOnly] = base.values();
    const [headName] = head.keys();
    if (baseOnly && headName) base = new Map([[headName, baseOnly]]);
  }
  const names = [...new Set([...head.keys(), ...base.keys()])].sort();
  const specs = await Promise.all(names.map((name) => compareOne(name, base.get(name), head.get(name))));
  return { base: baseLabel, specs, breaking: specs.some((s) => s.breaking.length > 0) };
}

async function compareOne(
  name: string,
  baseVersion: SpecVersion | undefined,
  headVersion: SpecVersion | undefined,
): Promise<SpecReport> {
  const [base, head] = await Promise.all([
    baseVersion ? parseSpec(baseVersion) : emptySpec(`(no ${name} in the base)`),
    headVersion ? parseSpec(headVersion) : emptySpec(`(no ${name} in the head)`),
  ]);
  const [changes, baseTypes, headTypes] = await Promise.all([
    compareSpecs(base, head),
    baseVersion ? typesOf(baseVersion.text) : undefined,
    headVersion ? typesOf(headVersion.text) : undefined,
  ]);
  const types = diffTypes(baseTypes, headTypes);
  const breaking = changes.filter((c) => c.type === "breaking");
  const nonBreaking = changes.filter((c) => c.type === "non-breaking");
  const unclassified = changes.filter((c) => c.type === "unclassified");
  const bump: Bump =
    breaking.length > 0
      ? "major"
      : nonBreaking.length > 0 || types.length > 0
        ? "minor"
        : changes.length > 0
          ? "patch"
          : "none";
  const baseSemver = base.version && semver.valid(base.version);
  return {
    spec: name,
    base: baseVersion ? summaryOf(base) : undefined,
    head: headVersion ? summaryOf(head) : undefined,
    breaking,
    nonBreaking,
    unclassified,
    types,
    bump,
    suggestedVersion: baseSemver && bump !== "none" ? (semver.inc(baseSemver, bump) ?? undefined) : undefined,
  };
}

// The same base is compared again and again (the dev loop, the tests): generate its types once.
const typesOf = memoize(
  (text: string) => generateTypes(text),
  (text) => text,
  8,
);

function summaryOf(spec: ParsedSpec) {
  return { label: spec.label, version: spec.version };
}

// ---- reading the base and the head ----

function isFile(path: string): Promise<boolean> {
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
  const folder = relative(cwd, resolve(cwd, specDir)) || ".";
  const { stdout } = await git("git", ["ls-tree", "--name-only", base, "--", `${folder}/`], { cwd });
  const specs = new Map<string, SpecVersion>();
  for (const file of stdout.split("\n").filter((f) => f.endsWith(".openapi.yaml"))) {
    const show = await git("git", ["show", `${base}:./${file}`], { cwd, maxBuffer: 64 * 1024 * 1024 });
    specs.set(basename(file), { label: `${base}:${file}`, text: show.stdout });
  }
  return specs;
}

// ---- output ----

export function formatText(report: DiffReport): string {
  const out: string[] = [];
  for (const spec of report.specs) {
    out.push(`Spec ${spec.spec}`);
    out.push(`  base  ${spec.base ? versionLine(spec.base) : "(none: the spec is new)"}`);
    out.push(`  head  ${spec.head ? versionLine(spec.head) : "(none: the spec was removed)"}`);
    out.push("");
    section(out, "Breaking", spec.breaking);
    section(out, "Non-breaking", spec.nonBreaking);
    section(out, "Unclassified", spec.unclassified);
    if (spec.types.length === 0) out.push("Client types: none changed");
    else {
      out.push(`Client types (${spec.types.length} changed)`);
      for (const type of spec.types) {
        const aliases = type.exports.length > 0 ? ` (${type.exports.join(", ")})` : "";
        const via = type.via.length > 0 ? `, via ${type.via.join(", ")}` : "";
        out.push(`  ${type.change} ${type.name}${aliases}${via}`);
        for (const line of type.lines) out.push(`      ${line}`);
      }
    }
    out.push("");
    out.push(`Suggested bump: ${bumpLine(spec)}`);
    out.push("");
  }
  out.push(
    report.breaking
      ? `Breaking changes against ${report.base}: the check fails (exit 1).`
      : `No breaking change against ${report.base}.`,
  );
  return out.join("\n");
}

function versionLine(side: { label: string; version: string | undefined }): string {
  return `${side.label} (info.version ${side.version ?? "missing"})`;
}

function section(out: string[], title: string, changes: Change[]): void {
  if (changes.length === 0) {
    out.push(`${title}: none`);
    return;
  }
  out.push(`${title} (${changes.length})`);
  for (const change of changes) {
    const line = change.location.line === undefined ? "" : `:${change.location.line}`;
    out.push(`  - ${change.summary}`);
    out.push(`    at ${change.location.file}${line}  ${change.location.path}`);
    if (change.correction) {
      out.push(
        `    corrected: openapi-diff says ${change.correction.from} (${change.code}); ${change.correction.reason}`,
      );
    }
  }
}

function bumpLine(spec: SpecReport): string {
  if (spec.bump === "none") return "none (no change)";
  const from = spec.base?.version;
  const suggested = spec.suggestedVersion ? ` (${from} → ${spec.suggestedVersion})` : "";
  const head = spec.head?.version;
  const behind =
    spec.suggestedVersion && head && semver.valid(head) && semver.lt(head, spec.suggestedVersion)
      ? `; info.version is still ${head}`
      : "";
  return `${spec.bump}${suggested}${behind}`;
}

const ADDED = new Set(["path.add", "method.add", "response.status-code.add"]);
const REMOVED = new Set(["path.remove", "method.remove", "response.status-code.remove"]);

/** The report as a Keep a Changelog entry per spec. */
export function formatChangelog(report: DiffReport, date = new Date().toISOString().slice(0, 10)): string {
  // A spec that did not change gets no entry; with no change at all, one entry says so.
  const changed = report.specs.filter((spec) => spec.bump !== "none");
  if (changed.length === 0) return "## [Unreleased]\n\nNo change to the contract.";
  return changed
    .map((spec) => {
      const headVersion = spec.head?.version;
      const released =
        headVersion && (!spec.base?.version || semver.gt(headVersion, spec.base.version, { loose: true }));
      const name = report.specs.length > 1 ? ` (${spec.spec})` : "";
      const heading = released ? `## [${headVersion}] - ${date}${name}` : `## [Unreleased]${name}`;
      const all = [...spec.breaking, ...spec.nonBreaking, ...spec.unclassified];
      const bullet = (c: Change) => `- ${c.type === "breaking" ? "**Breaking:** " : ""}${c.summary}`;
      const groups: [string, string[]][] = [
        [
          "Added",
          [
            ...all.filter((c) => ADDED.has(c.code) || c.code.endsWith(".header.add")).map(bullet),
            ...typeBullets(spec.types, "added"),
          ],
        ],
        [
          "Changed",
          [
            ...all
              .filter((c) => !ADDED.has(c.code) && !REMOVED.has(c.code) && !c.code.includes(".header."))
              .map((c) => `${bullet(c)} (\`${c.location.path}\`)`),
            ...typeBullets(spec.types, "changed"),
          ],
        ],
        [
          "Removed",
          [
            ...all.filter((c) => REMOVED.has(c.code) || c.code.endsWith(".header.remove")).map(bullet),
            ...typeBullets(spec.types, "removed"),
          ],
        ],
      ];
      const body = groups
        .filter(([, lines]) => lines.length > 0)
        .map(([title, lines]) => `### ${title}\n\n${lines.join("\n")}`);
      return [heading, ...body].join("\n\n");
    })
    .join("\n\n");
}

function typeBullets(types: TypeChange[], change: TypeChange["change"]): string[] {
  const names = types
    .filter((t) => t.change === change)
    .map((t) => (t.exports.length > 0 ? `\`${t.exports.join("`, `")}\` (${t.name})` : `\`${t.name}\``));
  return names.length > 0 ? [`- Client types ${change}: ${names.join(", ")}`] : [];
}

// ---- command line ----

export interface CliIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const DIFF = defineCommand({
  name: "npm run diff",
  summary:
    "Compares every spec with a base and prints the breaking, non-breaking and unclassified changes with their\n" +
    "place in the spec, the client types whose shape changed, and the semver bump they call for.",
  options: {
    base: {
      type: "string",
      value: "REF|FILE",
      description:
        "What to compare with: a git ref (the spec folder at that ref), a folder of specs, or one spec file\n" +
        "(paired with the spec of the same name, else the one spec that shares its title or paths).\n" +
        "Default: the newest v* tag reachable from HEAD.",
    },
    spec: {
      type: "string",
      default: "spec",
      value: "DIR|FILE",
      description: "The head: a folder of *.openapi.yaml specs, or one spec file.",
    },
    json: { type: "boolean", default: false, description: "Print the report as JSON." },
    changelog: {
      type: "boolean",
      default: false,
      description: "Print a Keep a Changelog entry for each spec that changed.",
    },
  },
  exitCodes: { 1: "a breaking change", 2: "bad input (named in the message)" },
});

/** The whole command: parses args, prints, and returns the exit code (2 for bad input, with its reason). */
export async function cli(args: string[], io: CliIo): Promise<number> {
  try {
    const values = parseCommand(DIFF, args, io.stdout);
    if (!values) return 0;
    const head = await readHead(values.spec, io.cwd);
    const baseRef = values.base ?? (await newestTag(io.cwd));
    if (baseRef === undefined) {
      const message =
        "No base to compare with: no v* tag is reachable from HEAD. Pass --base <git-ref or file>, or tag a release (git tag v1.0.0).";
      io.stdout(values.json ? JSON.stringify({ base: null, message }, null, 2) : message);
      return 0;
    }
    const base = await readBase(baseRef, values.spec, io.cwd);
    const pair = (await isFile(resolve(io.cwd, baseRef)))
      ? pairBaseFile(baseRef, base, head, values.spec)
      : { base, head };
    const report = await buildReport(baseRef, pair.base, pair.head);
    if (values.json) io.stdout(JSON.stringify(report, null, 2));
    else if (values.changelog) io.stdout(formatChangelog(report));
    else io.stdout(formatText(report));
    return report.breaking ? 1 : 0;
  } catch (error) {
    io.stderr(error instanceof SpecError || error instanceof UsageError ? error.message : String(error));
    return 2;
  }
}

if (isMain(import.meta.url)) {
  const io = { cwd: process.cwd(), stdout: console.log, stderr: console.error };
  cli(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
