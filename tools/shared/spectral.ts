// Spectral in this process, with the project's ruleset loaded as the Spectral CLI loads it (the same
// plugins), so that `npm run dev` and the tests find what `npm run lint:spec` finds.
import * as fs from "node:fs";
import { resolve } from "node:path";
import { Document, type ISpectralDiagnostic, Spectral } from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { builtins } from "@stoplight/spectral-ruleset-bundler/plugins/builtins";
import { commonjs } from "@stoplight/spectral-ruleset-bundler/plugins/commonjs";
import { bundleAndLoadRuleset } from "@stoplight/spectral-ruleset-bundler/with-loader";

/** A Spectral with the ruleset at `ruleset` (the project's .spectral.yaml unless told). */
export async function loadSpectral(ruleset = ".spectral.yaml"): Promise<Spectral> {
  const spectral = new Spectral();
  spectral.setRuleset(await bundleAndLoadRuleset(resolve(ruleset), { fs, fetch }, [builtins(), commonjs()]));
  return spectral;
}

/** What Spectral finds in the YAML `text`, read as the spec file at `path`. */
export function lintYaml(spectral: Spectral, text: string, path: string): Promise<ISpectralDiagnostic[]> {
  return spectral.run(new Document(text, Parsers.Yaml, resolve(path)));
}
