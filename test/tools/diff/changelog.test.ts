// CHANGELOG.md keeps one entry per spec version: the spec's current info.version must have one; and
// `npm run diff -- --changelog` writes entries only for the specs that changed.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { cli } from "../../../tools/diff/diff.js";
import { SPEC_PATH } from "../../support/spec.js";

describe("CHANGELOG.md", () => {
  test("has an entry for the spec's current info.version", async () => {
    const version = (parse(await readFile(SPEC_PATH, "utf8")) as { info: { version: string } }).info.version;
    expect(await readFile("CHANGELOG.md", "utf8")).toMatch(
      new RegExp(`^## \\[${version.replaceAll(".", "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"),
    );
  });
});

describe("npm run diff -- --changelog", () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(join(tmpdir(), "changelog-"));
    await cp("spec", base, { recursive: true });
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  async function changelog(): Promise<string> {
    let out = "";
    const code = await cli(["--changelog", "--base", base], {
      cwd: process.cwd(),
      stdout: (text) => {
        out += text;
      },
      stderr: (text) => {
        throw new Error(text);
      },
    });
    expect(code).toBe(0);
    return out;
  }

  test("with nothing changed, writes one entry that says so", async () => {
    expect(await changelog()).toBe("## [Unreleased]\n\nNo change to the contract.");
  }, 120_000);

  test("adds no section for a spec that did not change", async () => {
    // The base's image-search spec lacks an operation's description: the head changed it, iam did not.
    const file = join(base, "image-search.openapi.yaml");
    const doc = parse(await readFile(file, "utf8")) as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    const operation = Object.values(Object.values(doc.paths)[0] ?? {}).find((op) => op.description);
    if (!operation) throw new Error("no operation with a description");
    operation.description = "An older description.";
    await writeFile(file, stringify(doc));

    const text = await changelog();
    expect(text).toMatch(/^## \[Unreleased\] \(image-search\.openapi\.yaml\)\n\n### Changed\n\n- /);
    expect(text).not.toContain("iam.openapi.yaml");
    expect(text.match(/^## /gm)).toHaveLength(1);
  }, 120_000);
});
