// How the commands print a file's path.
import { relative, resolve } from "node:path";

/** A path as the reader knows it: relative inside the working folder, absolute outside it. */
export function shownPath(file: string, cwd = process.cwd()): string {
  const path = relative(cwd, resolve(cwd, file));
  return path.startsWith("..") ? resolve(cwd, file) : path;
}
