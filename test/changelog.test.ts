// CHANGELOG.md keeps one entry per spec version: the spec's current info.version must have one.
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";
import { SPEC_PATH } from "./support/spec.js";

describe("CHANGELOG.md", () => {
  test("has an entry for the spec's current info.version", async () => {
    const version = (parse(await readFile(SPEC_PATH, "utf8")) as { info: { version: string } }).info.version;
    expect(await readFile("CHANGELOG.md", "utf8")).toMatch(
      new RegExp(`^## \\[${version.replaceAll(".", "\\.")}\\] - \\d{4}-\\d{2}-\\d{2}$`, "m"),
    );
  });
});
