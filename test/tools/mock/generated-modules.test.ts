// The modules a mock runs on for a spec outside spec/ are compiled once and cached under a hash of
// every file the spec consists of and of the generator: an edit to a file it refers to is a new spec,
// and a change to the generator new modules, not cached ones.
import { randomUUID } from "node:crypto";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
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

describe("the compiled modules of a spec loaded by several callers at once", () => {
  test("are complete for each of them, though each compiles the spec", async () => {
    const source = createRequire(import.meta.url).resolve("@readme/oas-examples/3.0/json/readme-legacy.json");
    const spec = JSON.parse(await readFile(source, "utf8"));
    // A title of its own: a spec never compiled before, whose modules no earlier run cached.
    spec.info.title = `legacy ${randomUUID()}`;
    const file = join(copy.root, "legacy.json");
    await writeFile(file, JSON.stringify(spec));

    const loaded = await Promise.all(Array.from({ length: 6 }, () => loadGenerated(file)));

    const ids = loaded.map((g) => Object.values(g.operations ?? {}).map((c) => c.operationId));
    for (const each of ids) expect(each).toEqual(ids[0]);
    expect(ids[0]).toContain("getCustomPages");
  });
});
