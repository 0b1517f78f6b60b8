// One version of one spec file as the diff reads it: loaded by the one loader (tools/shared/load-spec.ts),
// which refuses what no command reads, checked as OpenAPI 3.0, and the place of any pointer in it, so
// that every change can say where it is written.
import { typesOfLoaded } from "../codegen/generate.js";
import { type LoadedSpec, loadSpec, SpecLoadError } from "../shared/load-spec.js";
import { memoize } from "../shared/memo.js";
import { shownPath } from "../shared/paths.js";
import { validateSpec } from "../shared/validate-spec.js";

/** One version of one spec file: its text and where it came from. */
export interface SpecVersion {
  /** As shown to the reader: `spec/x.openapi.yaml`, `v1.0.0:spec/x.openapi.yaml` … */
  label: string;
  text: string;
  /** The file's absolute path in the working tree: the loader reads what it refers to from beside it. */
  file: string;
}

/** A bad input: the message names it. */
export class SpecError extends Error {
  override name = "SpecError" as const;
}

/** Where a place of the spec is written: the file as the reader knows it, and the line. */
export interface WrittenAt {
  file: string;
  line: number | undefined;
}

export interface ParsedSpec {
  label: string;
  /** True for the stand-in of a side that has no file. */
  missing: boolean;
  version: string | undefined;
  /** The document as loaded: parts of other files brought in, `$ref`s left internal and unresolved. */
  raw: Record<string, unknown>;
  /** Where the value at a JSON pointer is written, or the nearest enclosing one that exists. */
  placeOf(pointer: string): WrittenAt;
  /** The client types module of this version, as generated/NAME.ts holds it, made once on first call; undefined for a side that has no file. */
  types(): Promise<string | undefined>;
}

/**
 * Loads and validates one version; throws a SpecError naming it when the loader refuses it or it is
 * not an OpenAPI 3.0 document. The same base is read again and again (the dev loop, the tests): each
 * version is loaded once.
 */
export const parseSpec: (version: SpecVersion) => Promise<ParsedSpec> = memoize(
  parse,
  (version) => JSON.stringify([version.label, version.file, version.text]),
  16,
);

async function parse(version: SpecVersion): Promise<ParsedSpec> {
  const loaded = await loadSpec(version.file, { text: version.text }).catch((error: unknown) => {
    throw refusal(error, version);
  });
  const raw: unknown = loaded.document;
  if (!isRecord(raw) || typeof raw.openapi !== "string") {
    throw new SpecError(`${version.label} is not an OpenAPI document: it has no \`openapi\` field`);
  }
  if (!raw.openapi.startsWith("3.0.")) {
    throw new SpecError(`${version.label} is OpenAPI ${raw.openapi}; npm run diff reads OpenAPI 3.0.x only`);
  }
  await validateSpec(loaded).catch((error: unknown) => {
    throw refusal(error, version);
  });
  const info = isRecord(raw.info) ? raw.info : {};
  let types: Promise<string> | undefined;
  return {
    label: version.label,
    missing: false,
    version: typeof info.version === "string" ? info.version : undefined,
    raw,
    placeOf: (pointer) => placeIn(loaded, version, pointer),
    types: () => {
      types ??= typesOfLoaded(loaded);
      return types;
    },
  };
}

/** The loader's refusal as a SpecError that names the version as the reader knows it. */
function refusal(error: unknown, version: SpecVersion): unknown {
  if (!(error instanceof SpecLoadError)) return error;
  // A part the spec refers to is named by its own path, after the version that refers to it.
  if (error.file !== version.file) return new SpecError(`${version.label}: ${error.message}`);
  const at = [version.label, error.line, error.column].filter((part) => part !== undefined).join(":");
  return new SpecError(`${at}: ${error.reason}`);
}

function placeIn(loaded: LoadedSpec, version: SpecVersion, pointer: string): WrittenAt {
  const position = loaded.positionOf(pointer);
  const file = position.file === version.file ? version.label : shownPath(position.file);
  return { file, line: position.line };
}

/** The spec that stands in for a side that has no file: no paths at all. */
export function emptySpec(label: string): ParsedSpec {
  return {
    label,
    missing: true,
    version: undefined,
    raw: { openapi: "3.0.3", info: { title: label, version: "0.0.0" }, paths: {} },
    placeOf: () => ({ file: label, line: undefined }),
    types: () => Promise.resolve(undefined),
  };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
