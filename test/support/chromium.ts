// Which Chromium the browser tests drive: CHROMIUM_PATH if set, else the first of the usual names on
// PATH. Without one the tests fail saying how to get one; SKIP_BROWSER_TESTS=1 is the explicit way out.
import { accessSync, constants, statSync } from "node:fs";
import { delimiter, join } from "node:path";

export const CHROMIUM_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];

export type ChromiumLookup =
  | { kind: "found"; path: string }
  | { kind: "skipped"; reason: string }
  | { kind: "missing"; message: string };

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  if (env.SKIP_BROWSER_TESTS === "1") {
    return { kind: "skipped", reason: "SKIP_BROWSER_TESTS=1 is set" };
  }
  const given = env.CHROMIUM_PATH;
  if (given) {
    return isExecutable(given)
      ? { kind: "found", path: given }
      : { kind: "missing", message: `CHROMIUM_PATH=${given} is not an executable file.` };
  }
  const folders = (env.PATH ?? "").split(delimiter).filter(Boolean);
  for (const name of CHROMIUM_NAMES) {
    const path = folders.map((folder) => join(folder, name)).find(isExecutable);
    if (path) return { kind: "found", path };
  }
  return {
    kind: "missing",
    message:
      `No Chromium for the browser tests: none of ${CHROMIUM_NAMES.join(", ")} is on PATH. ` +
      "Install one (Debian/Ubuntu: apt-get install chromium), or set CHROMIUM_PATH to a Chromium or Chrome " +
      "executable, or skip these tests explicitly with SKIP_BROWSER_TESTS=1.",
  };
}
