// Whether a module is the script Node was started with. Comparing `import.meta.url` with
// `file://${process.argv[1]}` fails wherever the path needs escaping in a URL (a space is %20 there)
// or goes through a symbolic link, and the script then silently does nothing: compare real paths.
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** True when the module at `moduleUrl` (pass `import.meta.url`) is the entry script of this process. */
export function isMain(moduleUrl: string, argv1: string | undefined = process.argv[1]): boolean {
  if (!argv1 || !moduleUrl.startsWith("file:")) return false;
  return realPath(fileURLToPath(moduleUrl)) === realPath(argv1);
}
