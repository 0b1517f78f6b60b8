// Every page of docs/ and the README, parsed as Markdown (marked's lexer): each heading is whole (no
// `**` or backtick left open, no heading that ends mid-sentence), each code block holds code, and a
// paragraph that ends with a colon is followed by what it announces.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { lexer, type Token, type Tokens } from "marked";
import { describe, expect, test } from "vitest";

const PAGES = [
  "README.md",
  "docs/package-readme.md",
  ...readdirSync("docs")
    .filter((name) => name.endsWith(".md") && name !== "package-readme.md")
    .map((name) => join("docs", name)),
];

/** What is wrong with the page's headings and code blocks, one line each. */
export function brokenParts(markdown: string): string[] {
  const problems: string[] = [];
  const tokens = lexer(markdown).filter((token) => token.type !== "space");
  tokens.forEach((token, i) => {
    if (token.type === "heading") problems.push(...headingProblems(token as Tokens.Heading));
    if (token.type === "code" && (token as Tokens.Code).text.trim() === "") {
      problems.push(`empty code block after: ${lastLine(tokens[i - 1])}`);
    }
    if (token.type === "paragraph" && (token as Tokens.Paragraph).text.trimEnd().endsWith(":")) {
      const next = tokens[i + 1];
      if (next === undefined || next.type === "heading" || next.type === "hr") {
        problems.push(`nothing follows the colon of: ${lastLine(token)}`);
      }
    }
  });
  return problems;
}

function headingProblems(heading: Tokens.Heading): string[] {
  const text = heading.text;
  const problems: string[] = [];
  if ((text.match(/\*\*/g) ?? []).length % 2 !== 0) problems.push(`heading with ** left open: ${text}`);
  if ((text.match(/`/g) ?? []).length % 2 !== 0) problems.push(`heading with a backtick left open: ${text}`);
  if (/[,:;]$/.test(text.trim())) problems.push(`heading that ends mid-sentence: ${text}`);
  return problems;
}

function lastLine(token: Token | undefined): string {
  return (token?.raw ?? "(start of the page)").trim().split("\n").at(-1) ?? "";
}

describe("the Markdown pages", () => {
  test.for(PAGES)("%s has whole headings and code blocks", (page) => {
    expect(brokenParts(readFileSync(page, "utf8"))).toEqual([]);
  });
});

describe("the check of a page", () => {
  test("finds a heading with ** left open, and one that ends mid-sentence", () => {
    expect(brokenParts("## 1. Start the loop**, and leave it running while you edit:\n\ntext\n")).toEqual([
      "heading with ** left open: 1. Start the loop**, and leave it running while you edit:",
      "heading that ends mid-sentence: 1. Start the loop**, and leave it running while you edit:",
    ]);
  });

  test("finds a colon followed by nothing, and an empty code block", () => {
    expect(brokenParts("Paste it at the top of CHANGELOG.md:\n")).toEqual([
      "nothing follows the colon of: Paste it at the top of CHANGELOG.md:",
    ]);
    expect(brokenParts("Run this:\n\n```sh\n```\n")).toEqual(["empty code block after: Run this:"]);
  });

  test("passes a heading and a colon followed by its code", () => {
    expect(brokenParts("## **Bold** heading\n\nRun this:\n\n```sh\nnpm test\n```\n")).toEqual([]);
  });
});
