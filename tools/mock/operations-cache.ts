// The operations Prism reads from a spec, kept as JSON under a hash of the spec's text, of the
// lockfile (which pins the packages that read it) and of the reading function's text: reading a spec means dereferencing it and
// transforming every operation, which is most of the mock's start-up after loading its code. A spec
// that refers to other files is read each time, since their text is not in the hash.
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import type { IHttpOperation } from "@stoplight/types";

export interface OperationsCache {
  /** Where the JSON files go. */
  dir: string;
  /** The lockfile whose text goes into the hash; without it nothing is cached. */
  lockfile: string;
}

type Read = (spec: string) => Promise<IHttpOperation[]>;

/** A `$ref` to anything but a place in the same document. */
const EXTERNAL_REF = /\$ref["']?\s*:(?!\s*["']?#)/;

export async function cachedOperations(
  spec: string,
  read: Read,
  cache: OperationsCache,
): Promise<IHttpOperation[]> {
  const text = await readFile(spec, "utf8");
  if (EXTERNAL_REF.test(text) || !existsSync(cache.lockfile)) return read(spec);
  const lock = await readFile(cache.lockfile);
  // The reading function's text too: operations read by an older reader are not served to a newer one.
  const hash = createHash("sha256")
    .update(lock)
    .update("\0")
    .update(read.toString())
    .update("\0")
    .update(text)
    .digest("hex")
    .slice(0, 32);
  const file = join(cache.dir, `${hash}.json`);
  const cached = await readFile(file, "utf8")
    .then((json) => JSON.parse(json) as IHttpOperation[])
    .catch(() => undefined);
  if (cached) return cached;
  const operations = await read(spec);
  const json = JSON.stringify(operations);
  // Only what JSON gives back unchanged (a YAML date, say, would come back a string).
  if (isDeepStrictEqual(JSON.parse(json), operations)) await store(file, json);
  return operations;
}

/** Written under another name first, so that a mock starting beside this one never reads half. */
async function store(file: string, json: string): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    await mkdir(join(file, ".."), { recursive: true });
    await writeFile(temporary, json);
    await rename(temporary, file);
  } catch {
    // A cache that cannot be written only costs the next start the same read.
  }
}
