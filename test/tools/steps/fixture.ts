// A tiny project for the steps runner and its vitest reporter to run: a vitest config of its own, test
// files named *.check.ts (the repo's own run takes *.test.ts, so it leaves them alone), the repo's
// node_modules linked in. One base that passes, and named changes that each add one kind of failure.
import { mkdtemp, realpath, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

type Files = Record<string, string>;

function config(extra = ""): string {
  const test = `include: ["*.check.ts"], maxWorkers: 2, testTimeout: 120_000${extra}`;
  return `export default { cacheDir: ".vite", test: { ${test} } };\n`;
}

function parsingTests(more = ""): string {
  return `import { describe, expect, test } from "vitest";

describe("parsing", () => {
  describe("bad input", () => {
    test("an error message names the file", () => expect("error in a.yaml").toContain("a.yaml"));${more}
  });
});
`;
}

export const BASE: Files = { "vitest.config.mjs": config(), "parsing.check.ts": parsingTests() };

export const CHANGES = {
  "a broken test": {
    "parsing.check.ts": parsingTests(`
    test("rejects a broken spec", () => expect("accepted").toBe("rejected"));`),
  },
  "a file that fails to import": { "imports.check.ts": 'import "./missing.js";\n' },
  "a failing hook": {
    "hooks.check.ts": `import { beforeAll, describe, test } from "vitest";

describe("with a server", () => {
  beforeAll(() => {
    throw new Error("the server did not start");
  });
  test("answers", () => {});
});
`,
  },
  "an error thrown after its test": {
    "late.check.ts": `import { test } from "vitest";

test("starts a timer it does not wait for", async () => {
  setTimeout(() => {
    throw new Error("thrown by the timer");
  });
  // A timer set later fires later: the test is still running when the first one throws.
  await new Promise((done) => setTimeout(done, 10));
});
`,
  },
  "a type error": {
    "vitest.config.mjs": config(', typecheck: { enabled: true, include: ["*.check-d.ts"] }'),
    "tsconfig.json": JSON.stringify({
      compilerOptions: { strict: true, module: "NodeNext", noEmit: true, skipLibCheck: true, types: [] },
      include: ["*.check-d.ts"],
    }),
    "types.check-d.ts": `import { expectTypeOf, test } from "vitest";

test("a count is a number", () => expectTypeOf<{ count: string }>().toEqualTypeOf<{ count: number }>());
export const limit: number = "ten";
`,
  },
  "a failing global setup": {
    "vitest.config.mjs": config(', globalSetup: ["setup.mjs"]'),
    "setup.mjs": 'export default function setup() {\n  throw new Error("the mock did not start");\n}\n',
  },
} satisfies Record<string, Files>;

/** The project in a new folder: package.json with `test:vitest` and `scripts`, then `files`. */
export async function fixtureProject(files: Files, scripts: Record<string, string> = {}): Promise<string> {
  const dir = await realpath(await mkdtemp(join(tmpdir(), "steps-fixture-")));
  await symlink(resolve("node_modules"), join(dir, "node_modules"), "dir");
  const packageJson = {
    name: "fixture",
    version: "1.0.0",
    type: "module",
    scripts: { "test:vitest": "vitest run", ...scripts },
  };
  await writeFile(join(dir, "package.json"), JSON.stringify(packageJson));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}
