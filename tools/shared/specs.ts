// Where the specs are: the one every command serves, renders or checks unless told, and the
// `*.openapi.yaml` files of a folder.
import { readdir } from "node:fs/promises";
import { join } from "node:path";

/** The Image Search spec: what the mock, the docs, traffic and provider verification take by default. */
export const DEFAULT_SPEC = "spec/image-search.openapi.yaml";

/** The `*.openapi.yaml` files of `specDir`, by name. */
export function specFiles(specDir: string): Promise<string[]> {
  return readdir(specDir).then((names) =>
    names
      .filter((name) => name.endsWith(".openapi.yaml"))
      .sort()
      .map((name) => join(specDir, name)),
  );
}
