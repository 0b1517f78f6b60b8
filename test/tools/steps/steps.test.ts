// `npm test`'s runner (tools/steps/steps.ts) on a fixture project: vitest's progress printed as it
// comes, each other step printed whole under its own header, no colour code into a pipe, and a
// closing summary that names the broken test alone, from vitest's results.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { existsSync } from "node:fs";
import { mkdir, readdir, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { localBin } from "../../../tools/shared/bin.mjs";
import { stepEnvironment } from "../../../tools/steps/steps.js";
import { BASE, CHANGES, fixtureProject } from "./fixture.js";

const STEPS = resolve("tools/steps/steps.ts");
const projects: string[] = [];
afterAll(() => Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true }))));

async function project(files: Record<string, string>, scripts: Record<string, string> = {}): Promise<string> {
  const dir = await fixtureProject(files, scripts);
  projects.push(dir);
  await mkdir(join(dir, "tmp"));
  return dir;
}

/** The runner in `dir`, its own temporary files in dir/tmp; `watch` sees its stdout as it grows. */
async function runSteps(dir: string, args: string[], watch: (out: string) => void = () => {}) {
  const env: NodeJS.ProcessEnv = { ...process.env, TMPDIR: join(dir, "tmp") };
  delete env.NO_COLOR;
  delete env.FORCE_COLOR;
  const child = spawn(localBin("tsx"), [STEPS, ...args], { cwd: dir, env });
  let out = "";
  let err = "";
  child.stdout.on("data", (chunk: Buffer) => {
    out += chunk;
    watch(out);
  });
  child.stderr.on("data", (chunk: Buffer) => (err += chunk));
  const [code] = (await once(child, "close")) as [number];
  return { code, out, err };
}

/** Each line of the output before the summary, with the title of the header it sits under. */
function underHeaders(out: string): { title: string; line: string }[] {
  let title = "";
  return out
    .slice(0, out.indexOf("npm test: "))
    .split("\n")
    .flatMap((line) => {
      const header = /^── (.+?) ─+$/.exec(line);
      if (header) title = header[1] as string;
      return header ? [] : [{ title, line }];
    });
}

function summaryOf(out: string): string[] {
  return out.slice(out.indexOf("npm test: ")).trimEnd().split("\n");
}

describe("stepEnvironment", () => {
  test("asks for no colour when the run's output is not a terminal, and for colour when it is", () => {
    expect(stepEnvironment({ A: "1" }, false)).toEqual({ A: "1", NO_COLOR: "1" });
    expect(stepEnvironment({ A: "1" }, true)).toEqual({ A: "1", FORCE_COLOR: "1" });
  });

  test("leaves a colour choice already made alone", () => {
    expect(stepEnvironment({ FORCE_COLOR: "0" }, false)).toEqual({ FORCE_COLOR: "0" });
    expect(stepEnvironment({ NO_COLOR: "" }, true)).toEqual({ NO_COLOR: "" });
  });
});

describe("tsx tools/steps/steps.ts", () => {
  describe("on the command line", () => {
    test("--help names its options and exit codes, and runs nothing", async () => {
      const dir = await project(BASE);
      const { code, out } = await runSteps(dir, ["--help"]);
      expect(code).toBe(0);
      expect(out).toMatch(/^Usage: tsx tools\/steps\/steps.ts \[options\]/);
      expect(out).toMatch(/--step SCRIPT[\s\S]*--vitest SCRIPT[\s\S]*2 +bad command-line input/);
    }, 60_000);

    test.each([
      [["--nope"], "unknown option --nope"],
      [[], "name the npm scripts to run with --step or --vitest"],
      [["--step", "quick", "--vitest", "quick"], "quick is named twice"],
      [["--step", "quick", "--step", "nope"], "package.json has no script nope"],
    ])(
      "refuses %j with exit code 2, saying why, before running anything",
      async (args, reason) => {
        const dir = await project(BASE, { quick: "node -e \"require('fs').writeFileSync('ran', '')\"" });
        const { code, out, err } = await runSteps(dir, args);
        expect({ code, out }).toEqual({ code: 2, out: "" });
        expect(err).toContain(reason);
        expect(existsSync(join(dir, "ran"))).toBe(false);
      },
      60_000,
    );
  });

  describe("as npm test runs it", () => {
    test("prints vitest's progress as it comes, a step whole between, and ends naming the broken test alone", async () => {
      const dir = await project(
        {
          ...BASE,
          ...CHANGES["a broken test"],
          // Runs beside parsing.check.ts, and ends only once the runner has printed the broken step.
          "waits.check.ts": `import { existsSync } from "node:fs";
import { test } from "vitest";

test("waits for the go-ahead", async () => {
  while (!existsSync("go-ahead")) await new Promise((done) => setTimeout(done, 50));
});
`,
          // Ends only once the runner has printed vitest's line for the broken test.
          "broken.mjs": `import { existsSync } from "node:fs";

for (let i = 0; !existsSync("vitest-printed") && i < 2400; i++) await new Promise((done) => setTimeout(done, 50));
console.log("stale: generated/x.ts does not match the spec");
console.log("Run \`npm run generate\` and commit the result.");
process.exit(3);
`,
        },
        {
          quick: "node -e \"console.log('quick says hi'); console.error('colour: ' + process.env.NO_COLOR)\"",
          broken: "node broken.mjs",
        },
      );
      const args = ["--step", "quick", "--step", "broken", "--vitest", "test:vitest"];
      const { code, out } = await runSteps(dir, args, (sofar) => {
        if (sofar.includes("parsing.check.ts > ")) void writeFile(join(dir, "vitest-printed"), "");
        if (sofar.includes("── broken failed (exit 3)")) void writeFile(join(dir, "go-ahead"), "");
      });
      expect(code).toBe(1);
      expect(out).not.toContain("\u001b[");
      const lines = underHeaders(out);
      const titles = (text: string) =>
        lines.filter(({ line }) => line.includes(text)).map(({ title }) => title);
      expect(titles("quick says hi")).toEqual(["quick"]);
      expect(titles("colour: 1")).toEqual(["quick"]);
      expect(titles("stale: generated/x.ts")).toEqual(["broken"]);
      const parsing = titles("parsing.check.ts > ");
      expect(parsing.length).toBeGreaterThan(0);
      expect(parsing.filter((title) => !title.startsWith("test:vitest"))).toEqual([]);
      expect(titles("waits.check.ts > ")).toEqual(["test:vitest (continued)"]);
      expect(out.indexOf("── broken failed")).toBeLessThan(out.indexOf("waits.check.ts > "));
      expect(summaryOf(out)).toEqual([
        "npm test: 2 of 3 steps failed: broken, test:vitest",
        "✗ broken (exit 3); its output ends:",
        "    stale: generated/x.ts does not match the spec",
        "    Run `npm run generate` and commit the result.",
        "✗ test:vitest (exit 1): 1 failure",
        "    failed test: parsing.check.ts > parsing > bad input > rejects a broken spec",
        "        AssertionError: expected 'accepted' to be 'rejected' // Object.is equality",
      ]);
      expect((await readdir(join(dir, "tmp"))).filter((name) => name.startsWith("steps-"))).toEqual([]);
    }, 240_000);

    test("names a test file that fails to import, alone, and leaves no results file behind", async () => {
      const dir = await project({ ...BASE, ...CHANGES["a file that fails to import"] });
      const { code, out } = await runSteps(dir, ["--vitest", "test:vitest"]);
      expect(code).toBe(1);
      expect(summaryOf(out)).toEqual([
        "npm test: 1 of 1 steps failed: test:vitest",
        "✗ test:vitest (exit 1): 1 failure",
        "    failed file: imports.check.ts:1:1",
        `        Error: Cannot find module './missing.js' imported from ${dir}/imports.check.ts`,
      ]);
      expect((await readdir(join(dir, "tmp"))).filter((name) => name.startsWith("steps-"))).toEqual([]);
    }, 120_000);

    test("ends saying every step passed, exit code 0, when none failed", async () => {
      const dir = await project(BASE, { quick: 'node -e "1"' });
      const { code, out } = await runSteps(dir, ["--step", "quick", "--vitest", "test:vitest"]);
      expect(code).toBe(0);
      expect(summaryOf(out)).toEqual(["npm test: all 2 steps passed (quick, test:vitest)"]);
    }, 120_000);
  });
});
