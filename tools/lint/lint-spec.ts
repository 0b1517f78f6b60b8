// `npm run lint:spec`: Spectral with the project's ruleset on every spec, as `spectral lint
// --fail-severity=warn spec/*.openapi.yaml` ran it (the same findings, printed by the same formatter,
// the same exit codes), but each spec loaded by the one loader first: a spec it refuses (a reference
// out of the spec's folder or to a URL, an alias bomb, a file too large …) exits 2 naming the file and
// line, and nothing Spectral does reads a file or an address the loader did not check.
import type { ISpectralDiagnostic } from "@stoplight/spectral-core";
import { getDiagnosticSeverity } from "@stoplight/spectral-core";
import { stylish } from "@stoplight/spectral-formatters";
import type { DiagnosticSeverity } from "@stoplight/types";
import { commandFailed, defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { loadSpec } from "../shared/load-spec.js";
import { isMain } from "../shared/main.js";
import { specFiles } from "../shared/specs.js";
import { lintLoaded, loadSpectral } from "../shared/spectral.js";

const SEVERITIES = ["error", "warn", "info", "hint"] as const;
type Severity = (typeof SEVERITIES)[number];

const LINT = defineCommand({
  name: "npm run lint:spec",
  summary:
    "Lints every spec/*.openapi.yaml with the ruleset in .spectral.yaml and prints Spectral's findings.\n" +
    "Each spec is loaded first as every command loads it: one the loader refuses fails naming the file and line.",
  options: {
    spec: {
      type: "string",
      multiple: true,
      value: "FILE",
      description: "A spec to lint instead of every spec/*.openapi.yaml; repeat it for more.",
    },
    "fail-severity": {
      type: "string",
      default: "warn",
      value: "LEVEL",
      description: "error, warn, info or hint: a finding this severe or more fails the run.",
    },
    ruleset: {
      type: "string",
      default: ".spectral.yaml",
      value: "FILE",
      description: "The Spectral ruleset.",
    },
    "allow-remote-refs": {
      type: "boolean",
      default: false,
      description: "Follow $refs to http(s) URLs (to public addresses only).",
    },
  },
  exitCodes: {
    1: "a finding at or above --fail-severity",
    2: "bad input: an option, or a spec the loader refuses (the message names the file and line)",
  },
});

export interface LintOptions {
  ruleset: string;
  allowRemote: boolean;
}

/** Spectral's findings on the specs at `files`; throws SpecLoadError when the loader refuses one. */
export async function lintSpecs(files: string[], options: LintOptions): Promise<ISpectralDiagnostic[]> {
  const loaded = await Promise.all(files.map((file) => loadSpec(file, { allowRemote: options.allowRemote })));
  const spectral = await loadSpectral(options.ruleset);
  const results: ISpectralDiagnostic[] = [];
  for (const spec of loaded) results.push(...(await lintLoaded(spectral, spec)));
  return results;
}

/**
 * What the Spectral CLI prints for `results`: its stylish table (without the rules' documentation
 * links, as the CLI leaves them out by default), or the line that says there is none.
 */
export function lintReport(results: ISpectralDiagnostic[], failSeverity: Severity): string {
  if (results.length > 0) {
    const shown = results.map(({ documentationUrl: _, ...result }) => result);
    return stylish(shown, { failSeverity: severityOf(failSeverity) });
  }
  const orHigher = failSeverity === "error" ? "" : "or higher ";
  return `No results with a severity of '${failSeverity}' ${orHigher}found!\n`;
}

/** Whether `results` fail a run at `failSeverity` (Spectral numbers severities from 0, error). */
export function failsAt(results: ISpectralDiagnostic[], failSeverity: Severity): boolean {
  return results.some((result) => result.severity <= severityOf(failSeverity));
}

function severityOf(severity: Severity): DiagnosticSeverity {
  return getDiagnosticSeverity(severity) as DiagnosticSeverity;
}

async function main(): Promise<void> {
  const values = parseCommand(LINT);
  if (!values) return;
  const failSeverity = values["fail-severity"] as Severity;
  if (!SEVERITIES.includes(failSeverity)) {
    throw new UsageError(
      `npm run lint:spec: --fail-severity takes ${SEVERITIES.join(", ")}, not ${failSeverity}. ` +
        "Run `npm run lint:spec -- --help` for the options.",
    );
  }
  const files = values.spec ?? (await specFiles("spec"));
  const results = await lintSpecs(files, {
    ruleset: values.ruleset,
    allowRemote: values["allow-remote-refs"],
  });
  process.stdout.write(lintReport(results, failSeverity));
  if (failsAt(results, failSeverity)) process.exitCode = 1;
}

if (isMain(import.meta.url)) {
  main().catch(commandFailed);
}
