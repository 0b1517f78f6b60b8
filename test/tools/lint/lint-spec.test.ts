// `npm run lint:spec` as a user runs it: what the Spectral CLI printed and the exit codes it gave, on
// specs the loader takes; exit 2 naming the file and line on each hostile spec it refuses.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { localBin } from "../../../tools/shared/bin.mjs";
import { DEFAULT_LIMITS } from "../../../tools/shared/spec-text.js";
import {
  builtHostileSpecs,
  copyOfFixture,
  hostileSpec,
  placeOf,
  remoteSpecTo,
  SECRET,
  schemaServer,
} from "../../support/hostile.js";

const run = promisify(execFile);

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}

function ran(command: string, args: string[]): Promise<Ran> {
  return run(command, args, { env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: "0" } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    ({ code, stdout, stderr }: Ran) => ({ code, stdout, stderr }),
  );
}

const work = await mkdtemp(join(tmpdir(), "lint-spec-"));
afterAll(() => rm(work, { recursive: true, force: true }));

const lintSpec = (...args: string[]) => ran(localBin("tsx"), ["tools/lint/lint-spec.ts", ...args]);

describe("npm run lint:spec", () => {
  test("lints spec/ clean, saying so as the Spectral CLI does", async () => {
    const { code, stdout } = await ran("npm", ["run", "--silent", "lint:spec"]);
    expect({ code, stdout }).toEqual({
      code: 0,
      stdout: "No results with a severity of 'warn' or higher found!\n",
    });
  }, 120_000);

  test("prints what `spectral lint --fail-severity=warn` prints for a spec with findings, and exits 1 as it does", async () => {
    const spec = "test/fixtures/bad-example.openapi.yaml";
    const [ours, theirs] = await Promise.all([
      lintSpec("--spec", spec),
      ran(localBin("spectral"), ["lint", "--fail-severity=warn", spec]),
    ]);
    expect(theirs.code).toBe(1);
    expect(ours).toEqual(theirs);
  }, 120_000);

  test("fails on a warning by default, and with --fail-severity=error passes it and still prints it", async () => {
    // The IAM spec, clean, less its description: one warning.
    const spec = parse(await readFile("spec/iam.openapi.yaml", "utf8"));
    delete spec.info.description;
    const file = join(work, "iam.openapi.yaml");
    await writeFile(file, stringify(spec));
    const [byDefault, onErrors] = await Promise.all([
      lintSpec("--spec", file),
      lintSpec("--spec", file, "--fail-severity=error"),
    ]);
    expect(byDefault.code).toBe(1);
    expect(onErrors.code).toBe(0);
    for (const { stdout } of [byDefault, onErrors])
      expect(stdout).toMatch(/\d+:\d+ +warning +info-description/);
  }, 120_000);

  test("lints a spec whose examples hold $refs as it is, reading nothing they name", async () => {
    const { stdout, stderr } = await lintSpec("--spec", hostileSpec("example-ref"));
    expect(stdout).toContain("example-ref/spec.openapi.yaml");
    expect(stdout).not.toContain("invalid-ref");
    expect(stdout + stderr).not.toContain(SECRET);
  }, 120_000);

  test("refuses a bad --fail-severity before any work, with exit code 2", async () => {
    const { code, stdout, stderr } = await lintSpec("--fail-severity=loud");
    expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
    expect(stderr).toContain("--fail-severity takes error, warn, info, hint, not loud");
  }, 120_000);
});

describe("npm run lint:spec on hostile specs", () => {
  const refused: [string, string, string?][] = [
    ["description-ref", "$ref: /etc/passwd"],
    ["parent-ref", "$ref: ../secret.json"],
    ["remote", "$ref: http"],
    ["alias-bomb", "*l0"],
    ["callback-cycle", "$ref", "2"],
    ["ref-loop", "$ref"],
    ["missing-target", "$ref"],
  ];

  test.concurrent.each(refused)(
    "exits 2 on %s, naming the file and line",
    async (name, text, nth) => {
      const spec = hostileSpec(name);
      const { code, stdout, stderr } = await lintSpec("--spec", spec);
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(stderr.startsWith(`${placeOf(spec, text, Number(nth ?? 1))}: `)).toBe(true);
      expect(stderr).not.toContain(SECRET);
    },
    120_000,
  );

  describe("built in a temporary folder", () => {
    let built: Awaited<ReturnType<typeof builtHostileSpecs>>;
    beforeAll(async () => {
      built = await builtHostileSpecs();
    });
    afterAll(() => built.remove());

    test("exits 2 on a schema that is a symbolic link out of the folder, naming the file and line", async () => {
      const { code, stderr } = await lintSpec("--spec", built.symlink);
      expect(code).toBe(2);
      expect(stderr.startsWith(`${placeOf(built.symlink, "$ref: ./link.json")}: `)).toBe(true);
    }, 120_000);

    test("exits 2 on a spec over the size limit, naming it", async () => {
      const { code, stderr } = await lintSpec("--spec", built.oversized);
      expect(code).toBe(2);
      expect(stderr).toContain(`${built.oversized}: ${DEFAULT_LIMITS.fileBytes + 1} bytes, over the limit`);
    }, 120_000);
  });

  test("exits 2 on invalid YAML in a referenced file, naming that file and line", async () => {
    const item = "test/fixtures/hostile/invalid-yaml-referenced/item.yaml";
    const { code, stderr } = await lintSpec("--spec", hostileSpec("invalid-yaml-referenced"));
    expect(code).toBe(2);
    expect(stderr.startsWith(`${placeOf(item, "type: string")}: not valid YAML`)).toBe(true);
  }, 120_000);

  test("exits 2 on invalid YAML, naming the file and line", async () => {
    const { code, stderr } = await lintSpec("--spec", hostileSpec("invalid-yaml"));
    expect(code).toBe(2);
    expect(stderr).toMatch(
      /^test\/fixtures\/hostile\/invalid-yaml\/spec\.openapi\.yaml:\d+:\d+: not valid YAML/,
    );
  }, 120_000);

  describe("with remote references allowed", () => {
    let server: Awaited<ReturnType<typeof schemaServer>>;
    let root: string;
    beforeAll(async () => {
      server = await schemaServer();
      ({ root } = await copyOfFixture("remote"));
    });
    afterAll(async () => {
      await new Promise((resolve) => server.server.close(resolve));
      await rm(root, { recursive: true, force: true });
    });

    test("still exits 2 on a reference to a loopback address, and sends nothing", async () => {
      const spec = await remoteSpecTo(`http://localhost:${server.port}/item.yaml`, root);
      const { code, stderr } = await lintSpec("--spec", spec, "--allow-remote-refs");
      expect(code).toBe(2);
      expect(stderr).toContain("references are fetched from public addresses only");
      expect(server.requests()).toBe(0);
    }, 120_000);
  });
});
