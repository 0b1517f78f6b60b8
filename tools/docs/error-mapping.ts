// The mock's error mapping as docs/mock.md shows it: the spec's `x-mock-answers-violation` (on each
// named error example) as a markdown table, and that table rewritten in a page, between its marker
// comment and the table's last row. `npm run generate` writes it; `npm run check` fails when it is stale.
import { basename } from "node:path";
import type { OpenAPIV3 } from "openapi-types";
import { formatViolation } from "../../src/mock/report.js";
import type { Answer } from "../../src/mock/types.js";
import { answersOf } from "../mock/violations.js";
import { operationsOf } from "../shared/openapi.js";
import { DEFAULT_SPEC } from "../shared/specs.js";

/** The page that shows the mapping, in the docs folder, and the spec (in the spec folder) it shows. */
export const MAPPING_PAGE = "mock.md";
export const MAPPING_SPEC = basename(DEFAULT_SPEC);
/** The line the table follows, after one blank line. */
export const MARKER =
  "<!-- error-mapping: written by `npm run generate` from the spec's x-mock-answers-violation; edit the spec -->";

/** One row of the mapping: a named example, its status and `error_code`, and the violations it answers. */
export interface MappingRow {
  name: string;
  status: number;
  code: string;
  selectors: string[];
}

/** Every named error example that answers some violation, once, in spec order. Works on a dereferenced document. */
export function mappingRows(api: OpenAPIV3.Document): MappingRow[] {
  const rows = new Map<string, MappingRow>();
  for (const { operation } of operationsOf(api)) {
    for (const answer of answersOf(operation).filter((a) => a.selectors.length > 0)) {
      const row = rowOf(answer);
      rows.set(JSON.stringify(row), row);
    }
  }
  return [...rows.values()];
}

function rowOf({ name, status, value, selectors }: Answer): MappingRow {
  const code = (value as { error_code?: unknown } | undefined)?.error_code;
  return { name, status, code: String(code), selectors: selectors.map(formatViolation) };
}

const HEADER = ["example", "status", "`error_code`", "answers"];

/** A row's cells as the page writes them. */
export function cells(row: MappingRow): string[] {
  const selectors = row.selectors.map((s) => `\`${s}\``).join(", ");
  return [`\`${row.name}\``, String(row.status), `\`${row.code}\``, selectors];
}

/** The mapping as a markdown table, each column padded to its widest cell, without a final newline. */
export function mappingTable(api: OpenAPIV3.Document): string {
  const rows = mappingRows(api).map(cells);
  if (rows.length === 0) throw new Error("the spec maps no violation to an error example");
  const widths = HEADER.map((_, i) => Math.max(...[HEADER, ...rows].map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => `| ${row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(" | ")} |`;
  return [line(HEADER), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * `page` with the table after its marker replaced by `table` (or, with no table there yet, the table
 * put after it); the rest of the page as it was. Throws when the page has no marker line.
 */
export function withMappingTable(page: string, table: string): string {
  const lines = page.split("\n");
  const marker = lines.indexOf(MARKER);
  if (marker < 0) throw new Error(`the page has no line "${MARKER}" for the error-mapping table to follow`);
  let start = marker + 1;
  while (start < lines.length && lines[start]?.trim() === "") start++;
  let end = start;
  while (end < lines.length && lines[end]?.startsWith("|")) end++;
  const rest = end > start ? lines.slice(end) : ["", ...lines.slice(start)];
  return [...lines.slice(0, marker + 1), "", table, ...rest].join("\n");
}
