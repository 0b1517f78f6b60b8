// Where a node of a spec file is: the line and column of the key (or list item) a path of keys leads
// to, read from the `yaml` package's syntax tree of the file (JSON is YAML, so one reader serves both).
// The tree is built once per file, and only when a position is asked for.
import { type Document, isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument } from "yaml";
import type { SourcePosition } from "./spec-load-error.js";

/** One file's text, with its syntax tree once built. */
export interface SourceText {
  /** Its absolute path, or the URL it was fetched from. */
  file: string;
  text: string;
  yaml?: { document: Document; lineCounter: LineCounter };
}

/** The file's syntax tree and line counter, built on first use. */
export function yamlOf(source: SourceText): { document: Document; lineCounter: LineCounter } {
  if (!source.yaml) {
    const lineCounter = new LineCounter();
    // No alias is expanded here: the tree keeps an alias as a node.
    source.yaml = { document: parseDocument(source.text, { lineCounter }), lineCounter };
  }
  return source.yaml;
}

/** Where `node` of the file's tree starts. */
export function positionOfNode(source: SourceText, node: Node): SourcePosition {
  return positionOfOffset(source, node.range?.[0]);
}

/**
 * Where the node at `path` (keys and list indexes) starts: the key that names it, or the list item.
 * When the path leads nowhere, the deepest node it reaches; the file alone when that is the root.
 */
export function positionAt(source: SourceText, path: readonly string[]): SourcePosition {
  const { document } = yamlOf(source);
  let node: unknown = document.contents;
  let offset: number | undefined;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(document);
    const step = childOf(node, segment);
    if (!step) break;
    offset = step.at ?? offset;
    node = step.node;
  }
  return positionOfOffset(source, offset);
}

function childOf(node: unknown, segment: string): { node: unknown; at: number | undefined } | undefined {
  if (isMap(node)) {
    const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
    if (!pair) return undefined;
    const key = pair.key as Node;
    return { node: pair.value, at: key.range?.[0] };
  }
  if (isSeq(node) && /^\d+$/.test(segment)) {
    const item = node.items[Number(segment)] as Node | undefined;
    return item ? { node: item, at: item.range?.[0] } : undefined;
  }
  return undefined;
}

function positionOfOffset(source: SourceText, offset: number | undefined): SourcePosition {
  if (offset === undefined) return { file: source.file };
  const { line, col } = yamlOf(source).lineCounter.linePos(offset);
  return { file: source.file, line, column: col };
}
