// The lint line of `npm run dev`'s summary: Spectral's findings on the saved specs, counted by
// severity, with the first few named.
import { basename } from "node:path";
import type { ISpectralDiagnostic, Spectral } from "@stoplight/spectral-core";
import type { SpecVersion } from "../diff/spec-version.js";
import { shownPath } from "../shared/paths.js";
import { lintYaml } from "../shared/spectral.js";
import { firstLines } from "./text.js";

const SEVERITY = ["error", "warning", "info", "hint"] as const;

export async function lintSummary(
  spectral: Spectral,
  files: string[],
  specs: Map<string, SpecVersion>,
): Promise<string> {
  const findings: { file: string; result: ISpectralDiagnostic }[] = [];
  for (const file of files) {
    const text = specs.get(basename(file))?.text ?? "";
    const results = await lintYaml(spectral, text, file);
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
