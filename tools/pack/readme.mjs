// The README the tarball ships: npm always packs the README.md at the root, and the repository's is
// for people working on the repository, so `npm pack` (prepack) puts docs/package-readme.md in its
// place and postpack puts the repository's back. A copy of the repository's README waits in .build/
// meanwhile; a pack that failed before postpack leaves it there, and the next `repo` (or `package`,
// which restores first) brings it back.
//   node tools/pack/readme.mjs package   the package's README at the root
//   node tools/pack/readme.mjs repo      the repository's README back
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** The files the swap moves, under `root`. */
export function readmePaths(root = ROOT) {
  return {
    readme: join(root, "README.md"),
    packageReadme: join(root, "docs", "package-readme.md"),
    kept: join(root, ".build", "pack", "README.repo.md"),
  };
}

/** Puts the repository's README back, if it was swapped out. */
export function restoreRepoReadme(root = ROOT) {
  const { readme, kept } = readmePaths(root);
  if (!existsSync(kept)) return;
  copyFileSync(kept, readme);
  rmSync(kept);
}

/** Puts the package's README at the root, keeping the repository's. */
export function usePackageReadme(root = ROOT) {
  const { readme, packageReadme, kept } = readmePaths(root);
  restoreRepoReadme(root);
  mkdirSync(dirname(kept), { recursive: true });
  copyFileSync(readme, kept);
  copyFileSync(packageReadme, readme);
}

const USAGE = "Usage: node tools/pack/readme.mjs package|repo (run by npm pack's prepack and postpack)";
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [which] = process.argv.slice(2);
  if (which === "package") usePackageReadme();
  else if (which === "repo") restoreRepoReadme();
  else if (which === "--help" || which === "-h") console.log(USAGE);
  else {
    console.error(`${USAGE}\nGot: ${which ?? "nothing"}`);
    process.exitCode = 2;
  }
}
