// The mock keeps the operations Prism read from a spec under a hash of the spec's text and the
// lockfile: a start on the same spec gets the same operations without reading it, and any edit to
// either, a spec that refers to another file, or a damaged cache file, means reading it again.
import { copyFile, mkdtemp, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getHttpOperationsFromSpec } from "@stoplight/prism-http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { cachedOperations, type OperationsCache } from "../../../tools/mock/operations-cache.js";
import { SPEC_PATH } from "../../support/spec.js";
import { editSpec } from "../../support/spec-file.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "operations-cache-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** A spec, a lockfile and a cache of their own, and a reader that counts its reads. */
async function setting(name: string) {
  const spec = join(dir, `${name}.openapi.yaml`);
  await copyFile(SPEC_PATH, spec);
  const cache: OperationsCache = { dir: join(dir, `${name}-cache`), lockfile: join(dir, `${name}.lock`) };
  await writeFile(cache.lockfile, '{"lockfileVersion": 3}');
  const reads: string[] = [];
  const read = (file: string) => {
    reads.push(file);
    return getHttpOperationsFromSpec(file);
  };
  return { spec, cache, reads, get: () => cachedOperations(spec, read, cache) };
}

describe("the operations cache", () => {
  test("a second start gets what Prism read, without reading the spec", async () => {
    const { spec, reads, get } = await setting("same");
    const first = await get();
    const second = await get();
    expect(reads).toEqual([spec]);
    expect(second).toEqual(await getHttpOperationsFromSpec(spec));
    expect(second).toEqual(first);
    expect(second.length).toBeGreaterThan(0);
  });

  test("an edited spec or lockfile is read again", async () => {
    const { spec, cache, reads, get } = await setting("edited");
    await get();
    await editSpec(spec, (document) => {
      const put = document.paths["/v1/{project_id}/{instance_name}/image"]?.put;
      if (put) put.summary = "Renamed";
    });
    const renamed = await get();
    expect(reads).toHaveLength(2);
    expect(renamed.map((op) => op.summary)).toContain("Renamed");
    await writeFile(cache.lockfile, '{"lockfileVersion": 3, "packages": {}}');
    await get();
    expect(reads).toHaveLength(3);
  });

  test("a spec read by a reader whose code has changed is read again, not served what the old one read", async () => {
    const { spec, cache, reads, get } = await setting("reader");
    await get();
    const newer = async (file: string) => {
      reads.push(file);
      return (await getHttpOperationsFromSpec(file)).map((op) => ({ ...op, summary: "read anew" }));
    };

    const operations = await cachedOperations(spec, newer, cache);

    expect(reads).toEqual([spec, spec]);
    expect(operations.map((op) => op.summary)).toContain("read anew");
  });

  test("a spec that refers to another file is read each time, and nothing is kept", async () => {
    const { spec, cache, reads, get } = await setting("external");
    await writeFile(join(dir, "part.yaml"), "type: string\n");
    await editSpec(spec, (document) => {
      (document as unknown as Record<string, unknown>)["x-part"] = { $ref: "./part.yaml" };
    });
    await get();
    await get();
    expect(reads).toHaveLength(2);
    await expect(readdir(cache.dir)).rejects.toThrow();
  });

  test("a damaged cache file is read past", async () => {
    const { spec, cache, reads, get } = await setting("damaged");
    await get();
    const [file] = await readdir(cache.dir);
    await writeFile(join(cache.dir, file as string), '[{"method": ');
    expect(await get()).toEqual(await getHttpOperationsFromSpec(spec));
    expect(reads).toHaveLength(2);
  });
});
