// Spectral in this process, with the project's ruleset loaded as the Spectral CLI loads it (the same
// plugins), so that `npm run dev` and the tests find what `npm run lint:spec` finds. A spec is loaded
// by the one loader first (load-spec.ts), and Spectral lints the text the loader read: its resolver
// hands over only the files the loader read and checked, reads nothing itself, and takes no `$ref`
// inside literal data for a reference. Findings keep the lines of the files as written.
import * as fs from "node:fs";
import { resolve } from "node:path";
import { Document, type ISpectralDiagnostic, Spectral } from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { Resolver } from "@stoplight/spectral-ref-resolver";
import { builtins } from "@stoplight/spectral-ruleset-bundler/plugins/builtins";
import { commonjs } from "@stoplight/spectral-ruleset-bundler/plugins/commonjs";
import { bundleAndLoadRuleset } from "@stoplight/spectral-ruleset-bundler/with-loader";
import { type LoadedSpec, type LoadOptions, loadSpec } from "./load-spec.js";
import { pointerPath } from "./spec-pointers.js";

type ResolverOptions = NonNullable<ConstructorParameters<typeof Resolver>[0]>;

/** A Spectral with the ruleset at `ruleset` (the project's .spectral.yaml unless told). */
export async function loadSpectral(ruleset = ".spectral.yaml"): Promise<Spectral> {
  const spectral = new Spectral();
  spectral.setRuleset(await bundleAndLoadRuleset(resolve(ruleset), { fs, fetch }, [builtins(), commonjs()]));
  return spectral;
}

/**
 * What Spectral finds in the YAML `text`, read as the spec file at `path` (the files it refers to are
 * read from beside it). Throws SpecLoadError when the loader refuses it.
 */
export async function lintYaml(
  spectral: Spectral,
  text: string,
  path: string,
  options: Omit<LoadOptions, "text"> = {},
): Promise<ISpectralDiagnostic[]> {
  return lintLoaded(spectral, await loadSpec(path, { ...options, text }));
}

/** What Spectral, with the ruleset of `spectral`, finds in a loaded spec. */
export function lintLoaded(spectral: Spectral, loaded: LoadedSpec): Promise<ISpectralDiagnostic[]> {
  // A Spectral per run: its resolver serves this spec's files, and keeps no file of an earlier run.
  const run = new Spectral({ resolver: new Resolver(resolverOptions(loaded)) });
  if (spectral.ruleset) run.setRuleset(spectral.ruleset);
  const root = loaded.files.get(loaded.file);
  return run.run(new Document(root?.text ?? "", Parsers.Yaml, loaded.file));
}

function resolverOptions(loaded: LoadedSpec): ResolverOptions {
  const read = { resolve: async (uri: { toString(): string }) => readLoaded(loaded, uri.toString()) };
  return {
    resolvers: { file: read, http: read, https: read },
    transformRef: ({ ref, uri, jsonPointer }) =>
      isLiteral(loaded, uri.toString(), jsonPointer) ? undefined : ref,
  };
}

function readLoaded(loaded: LoadedSpec, uri: string): string {
  const file = loaded.files.get(uri);
  if (!file) throw new Error(`${uri} is not part of the spec as loaded`);
  return file.text;
}

/** Whether the `$ref` at `pointer` of the file `uri` is inside a literal value of that file. */
function isLiteral(loaded: LoadedSpec, uri: string, pointer: string | undefined): boolean {
  const path = pointerPath(pointer ?? "#") ?? [];
  const literals = loaded.files.get(uri)?.nodes.literals ?? [];
  return literals.some((site) => site.path.every((key, index) => path[index] === key));
}
