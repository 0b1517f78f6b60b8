// The report of `npm run diff`: for each spec, its changes by level, the client types whose shape
// changed, and the semver bump the verdict calls for: major for anything breaking, minor for any other
// change to the contract, patch for info alone (documentation, examples, servers).
import semver from "semver";
import type { Change } from "./change.js";
import { compareSpecs } from "./spec-diff.js";
import { emptySpec, type ParsedSpec, parseSpec, type SpecVersion } from "./spec-version.js";
import { diffTypes, type TypeChange } from "./type-diff.js";

export type Bump = "major" | "minor" | "patch" | "none";

export interface SpecReport {
  /** The spec's file name, e.g. `petstore.yaml`. */
  spec: string;
  base: { label: string; version: string | undefined } | undefined;
  head: { label: string; version: string | undefined } | undefined;
  breaking: Change[];
  nonBreaking: Change[];
  /** Documentation, and what no operation uses: never in the changelog. */
  info: Change[];
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
  const changes = compareSpecs(base, head);
  const [baseTypes, headTypes] = await Promise.all([base.types(), head.types()]);
  const types = diffTypes(baseTypes, headTypes);
  const breaking = changes.filter((c) => c.level === "breaking");
  const nonBreaking = changes.filter((c) => c.level === "non-breaking");
  const info = changes.filter((c) => c.level === "info");
  const bump: Bump =
    breaking.length > 0 ? "major" : nonBreaking.length > 0 ? "minor" : info.length > 0 ? "patch" : "none";
  const baseSemver = base.version && semver.valid(base.version);
  return {
    spec: name,
    base: baseVersion ? summaryOf(base) : undefined,
    head: headVersion ? summaryOf(head) : undefined,
    breaking,
    nonBreaking,
    info,
    types,
    bump,
    suggestedVersion: baseSemver && bump !== "none" ? (semver.inc(baseSemver, bump) ?? undefined) : undefined,
  };
}

function summaryOf(spec: ParsedSpec) {
  return { label: spec.label, version: spec.version };
}
