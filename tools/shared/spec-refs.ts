// Where a `$ref` may lead. A local file only inside the spec's folder, as its real path says (so a
// symbolic link that leads out is refused as well as `../x.yaml` or `/etc/passwd`); a URL only when the
// caller allows remote references, and only over http or https (spec-remote.ts then checks the address);
// nothing else. Relative references resolve as URLs do, as json-schema-ref-parser resolves them.
import { realpath } from "node:fs/promises";
import { basename, dirname, join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { shownPath } from "./paths.js";

/** A document a reference leads to: a local file by absolute path, or a URL; without the fragment. */
export type RefTarget = { kind: "file"; path: string } | { kind: "remote"; url: string };

/** Where `ref` leads from the document at `base` (an absolute path or an http(s) URL), or why it may not. */
export function refTarget(ref: string, base: string): RefTarget | { refused: string } {
  const baseUrl = /^https?:\/\//i.test(base) ? new URL(base) : pathToFileURL(base);
  let url: URL;
  try {
    url = new URL(ref, baseUrl);
  } catch {
    return { refused: `\`${ref}\` is not a valid reference` };
  }
  url.hash = "";
  if (url.protocol === "http:" || url.protocol === "https:") return { kind: "remote", url: url.href };
  if (url.protocol !== "file:") return { refused: `a reference to a ${url.protocol} URL is never followed` };
  if (baseUrl.protocol !== "file:") {
    return { refused: "a document fetched from a URL may not refer to a local file" };
  }
  try {
    return { kind: "file", path: fileURLToPath(url) };
  } catch {
    return { refused: `\`${ref}\` names no local file` };
  }
}

/** The folder's real path, the one references are confined to. */
export function realFolder(folder: string): Promise<string> {
  return realpath(folder);
}

/**
 * Why the file at `path` may not be read as part of a spec confined to `folder` (a real path), or
 * undefined when it may. A file that does not exist is judged by where its folder really is.
 */
export async function outsideFolder(path: string, folder: string): Promise<string | undefined> {
  const real = await realpath(path).catch(async (error: NodeJS.ErrnoException) => {
    if (error.code !== "ENOENT") throw error;
    return join(await realpath(dirname(path)).catch(() => dirname(path)), basename(path));
  });
  if (real.startsWith(folder + sep)) return undefined;
  const how = real === path ? "" : ` (through a symbolic link, to ${real})`;
  return `leads outside the spec's folder ${shownPath(folder)}${how}: only files inside it are read`;
}
