// The one error a spec that cannot be loaded safely is refused with: it names the file, and the line
// and column of the node at fault when there is one, as `file:line:column: reason`, so that every
// command says where to look. Commands exit 2 on it (bad input).
import { shownPath } from "./paths.js";

/** Where in a spec's files a node is: 1-based line and column. */
export interface SourcePosition {
  /** The file's absolute path, or the URL it was fetched from. */
  file: string;
  line?: number | undefined;
  column?: number | undefined;
}

/** A spec refused by the loader; `message` starts with the file (and line, column) at fault. */
export class SpecLoadError extends Error {
  override name = "SpecLoadError";
  readonly file: string;
  readonly line: number | undefined;
  readonly column: number | undefined;
  /** What is wrong, without the place. */
  readonly reason: string;

  constructor(at: SourcePosition, reason: string) {
    super(`${describePosition(at)}: ${reason}`);
    this.file = at.file;
    this.line = at.line;
    this.column = at.column;
    this.reason = reason;
  }
}

/** `file:line:column`, the file as the reader knows it (relative inside the working folder). */
export function describePosition({ file, line, column }: SourcePosition): string {
  const shown = /^[a-z][a-z0-9+.-]*:\/\//i.test(file) ? file : shownPath(file);
  if (line === undefined) return shown;
  return column === undefined ? `${shown}:${line}` : `${shown}:${line}:${column}`;
}
