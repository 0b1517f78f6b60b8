// The report as a Keep a Changelog entry per spec: the same lines as the report, breaking ones marked,
// under Added, Changed, Deprecated or Removed by their rule. Info (documentation, examples) is no
// change to the contract, so it is left out.
import semver from "semver";
import type { Change } from "./change.js";
import type { DiffReport, SpecReport } from "./report.js";
import { RULES, type Section } from "./rules.js";
import type { TypeChange } from "./type-diff.js";

const SECTIONS: Section[] = ["Added", "Changed", "Deprecated", "Removed"];
const TYPE_SECTION: Record<TypeChange["change"], Section> = {
  added: "Added",
  changed: "Changed",
  removed: "Removed",
};

export function formatChangelog(report: DiffReport, date = new Date().toISOString().slice(0, 10)): string {
  // A spec whose contract did not change gets no entry; with no change at all, one entry says so.
  const changed = report.specs.filter((spec) => contractChanges(spec).length > 0 || spec.types.length > 0);
  if (changed.length === 0) return "## [Unreleased]\n\nNo change to the contract.";
  return changed.map((spec) => entry(spec, report.specs.length > 1, date)).join("\n\n");
}

function contractChanges(spec: SpecReport): Change[] {
  return [...spec.breaking, ...spec.nonBreaking];
}

function entry(spec: SpecReport, named: boolean, date: string): string {
  const headVersion = spec.head?.version;
  const released =
    headVersion && (!spec.base?.version || semver.gt(headVersion, spec.base.version, { loose: true }));
  const name = named ? ` (${spec.spec})` : "";
  const heading = released ? `## [${headVersion}] - ${date}${name}` : `## [Unreleased]${name}`;
  const body = SECTIONS.flatMap((title) => {
    const lines = [
      ...contractChanges(spec)
        .filter((change) => RULES[change.rule].section === title)
        .map((change) => `- ${change.level === "breaking" ? "**Breaking:** " : ""}${change.message}`),
      ...typeBullets(spec.types, title),
    ];
    return lines.length > 0 ? [`### ${title}\n\n${lines.join("\n")}`] : [];
  });
  return [heading, ...body].join("\n\n");
}

function typeBullets(types: TypeChange[], title: Section): string[] {
  const names = types
    .filter((t) => TYPE_SECTION[t.change] === title)
    .map((t) => (t.exports.length > 0 ? `\`${t.exports.join("`, `")}\` (${t.name})` : `\`${t.name}\``));
  return names.length > 0 ? [`- Client types ${title.toLowerCase()}: ${names.join(", ")}`] : [];
}
