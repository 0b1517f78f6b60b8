// CHANGELOG.md keeps one entry per spec version: the spec's current info.version must have one; and
// `npm run diff -- --changelog` writes, for each spec whose contract changed, the report's own lines
// under Added, Changed, Deprecated and Removed, leaving out what only documents the contract.
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { formatChangelog } from "../../../tools/diff/changelog.js";
import { cli } from "../../../tools/diff/diff.js";
import { readBase, readHead } from "../../../tools/diff/read.js";
import { buildReport } from "../../../tools/diff/report.js";
import { BASE_SPEC, writeMutated } from "../../fixtures/diff/mutations.js";
import { SPEC_PATH } from "../../support/spec.js";

describe("CHANGELOG.md", () => {
  test("has an entry for the spec's current info.version", async () => {
    const version = (parse(await readFile(SPEC_PATH, "utf8")) as { info: { version: string } }).info.version;
    expect(await readFile("CHANGELOG.md", "utf8")).toMatch(
      new RegExp(`^## \\[${version.replaceAll(".", "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"),
    );
  });
});

async function changelog(args: string[]): Promise<{ code: number; text: string }> {
  let text = "";
  const code = await cli(["--changelog", ...args], {
    cwd: process.cwd(),
    stdout: (out) => {
      text += out;
    },
    stderr: (out) => {
      throw new Error(out);
    },
  });
  return { code, text };
}

describe("npm run diff -- --changelog", () => {
  let work: string;
  let base: string;
  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), "changelog-"));
    base = join(work, "spec");
    await cp("spec", base, { recursive: true });
  });
  afterAll(() => rm(work, { recursive: true, force: true }));

  test("with nothing changed, writes one entry that says so", async () => {
    expect(await changelog(["--base", base])).toEqual({
      code: 0,
      text: "## [Unreleased]\n\nNo change to the contract.",
    });
  }, 120_000);

  test("writes no entry for an edited description or example: they are no change to the contract", async () => {
    const head = await writeMutated(
      join(work, "docs"),
      "modify-image-description",
      "modify-image-example-edited",
    );
    expect(await changelog(["--base", BASE_SPEC, "--spec", head])).toEqual({
      code: 0,
      text: "## [Unreleased]\n\nNo change to the contract.",
    });
  }, 120_000);

  test("prints the report's own lines, breaking ones marked, under Added and Removed", async () => {
    const head = await writeMutated(join(work, "renamed"), "sim-renamed-similarity");
    const { code, text } = await changelog(["--base", BASE_SPEC, "--spec", head]);
    expect(code).toBe(1);
    expect(text).toBe(
      [
        "## [Unreleased]",
        "### Added\n\n- searchImages: 200 response field result[].similarity: added as optional (responses stay valid for deployed clients)",
        [
          '### Changed\n\n- Client types changed: `paths["/v1/{project_id}/{instance_name}/image/search"]`',
          "`SchemaSearchImagesResult` (components.schemas.SearchImagesResult)",
          "`SchemaSearchMatch` (components.schemas.SearchMatch)",
          "`operations.searchImages`",
        ].join(", "),
        "### Removed\n\n- **Breaking:** searchImages: 200 response field result[].sim: removed (clients that read it find it gone)",
      ].join("\n\n"),
    );
  }, 120_000);

  test("puts a deprecation under Deprecated", async () => {
    const head = await writeMutated(join(work, "deprecated"), "modify-image-deprecated");
    const { text } = await changelog(["--base", BASE_SPEC, "--spec", head]);
    expect(text).toContain(
      "### Deprecated\n\n- modifyImage: deprecated (it still works; clients should move off it)",
    );
  }, 120_000);

  test("heads the entry with the new info.version and the date once the version is raised", async () => {
    const head = await writeMutated(join(work, "raised"), "match-score-added", (spec) => {
      spec.info.version = "1.1.0";
    });
    const report = await buildReport(BASE_SPEC, await readBase(BASE_SPEC, "spec"), await readHead(head));
    expect(formatChangelog(report, "2026-01-31")).toMatch(
      /^## \[1\.1\.0\] - 2026-01-31\n\n### Added\n\n- searchImages: /,
    );
  }, 120_000);

  test("adds no section for a spec whose contract did not change", async () => {
    // The base's image-search spec lacks an optional property that the head has; iam is unchanged.
    const file = join(base, "image-search.openapi.yaml");
    const doc = parse(await readFile(file, "utf8")) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
    };
    const schema = Object.values(doc.components.schemas).find((s) =>
      Object.keys(s.properties ?? {}).some((name) => !s.required?.includes(name)),
    );
    const optional = Object.keys(schema?.properties ?? {}).find((name) => !schema?.required?.includes(name));
    if (!schema?.properties || !optional) throw new Error("no schema with an optional property");
    delete schema.properties[optional];
    await writeFile(file, stringify(doc));

    const { code, text } = await changelog(["--base", base]);
    expect(code).toBe(0);
    expect(text).toMatch(
      /^## \[Unreleased\] \(image-search\.openapi\.yaml\)\n\n### Added\n\n- \w+: .* field .*\b/,
    );
    expect(text).toContain(`${optional}: added as optional`);
    expect(text).not.toContain("iam.openapi.yaml");
    expect(text.match(/^## /gm)).toHaveLength(1);
  }, 120_000);
});
