// Spectral in this process on a spec loaded by the one loader: it lints the files the loader read, at
// their own lines, follows no reference the loader did not, and reads every file anew on each run.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { SpecLoadError } from "../../../tools/shared/load-spec.js";
import { lintYaml, loadSpectral } from "../../../tools/shared/spectral.js";
import { copyOfFixture, hostileSpec, SECRET } from "../../support/hostile.js";

const spectral = await loadSpectral();

async function lint(path: string) {
  return lintYaml(spectral, await readFile(path, "utf8"), path);
}

describe("lintYaml", () => {
  test("takes no $ref inside an example for a reference: nothing is unresolved, nothing read", async () => {
    const results = await lint(hostileSpec("example-ref"));
    expect(results.map((r) => r.code)).not.toContain("invalid-ref");
    expect(JSON.stringify(results)).not.toContain(SECRET);
  });

  test("throws SpecLoadError on a spec the loader refuses, before Spectral reads anything", async () => {
    await expect(lint(hostileSpec("parent-ref"))).rejects.toBeInstanceOf(SpecLoadError);
  });

  describe("on a spec of two files", () => {
    let root: string;
    let spec: string;
    let entry: string;
    beforeAll(async () => {
      ({ root, spec } = await copyOfFixture("circular-split"));
      entry = join(root, "circular-split", "entry.yaml");
    });
    afterAll(() => rm(root, { recursive: true, force: true }));

    test("reports a finding in the referenced file at that file's line", async () => {
      const schema = parse(await readFile(entry, "utf8"));
      schema.properties.file.example = 5;
      await writeFile(entry, stringify(schema));
      const found = (await lint(spec)).filter((r) => r.source === entry);
      const lines = (await readFile(entry, "utf8")).split("\n");
      expect(found.map((r) => `${r.code} ${r.range.start.line + 1}`)).toEqual([
        `oas3-valid-schema-example ${lines.findIndex((line) => line.includes("example: 5")) + 1}`,
      ]);
    });

    test("reads the referenced file anew on the next run", async () => {
      const schema = parse(await readFile(entry, "utf8"));
      delete schema.properties.file.example;
      await writeFile(entry, stringify(schema));
      expect((await lint(spec)).filter((r) => r.source === entry)).toEqual([]);
    });
  });
});
