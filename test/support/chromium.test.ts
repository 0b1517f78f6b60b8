// How the browser tests find their Chromium (test/support/chromium.ts): never a silent skip.
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { findChromium } from "./chromium.js";

describe("findChromium", () => {
  let bin: string;
  beforeAll(async () => {
    bin = await mkdtemp(join(tmpdir(), "chromium-bin-"));
    for (const name of ["google-chrome", "not-executable"]) await writeFile(join(bin, name), "#!/bin/sh\n");
    await chmod(join(bin, "google-chrome"), 0o755);
    await writeFile(join(bin, "chromium-browser"), "");
  });
  afterAll(() => rm(bin, { recursive: true, force: true }));

  test("uses CHROMIUM_PATH when it is set", () => {
    const path = join(bin, "google-chrome");
    expect(findChromium({ CHROMIUM_PATH: path, PATH: "" })).toEqual({ kind: "found", path });
  });

  test("names a CHROMIUM_PATH that is not an executable file", () => {
    const path = join(bin, "not-executable");
    expect(findChromium({ CHROMIUM_PATH: path, PATH: bin })).toEqual({
      kind: "missing",
      message: `CHROMIUM_PATH=${path} is not an executable file.`,
    });
  });

  test("else takes the first usual name that is an executable on PATH", () => {
    expect(findChromium({ PATH: `/nowhere:${bin}` })).toEqual({
      kind: "found",
      path: join(bin, "google-chrome"),
    });
  });

  test("without one, says how to install one, point at one, or skip explicitly", () => {
    const found = findChromium({ PATH: "/nowhere" });
    expect(found.kind).toBe("missing");
    const message = found.kind === "missing" ? found.message : "";
    for (const hint of ["apt-get install chromium", "CHROMIUM_PATH", "SKIP_BROWSER_TESTS=1"]) {
      expect(message).toContain(hint);
    }
  });

  test("skips only when SKIP_BROWSER_TESTS=1 asks, saying so", () => {
    expect(findChromium({ SKIP_BROWSER_TESTS: "1", PATH: bin })).toEqual({
      kind: "skipped",
      reason: "SKIP_BROWSER_TESTS=1 is set",
    });
  });
});
