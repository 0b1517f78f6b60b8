// The types of bin.mjs.

/** node_modules/.bin/NAME at the repo's root: the command an npm script runs by that name. */
export function localBin(name: string): string;

/** The script the package `pkg` declares as its bin `name`, to run with node. */
export function packageBin(pkg: string, name: string): string;

/**
 * The native binary `file` of the platform package `<prefix>-<platform>-<arch><variant>` npm
 * installed for this machine, trying each variant (e.g. a libc) in turn.
 */
export function platformBinary(prefix: string, file: string, variants?: readonly string[]): string;
