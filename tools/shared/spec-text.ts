// One file of a spec, from bytes to data, within limits: a file over the size limit is refused before
// it is read, invalid YAML at its line, and a YAML alias bomb before it expands (the `yaml` package
// counts what each alias expands to). JSON, which most large specs are, goes through JSON.parse: the
// `yaml` parser takes seconds and half a gigabyte on GitHub's 13 MB description, JSON.parse a fifth of
// a second. Positions are only needed for messages, so they are found when asked (spec-lines.ts).
import { type Document, isAlias, type Node, visit } from "yaml";
import { positionOfNode, type SourceText, yamlOf } from "./spec-lines.js";
import { SpecLoadError } from "./spec-load-error.js";

export interface SpecLimits {
  /** The largest file, in bytes. */
  fileBytes: number;
  /** The largest sum of the files of one spec, in bytes. */
  totalBytes: number;
  /** How much YAML aliases may expand, as the `yaml` package's maxAliasCount counts it. */
  aliasCount: number;
  /** The deepest nesting of maps and lists. */
  depth: number;
}

const MiB = 1024 * 1024;

/**
 * Limits every real spec passes with room to spare: GitHub's REST description, the largest public
 * one, is 13 MB of JSON (14 MB for its enterprise variant) and nests 20 levels deep; it has no alias.
 */
export const DEFAULT_LIMITS: SpecLimits = {
  fileBytes: 32 * MiB,
  totalBytes: 64 * MiB,
  aliasCount: 100,
  depth: 128,
};

/** The data in one file of a spec. */
export function parseSpecText(source: SourceText, limits: SpecLimits): unknown {
  const { file } = source;
  const json = parseJson(source.text);
  if (json.ok) return json.value;
  const { document } = yamlOf(source);
  const error = document.errors[0];
  if (error) {
    const [start] = error.linePos ?? [];
    const reason = error.message.split("\n")[0]?.replace(/ at line \d+, column \d+:?$/, "") ?? "";
    throw new SpecLoadError({ file, line: start?.line, column: start?.col }, `not valid YAML: ${reason}`);
  }
  try {
    return document.toJS({ maxAliasCount: limits.aliasCount });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    const alias = firstAlias(document);
    const at = alias ? positionOfNode(source, alias) : { file };
    throw new SpecLoadError(
      at,
      `its YAML aliases expand past the limit (${limits.aliasCount} per alias): refused as an alias bomb`,
    );
  }
}

/** Why a file of `size` bytes may not be read after `total` bytes of the same spec, if it may not. */
export function sizeRefusal(size: number, total: number, limits: SpecLimits): string | undefined {
  if (size > limits.fileBytes) return `${size} bytes, over the limit of ${limits.fileBytes} bytes per file`;
  if (total + size > limits.totalBytes) {
    return `the spec's files come to more than the limit of ${limits.totalBytes} bytes together`;
  }
  return undefined;
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (!/^\s*[{[]/.test(text)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    // Not JSON after all (a YAML flow mapping, or an error the YAML parser will place).
    return { ok: false };
  }
}

function firstAlias(document: Document): Node | undefined {
  let found: Node | undefined;
  visit(document, {
    Alias(_, node) {
      if (isAlias(node)) found = node;
      return visit.BREAK;
    },
  });
  return found;
}
