// Every page of docs/ and the README, parsed as Markdown (marked's lexer): each heading is whole (no
// `**` or backtick left open, no heading that ends mid-sentence), each code block holds code, and a
// paragraph that ends with a colon is followed by what it announces.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { brokenParts } from "../support/markdown.js";

const PAGES = [
  "README.md",
  "docs/package-readme.md",
  ...readdirSync("docs")
    .filter((name) => name.endsWith(".md") && name !== "package-readme.md")
    .map((name) => join("docs", name)),
];

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
