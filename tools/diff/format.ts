// The report as text: per spec, the changes by level (one line each, then its rule and where it is
// written), the client types whose shape changed, and the suggested bump; last, the verdict.
import semver from "semver";
import type { Change } from "./change.js";
import type { DiffReport, SpecReport } from "./report.js";

export function formatText(report: DiffReport): string {
  const out: string[] = [];
  for (const spec of report.specs) {
    out.push(`Spec ${spec.spec}`);
    out.push(`  base  ${spec.base ? versionLine(spec.base) : "(none: the spec is new)"}`);
    out.push(`  head  ${spec.head ? versionLine(spec.head) : "(none: the spec was removed)"}`);
    out.push("");
    section(out, "Breaking", spec.breaking);
    section(out, "Non-breaking", spec.nonBreaking);
    section(out, "Info", spec.info);
    types(out, spec);
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
    const line = change.line === null ? "" : `:${change.line}`;
    out.push(`  - ${change.message}`);
    out.push(`    ${change.rule} at ${change.file}${line} ${change.pointer}`);
  }
}

function types(out: string[], spec: SpecReport): void {
  if (spec.types.length === 0) {
    out.push("Client types: none changed");
    return;
  }
  out.push(`Client types (${spec.types.length} changed)`);
  for (const type of spec.types) {
    const aliases = type.exports.length > 0 ? ` (${type.exports.join(", ")})` : "";
    const via = type.via.length > 0 ? `, via ${type.via.join(", ")}` : "";
    out.push(`  ${type.change} ${type.name}${aliases}${via}`);
    for (const line of type.lines) out.push(`      ${line}`);
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
