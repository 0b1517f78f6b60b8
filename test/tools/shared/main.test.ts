// Entry scripts run from any folder: `isMain` and the drift check from a path with a space in it,
// where comparing `import.meta.url` with `file://${argv[1]}` made every command do nothing, exit 0.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { isMain } from "../../../tools/shared/main.js";
import { copyRepo } from "../../support/repo-copy.js";

const run = promisify(execFile);

describe("isMain", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "entry with space-"));
    await writeFile(join(folder, "script.ts"), "");
    await symlink(join(folder, "script.ts"), join(folder, "linked.ts"));
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  test("recognises the entry script in a folder whose path has a space", () => {
    const file = join(folder, "script.ts");
    expect(pathToFileURL(file).href).toContain("%20");
    expect(isMain(pathToFileURL(file).href, file)).toBe(true);
  });

  test("recognises it when the script was started through a symbolic link", () => {
    expect(isMain(pathToFileURL(join(folder, "script.ts")).href, join(folder, "linked.ts"))).toBe(true);
  });

  test("is false for any other module, and when there is no entry script", () => {
    const url = pathToFileURL(join(folder, "script.ts")).href;
    expect(isMain(url, join(folder, "other.ts"))).toBe(false);
    expect(isMain(url, undefined)).toBe(false);
  });
});

describe("npm run check from a folder whose path has a space", () => {
  let repo: string;
  beforeAll(async () => {
    repo = join(await mkdtemp(join(tmpdir(), "drift-")), "a repo with spaces");
    await mkdir(repo);
    await copyRepo(repo);
  });
  afterAll(() => rm(resolve(repo, ".."), { recursive: true, force: true }));

  const check = () =>
    run("npm", ["run", "--silent", "check"], { cwd: repo }).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      (error: { code: number; stdout: string; stderr: string }) => error,
    );

  test("passes on the copied generated/, saying what it checked", async () => {
    const { code, stdout } = await check();
    expect({ code, stdout: stdout.trim() }).toEqual({
      code: 0,
      stdout: expect.stringMatching(/^generated\/ and docs\/mock\.md are up to date with \d+ spec\(s\)$/),
    });
  }, 120_000);

  test("fails on a stale spec, naming the stale file", async () => {
    const file = join(repo, "spec", "image-search.openapi.yaml");
    const spec = parse(await readFile(file, "utf8")) as { components: { schemas: Record<string, object> } };
    spec.components.schemas.AddedForTheDriftCheck = { type: "string" };
    await writeFile(file, stringify(spec));
    const { code, stderr } = await check();
    expect(code).toBe(1);
    expect(stderr).toContain("stale: generated/image-search.");
  }, 120_000);
});
