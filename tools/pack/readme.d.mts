// The types of readme.mjs.

/** The files the swap moves, under `root` (the repository's root unless told). */
export function readmePaths(root?: string): { readme: string; packageReadme: string; kept: string };

/** Puts the repository's README back, if it was swapped out. */
export function restoreRepoReadme(root?: string): void;

/** Puts the package's README at the root, keeping the repository's. */
export function usePackageReadme(root?: string): void;
