// Every file a spec consists of: the spec itself and each document its references reach, read once,
// each reference checked before anything is read (spec-refs.ts), each file within the limits and
// parsed (spec-text.ts). An example's external value is checked the same way, though not read.
import { readFile, stat } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { positionAt, type SourceText } from "./spec-lines.js";
import { describePosition, type SourcePosition, SpecLoadError } from "./spec-load-error.js";
import { type RefSite, type SpecNodes, specNodes } from "./spec-nodes.js";
import { outsideFolder, realFolder, refTarget } from "./spec-refs.js";
import { fetchSpecText } from "./spec-remote.js";
import { parseSpecText, type SpecLimits, sizeRefusal } from "./spec-text.js";

/** One file of a spec, read and parsed. */
export interface SpecFile extends SourceText {
  value: unknown;
  nodes: SpecNodes;
}

export interface ReadOptions {
  /** Follow references to http(s) URLs, to public addresses only. */
  allowRemote: boolean;
  limits: SpecLimits;
  /** The spec's own text, when it is not read from its file (an edited or older version). */
  text?: string;
}

export interface SpecFiles {
  root: SpecFile;
  /** The real path of the spec's folder: no local file outside it is read. */
  folder: string;
  /** Every file by absolute path or URL, the spec's own first. */
  files: Map<string, SpecFile>;
}

interface Reading extends SpecFiles {
  options: ReadOptions;
  bytes: number;
}

/** The spec at `path` and every file its references reach; throws SpecLoadError on what it refuses. */
export async function readSpecFiles(path: string, options: ReadOptions): Promise<SpecFiles> {
  const file = resolve(path);
  const folder = await realFolder(dirname(file)).catch(() => dirname(file));
  const text = options.text ?? (await readLocal(file, 0, options.limits, { file }));
  const root = parsed(file, text, options.limits);
  const reading: Reading = {
    root,
    folder,
    files: new Map([[file, root]]),
    options,
    bytes: Buffer.byteLength(text),
  };
  for (const current of reading.files.values()) {
    for (const site of current.nodes.refs) {
      if (!site.ref.startsWith("#")) await follow(reading, current, site);
    }
    for (const site of current.nodes.externalValues) await check(reading, current, site, "externalValue");
  }
  return { root, folder, files: reading.files };
}

/** Reads the document `site` refers to, unless read already. */
async function follow(reading: Reading, from: SpecFile, site: RefSite): Promise<void> {
  const target = await check(reading, from, site, "$ref");
  const key = target.kind === "file" ? target.path : target.url;
  if (reading.files.has(key)) return;
  const at = positionAt(from, [...site.path, "$ref"]);
  const { limits } = reading.options;
  const text =
    target.kind === "file"
      ? await readLocal(key, reading.bytes, limits, at)
      : await fetchSpecText(key, Math.min(limits.fileBytes, limits.totalBytes - reading.bytes)).catch(
          (error: Error) => refuse(at, `$ref ${site.ref}: ${error.message}`),
        );
  reading.bytes += Buffer.byteLength(text);
  reading.files.set(key, parsed(key, text, limits));
}

/** Where `site` (a `$ref` or an `externalValue`) leads; throws SpecLoadError at it when it may not. */
async function check(reading: Reading, from: SpecFile, site: RefSite, key: "$ref" | "externalValue") {
  const target = refTarget(site.ref, from.file);
  const at = () => positionAt(from, key === "$ref" ? [...site.path, key] : site.path);
  const what = `${key} ${site.ref}`;
  if ("refused" in target) refuse(at(), `${what}: ${target.refused}`);
  if (target.kind === "remote" && !reading.options.allowRemote) {
    refuse(at(), `${what}: references to URLs are not followed unless allowed (--allow-remote-refs)`);
  }
  if (target.kind === "file") {
    const outside = await outsideFolder(target.path, reading.folder);
    if (outside) refuse(at(), `${what} ${outside}`);
  }
  return target;
}

/** The text of the local file `file`, which the reference at `at` (or the command line) names. */
async function readLocal(
  file: string,
  bytes: number,
  limits: SpecLimits,
  at: SourcePosition,
): Promise<string> {
  const named = at.file === file ? "" : `${describePosition({ file })}: `;
  const stats = await stat(file).catch((error: NodeJS.ErrnoException) =>
    refuse(at, `${named}${error.code === "ENOENT" ? "no such file" : error.message}`),
  );
  if (!stats.isFile()) refuse(at, `${named}not a file`);
  const tooLarge = sizeRefusal(stats.size, bytes, limits);
  if (tooLarge) refuse(at, `${named}${tooLarge}`);
  return readFile(file, "utf8");
}

function parsed(file: string, text: string, limits: SpecLimits): SpecFile {
  const source: SourceText = { file, text };
  const tooLarge = sizeRefusal(Buffer.byteLength(text), 0, limits);
  if (tooLarge) refuse({ file }, tooLarge);
  const value = parseSpecText(source, limits);
  const nodes = specNodes(value, limits.depth);
  if (nodes.tooDeep)
    refuse(positionAt(source, nodes.tooDeep), `nested more than ${limits.depth} levels deep`);
  return { ...source, value, nodes };
}

function refuse(at: SourcePosition, reason: string): never {
  throw new SpecLoadError(at, reason);
}
