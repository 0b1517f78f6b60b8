// The mock's error mapping is stated once, in the spec (`x-mock-answers-violation`), and
// `npm run generate` writes docs/mock.md's table from it (tools/docs/error-mapping.ts). Held here: the
// committed table is the one the spec gives, the table follows a change of the spec, and every error
// body a page shows is one the spec has.
import { cp, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, onTestFinished, test } from "vitest";
import { generatedPages } from "../../tools/codegen/generate.js";
import { EXTENSION } from "../../tools/mock/violations.js";
import { operationsOf } from "../../tools/shared/openapi.js";
import { loadSpec, namedExamples } from "../support/spec.js";
import { editSpec } from "../support/spec-file.js";

const api = await loadSpec();

/** Every named example value of every response of the spec, each once, as JSON. */
function exampleValues(document: OpenAPIV3.Document): string[] {
  const values = operationsOf(document).flatMap(({ operation }) =>
    Object.values(operation.responses).flatMap((response) => {
      const media = (response as OpenAPIV3.ResponseObject).content?.["application/json"];
      return media ? namedExamples(media).map((e) => JSON.stringify(e.value)) : [];
    }),
  );
  return [...new Set(values)];
}

describe("the mock's error mapping, stated once in the spec", () => {
  test("docs/mock.md as committed is the page npm run generate writes from the spec", async () => {
    const pages = await generatedPages("spec", "docs");

    expect(pages.map((p) => p.path)).toEqual([join("docs", "mock.md")]);
    expect(pages[0]?.contents).toBe(await readFile("docs/mock.md", "utf8"));
  });

  test("a selector added to an example's x-mock-answers-violation in the spec shows in the generated table", async () => {
    const work = await mkdtemp(join(tmpdir(), "error-mapping-"));
    onTestFinished(() => rm(work, { recursive: true, force: true }));
    await cp("spec", join(work, "spec"), { recursive: true });
    await cp("docs/mock.md", join(work, "docs", "mock.md"));
    await editSpec(join(work, "spec", "image-search.openapi.yaml"), (spec) => {
      const example = spec.components?.examples?.["token-empty"] as Record<string, unknown>;
      example[EXTENSION] = [...(example[EXTENSION] as string[]), "header X-Project-Id empty"];
    });

    const [page] = await generatedPages(join(work, "spec"), join(work, "docs"));

    expect(page?.contents).toMatch(
      /^\| `token-empty` .*`header X-Auth-Token empty`, `header X-Project-Id empty` +\|$/m,
    );
    expect(page?.contents).not.toBe(await readFile("docs/mock.md", "utf8"));
  });

  test.for(["README.md", "docs/mock.md"])(
    "every error body %s shows is a named example of the spec",
    async (path) => {
      const page = await readFile(path, "utf8");
      const shown = [...page.matchAll(/\{"error_code":[^}]*\}/g)].map((m) =>
        JSON.stringify(JSON.parse(m[0])),
      );
      const values = exampleValues(api);

      expect(shown.length).toBeGreaterThan(0);
      for (const body of shown) expect(values).toContain(body);
    },
  );
});
