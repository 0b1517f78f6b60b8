// `npm run mock` compiles the mock into .build/mock/ only when one of its sources changed since: a
// start right after another runs the build it left, with no compile in between.
import { spawnSync } from "node:child_process";
import { expect, test } from "vitest";

function runMock(args: string[]) {
  return spawnSync(process.execPath, ["scripts/run-mock.mjs", ...args], { encoding: "utf8" });
}

test("a second start reuses the first one's build", () => {
  const first = runMock(["--help"]);
  expect(first.status).toBe(0);
  const second = runMock(["--help"]);
  expect(second.status).toBe(0);
  expect(second.stdout).toContain("Usage: npm run mock");
  expect(second.stderr).not.toContain("built the mock");
});
