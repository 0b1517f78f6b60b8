// `npm run docs` relays Redocly's output less the one notice it prints on every run under Node 20, and
// renders only what the spec loader loaded: it exits 2 naming the file and line on a hostile spec.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { promisify } from "node:util";
import { afterAll, describe, expect, test } from "vitest";
import { relayWithoutNode20Notice } from "../../../tools/docs/docs.js";
import { localBin } from "../../../tools/shared/bin.mjs";
import { DEFAULT_LIMITS } from "../../../tools/shared/spec-text.js";
import { builtHostileSpecs, hostileSpec, placeOf, SECRET } from "../../support/hostile.js";

const run = promisify(execFile);

// Redocly CLI's own output under Node 20, as it prints it.
const OUTPUT = [
  "",
  "    ╔═════════════════════════════════════════════════════════╗",
  "    ║  Deprecation warning: Node.js 20 support is ending      ║",
  "    ║  Node.js 20 reached end-of-life on April 30, 2026.      ║",
  "    ╚═════════════════════════════════════════════════════════╝",
  "",
  "    ╔═════════════════════════════════════════════╗",
  "    ║  build-docs now renders docs with Redoc 3.  ║",
  "    ╚═════════════════════════════════════════════╝",
  "",
  "Prerendering docs",
  "🎉 bundled successfully in: docs/index.html",
];

async function relayed(lines: string[]): Promise<string> {
  let text = "";
  await relayWithoutNode20Notice(Readable.from([`${lines.join("\n")}\n`]), (chunk) => {
    text += chunk;
  });
  return text;
}

describe("npm run docs's relay of Redocly's output", () => {
  test("drops the Node 20 end-of-life box and the blank line after it", async () => {
    expect(await relayed(OUTPUT)).toBe(`\n${OUTPUT.slice(6).join("\n")}\n`);
  });

  test("passes every other line and box through unchanged", async () => {
    const others = OUTPUT.slice(5);
    expect(await relayed(others)).toBe(`${others.join("\n")}\n`);
  });
});

describe("npm run docs on hostile specs", () => {
  const work = mkdtempSync(join(tmpdir(), "docs-hostile-"));
  afterAll(() => rm(work, { recursive: true, force: true }));

  async function docs(spec: string, name: string) {
    const out = join(work, `${name}.html`);
    const result = await run(localBin("tsx"), ["tools/docs/docs.ts", "--spec", spec, "--out", out]).then(
      ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
      ({ code, stdout, stderr }: { code: number; stdout: string; stderr: string }) => ({
        code,
        stdout,
        stderr,
      }),
    );
    const page = await readFile(out, "utf8").catch(() => undefined);
    return { ...result, page };
  }

  const refused: [string, string, number?][] = [
    ["description-ref", "$ref: /etc/passwd"],
    ["parent-ref", "$ref: ../secret.json"],
    ["remote", "$ref: http"],
    ["alias-bomb", "*l0"],
    ["callback-cycle", "$ref", 2],
    ["ref-loop", "$ref"],
    ["missing-target", "$ref"],
  ];

  test.concurrent.each(refused)(
    "exits 2 on %s naming the file and line, and writes no page",
    async (name, text, nth) => {
      const spec = hostileSpec(name);
      const { code, stdout, stderr, page } = await docs(spec, name);
      expect({ code, stdout, page }).toEqual({ code: 2, stdout: "", page: undefined });
      expect(stderr.startsWith(`${placeOf(spec, text, nth)}: `)).toBe(true);
    },
    120_000,
  );

  test("exits 2 on invalid YAML, naming the file and line", async () => {
    const { code, stderr } = await docs(hostileSpec("invalid-yaml"), "invalid-yaml");
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^test\/fixtures\/hostile\/invalid-yaml\/spec\.openapi\.yaml:\d+:\d+: not valid YAML/,
    );
  }, 120_000);

  test("exits 2 on invalid YAML in a referenced file, naming that file and line", async () => {
    const item = "test/fixtures/hostile/invalid-yaml-referenced/item.yaml";
    const { code, stderr } = await docs(hostileSpec("invalid-yaml-referenced"), "invalid-yaml-referenced");
    expect(code).toBe(2);
    expect(stderr.startsWith(`${placeOf(item, "type: string")}: not valid YAML`)).toBe(true);
  }, 120_000);

  test("exits 2 on a symbolic link out of the folder and on a spec over the size limit", async () => {
    const built = await builtHostileSpecs();
    try {
      const [linked, large] = await Promise.all([
        docs(built.symlink, "symlink"),
        docs(built.oversized, "large"),
      ]);
      expect([linked.code, large.code]).toEqual([2, 2]);
      expect(linked.stderr.startsWith(`${placeOf(built.symlink, "$ref: ./link.json")}: `)).toBe(true);
      expect(large.stderr).toContain(
        `${built.oversized}: ${DEFAULT_LIMITS.fileBytes + 1} bytes, over the limit`,
      );
    } finally {
      await built.remove();
    }
  }, 120_000);

  test("renders a spec whose examples hold $refs without what they name, saying which it left out", async () => {
    const spec = hostileSpec("example-ref");
    const { code, stderr, page } = await docs(spec, "example-ref");
    expect(code).toBe(0);
    expect(page).toContain("Examples that hold $ref keys");
    expect(page).not.toContain(SECRET);
    expect(page).not.toContain("root:x:0:0");
    for (const text of ["value:", "example:"]) {
      expect(stderr).toContain(`${placeOf(spec, text)}: left out of the reference`);
    }
  }, 120_000);
});
