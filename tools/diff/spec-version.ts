// One version of one spec file as the diff reads it: its parsed document (YAML or JSON), validated as
// OpenAPI 3.0, and the line of any place in it, so that every change can say where it is written.
import SwaggerParser from "@apidevtools/swagger-parser";
import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import { keysOf } from "../../src/client/json-pointer.js";
import { errorMessage } from "../shared/errors.js";
import { memoize } from "../shared/memo.js";

/** One version of one spec file: its text and where it came from. */
export interface SpecVersion {
  /** As shown to the reader: `spec/x.openapi.yaml`, `v1.0.0:spec/x.openapi.yaml` … */
  label: string;
  text: string;
}

/** A bad input: the message names it. */
export class SpecError extends Error {
  override name = "SpecError" as const;
}

export interface ParsedSpec {
  label: string;
  /** True for the stand-in of a side that has no file. */
  missing: boolean;
  version: string | undefined;
  /** The document as written: `$ref`s unresolved, so that a pointer names the place of the text. */
  raw: Record<string, unknown>;
  /** The line of the value at a JSON pointer, or of the nearest enclosing one that exists. */
  lineOf(pointer: string): number | undefined;
}

/**
 * Parses and validates one version; throws a SpecError naming it when it is not an OpenAPI 3.0
 * document. Validating builds a new JSON Schema validator every time, and the same base is parsed
 * again and again (the dev loop, the tests): each version is parsed once.
 */
export const parseSpec: (version: SpecVersion) => Promise<ParsedSpec> = memoize(
  parse,
  (version) => JSON.stringify([version.label, version.text]),
  16,
);

async function parse(version: SpecVersion): Promise<ParsedSpec> {
  const lineCounter = new LineCounter();
  const document = parseDocument(version.text, { lineCounter });
  const yamlError = document.errors[0];
  // The first line says what and where; the rest is a drawing of the spot.
  const yamlMessage = yamlError?.message.split("\n")[0]?.replace(/:$/, "");
  if (yamlError) throw new SpecError(`${version.label} is not valid YAML: ${yamlMessage}`);
  const raw: unknown = document.toJS();
  if (!isRecord(raw) || typeof raw.openapi !== "string") {
    throw new SpecError(`${version.label} is not an OpenAPI document: it has no \`openapi\` field`);
  }
  if (!raw.openapi.startsWith("3.0.")) {
    throw new SpecError(`${version.label} is OpenAPI ${raw.openapi}; npm run diff reads OpenAPI 3.0.x only`);
  }
  try {
    await SwaggerParser.validate(structuredClone(raw) as never);
  } catch (error) {
    throw new SpecError(`${version.label} is not a valid OpenAPI 3.0 document: ${errorMessage(error)}`);
  }
  const info = isRecord(raw.info) ? raw.info : {};
  return {
    label: version.label,
    missing: false,
    version: typeof info.version === "string" ? info.version : undefined,
    raw,
    lineOf: (pointer) => lineAt(document.contents, keysOf(pointer), lineCounter),
  };
}

/** The spec that stands in for a side that has no file: no paths at all. */
export function emptySpec(label: string): ParsedSpec {
  return {
    label,
    missing: true,
    version: undefined,
    raw: { openapi: "3.0.3", info: { title: label, version: "0.0.0" }, paths: {} },
    lineOf: () => undefined,
  };
}

function lineAt(node: unknown, keys: readonly string[], counter: LineCounter): number | undefined {
  let current = node as Node | null | undefined;
  let line = current?.range ? counter.linePos(current.range[0]).line : undefined;
  for (const key of keys) {
    let offset: number | undefined;
    if (isMap(current)) {
      const pair = current.items.find((p) => isScalar(p.key) && String(p.key.value) === key);
      if (!pair) break;
      offset = isScalar(pair.key) ? pair.key.range?.[0] : undefined;
      current = pair.value as Node | null;
    } else if (isSeq(current)) {
      current = current.items[Number(key)] as Node | undefined;
      offset = current?.range?.[0];
    } else break;
    if (offset !== undefined) line = counter.linePos(offset).line;
    if (!current) break;
  }
  return line;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
