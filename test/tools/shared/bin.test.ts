// The one lookup of a dependency's command: each kind finds the file npm installed, from any working
// folder, and a package or bin that is not there fails naming it.
import { existsSync } from "node:fs";
import { isAbsolute, join, resolve } from "node:path";
import { describe, expect, test } from "vitest";
import { localBin, packageBin, platformBinary } from "../../../tools/shared/bin.mjs";

describe("bin", () => {
  test("localBin is the repo's node_modules/.bin entry, as an absolute path", () => {
    expect(localBin("tsx")).toBe(resolve("node_modules", ".bin", "tsx"));
    expect(existsSync(localBin("tsx"))).toBe(true);
  });

  test("packageBin is the script the package's package.json names", () => {
    const bin = packageBin("@stoplight/prism-cli", "prism");
    expect(isAbsolute(bin)).toBe(true);
    expect(bin.startsWith(resolve("node_modules", "@stoplight", "prism-cli"))).toBe(true);
    expect(existsSync(bin)).toBe(true);
  });

  test("packageBin names the package and the bin it does not declare", () => {
    expect(() => packageBin("@stoplight/prism-cli", "no-such-bin")).toThrow(
      "@stoplight/prism-cli has no no-such-bin bin",
    );
  });

  test("platformBinary finds the native binary npm installed for this machine", () => {
    const biome = platformBinary("@biomejs/cli", "biome", ["", "-musl"]);
    expect(existsSync(biome)).toBe(true);
    const steady = platformBinary("@stdy/cli", join("bin", "steady"));
    expect(steady).toBe(
      resolve("node_modules", "@stdy", `cli-${process.platform}-${process.arch}`, "bin", "steady"),
    );
  });

  test("platformBinary names the package it cannot find", () => {
    expect(() => platformBinary("@no-such-scope/cli", "tool", ["", "-musl"])).toThrow(
      `no @no-such-scope/cli binary is installed for ${process.platform}-${process.arch}`,
    );
  });
});
