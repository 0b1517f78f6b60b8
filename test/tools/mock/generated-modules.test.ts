// The modules a mock runs on for a spec outside spec/ are compiled once and cached under a hash of
// every file the spec consists of and of the generator: an edit to a file it refers to is a new spec,
// and a change to the generator new modules, not cached ones.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import type { Validate } from "../../../generated/shared-types.js";
import { generatorSources, loadGenerated } from "../../../tools/mock/generated-modules.js";
import { copyOfFixture } from "../../support/hostile.js";

const copy = await copyOfFixture("circular-split");
afterAll(() => rm(copy.root, { recursive: true, force: true }));

/** The validator of getFolder's 200 response, as the mock compiled it now. */
async function folderValidator(): Promise<Validate> {
  const { operations } = await loadGenerated(copy.spec);
  const contract = (operations as Record<string, { responses: Record<string, unknown> }>).getFolder;
  return contract?.responses["200"] as Validate;
}

describe("the compiled modules of a spec that refers to another file", () => {
  test("follow an edit of the referred file, though the spec's own text is unchanged", async () => {
    const folder = { name: "root", entries: [{ file: 7 }] };
    expect((await folderValidator())(folder)).toBe(false);

    const entry = join(copy.root, "circular-split", "entry.yaml");
    const schema = parse(await readFile(entry, "utf8"));
    schema.properties.file.type = "integer";
    await writeFile(entry, stringify(schema));

    expect((await folderValidator())(folder)).toBe(true);
  });
});

describe("the hash the compiled modules are cached under", () => {
  test.for(["tools/codegen/validators-module.ts", "tools/shared/openapi.ts", "src/mock/answers.ts"])(
    "covers the generator's own code in %s, so that a change to it compiles every spec again",
    async (file) => {
      const text = await readFile(file, "utf8");
      expect(generatorSources()).toContain(`${file}\0${text}\0`);
    },
  );
});
