// The spec's meaning, not its text, decides what is generated: each spec in spec/, reformatted by a
// YAML round trip (reordered fields, other quoting, indents and line width), generates exactly the
// generated/ that is committed.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { generateFromSpec } from "../../../tools/codegen/generate.js";
import { specFiles } from "../../../tools/shared/specs.js";
import { reformatSpec } from "../../support/spec-file.js";

const work = await mkdtemp(join(tmpdir(), "round-trip-"));
afterAll(() => rm(work, { recursive: true, force: true }));
const specs = await specFiles("spec");

describe("a spec reformatted by a YAML round trip", () => {
  test.for(specs)("%s keeps its meaning but not its text", async (spec) => {
    const text = await readFile(spec, "utf8");
    const reformatted = reformatSpec(text);
    expect(reformatted).not.toBe(text);
    expect(parse(reformatted)).toEqual(parse(text));
  });

  test.for(specs)(
    "%s generates the committed generated/ modules, byte for byte",
    { timeout: 60_000 },
    async (spec) => {
      const copy = join(work, basename(spec));
      await writeFile(copy, reformatSpec(await readFile(spec, "utf8")));
      const files = await generateFromSpec(copy, "generated");
      expect(files.length).toBeGreaterThan(0);
      for (const file of files) {
        expect(file.contents, file.path).toBe(await readFile(file.path, "utf8"));
      }
    },
  );
});
