// `npm run mock` compiles the mock into .build/mock/ only when one of its sources changed since: a
// start right after another runs the build it left, with no compile in between, and a start after
// an edit compiles again. In a copy of the repo, so that the edit touches no other test's build.
import { spawnSync } from "node:child_process";
import { copyFile, mkdtemp, rm, utimes } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { copyRepo } from "../../support/repo-copy.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "run-mock-build-"));
  await copyRepo(dir);
  await copyFile("package-lock.json", join(dir, "package-lock.json"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** `node tools/mock/run.mjs --help` in the copy: whether it compiled, and that it ran. */
function start(): boolean {
  const run = spawnSync(process.execPath, ["tools/mock/run.mjs", "--help"], { cwd: dir, encoding: "utf8" });
  expect(run.status).toBe(0);
  expect(run.stdout).toContain("Usage: npm run mock");
  return run.stderr.includes("built the mock");
}

test("a second start reuses the first one's build, and a start after an edit compiles", {
  timeout: 90_000,
}, async () => {
  expect(start()).toBe(true);
  expect(start()).toBe(false);
  // An edit after the build: the build's record dated back, rather than the source ahead of the clock.
  const before = new Date(Date.now() - 10_000);
  await utimes(join(dir, ".build", "mock", "meta.json"), before, before);
  await utimes(join(dir, "tools", "mock", "layer.ts"), new Date(), new Date());
  expect(start()).toBe(true);
  expect(start()).toBe(false);
});
