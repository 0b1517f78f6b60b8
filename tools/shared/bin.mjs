// Where the commands of the project's dependencies are: what an npm script runs by name, the script
// a package declares as its bin, or a native binary shipped in a platform package. Plain JavaScript,
// so that the entry points that run with no TypeScript loader (tools/start/start.mjs) find them here
// too; bin.d.mts gives its types.
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The repo's root: this file is two levels down. */
const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const require = createRequire(import.meta.url);

/** node_modules/.bin/NAME at the repo's root: the command an npm script runs by that name. */
export function localBin(name) {
  return join(ROOT, "node_modules", ".bin", name);
}

/** The script the package `pkg` declares as its bin `name`, to run with node. */
export function packageBin(pkg, name) {
  const pkgPath = require.resolve(`${pkg}/package.json`);
  const bin = require(pkgPath).bin?.[name];
  if (!bin) throw new Error(`${pkg} has no ${name} bin`);
  return join(dirname(pkgPath), bin);
}

/**
 * The native binary `file` of the platform package `<prefix>-<platform>-<arch><variant>` npm
 * installed for this machine, trying each variant (e.g. a libc) in turn.
 */
export function platformBinary(prefix, file, variants = [""]) {
  const platform = `${process.platform}-${process.arch}`;
  for (const variant of variants) {
    try {
      return require.resolve(`${prefix}-${platform}${variant}/${file}`);
    } catch {
      // not installed for this platform: try the next variant
    }
  }
  throw new Error(`no ${prefix} binary is installed for ${platform}`);
}
