// The mock's error mapping is stated once, in the spec (`x-mock-answers-violation`). The pages that
// show it are held to it here: docs/mock.md's table is rebuilt from the parsed spec, and every error
// body a page shows must be one the spec has. A change of mapping in the spec fails this test until
// the page says the same, so it stays a visible decision.
import { readFile } from "node:fs/promises";
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import { operationsOf } from "../../tools/shared/openapi.js";
import { loadSpec, namedExamples } from "../support/spec.js";
import { type MappingRow, mappingRows } from "../support/spec-answers.js";

const api = await loadSpec();
const MARKER = "<!-- error-mapping: the spec's x-mock-answers-violation";

/** A table row as the page writes it, each cell trimmed. */
function cells(row: MappingRow): string[] {
  const selectors = row.selectors.map((s) => `\`${s}\``).join(", ");
  return [`\`${row.name}\``, String(row.status), `\`${row.code}\``, selectors];
}

/** The rows of the first table after the marker, without its header and separator, each cell trimmed. */
function tableAfterMarker(page: string): string[][] {
  const lines = page.split("\n");
  const start = lines.findIndex((line) => line.startsWith(MARKER));
  if (start < 0) throw new Error(`no "${MARKER}" comment in the page`);
  const table: string[] = [];
  for (const line of lines.slice(start + 1).filter((l, i) => i > 0 || l.trim() !== "")) {
    if (!line.startsWith("|")) break;
    table.push(line);
  }
  return table.slice(2).map((line) =>
    line
      .slice(1, -1)
      .split("|")
      .map((cell) => cell.trim()),
  );
}

function render(rows: string[][]): string {
  return rows.map((row) => `| ${row.join(" | ")} |`).join("\n");
}

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
  test("docs/mock.md's table is the spec's x-mock-answers-violation, example by example", async () => {
    const page = await readFile("docs/mock.md", "utf8");
    const expected = mappingRows(api).map(cells);

    expect(expected.length).toBeGreaterThan(0);
    expect(tableAfterMarker(page), `the table should read:\n${render(expected)}`).toEqual(expected);
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
