// `npm run check` is the drift gate for generated/ and docs/mock.md's error-mapping table: it must
// fail, naming the stale file, as soon as the spec changes, and pass again once `npm run generate` has
// run. Exercised on a copy of the repo's spec, generated/ and docs/mock.md in a temporary folder:
// through the command line's own function, and once as a real process for the exit code.
import { execFile } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, describe, expect, test } from "vitest";
import { formatTypeScript } from "../../../tools/codegen/format.js";
import { cli } from "../../../tools/codegen/generate.js";
import { SHARED_TYPES } from "../../../tools/codegen/shared-types-module.js";
import { EXTENSION } from "../../../tools/mock/violations.js";
import { localBin } from "../../../tools/shared/bin.mjs";
import { hostileSpec } from "../../support/hostile.js";
import { componentSchema, editSpec } from "../../support/spec-file.js";

const run = promisify(execFile);
const work = await mkdtemp(join(tmpdir(), "generate-"));
await cp("spec", join(work, "spec"), { recursive: true });
await cp("generated", join(work, "generated"), { recursive: true });
await cp("docs/mock.md", join(work, "docs", "mock.md"));
afterAll(() => rm(work, { recursive: true, force: true }));

const dirs = ["--spec", join(work, "spec"), "--out", join(work, "generated")];

async function generate(...flags: string[]) {
  const lines: string[] = [];
  const code = await cli(
    [...dirs, ...flags],
    (l) => lines.push(l),
    (l) => lines.push(l),
  );
  return { code, output: lines.join("\n") };
}

function generateProcess(...flags: string[]) {
  return run(localBin("tsx"), ["tools/codegen/generate.ts", ...dirs, ...flags]).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

describe("npm run check", () => {
  test("passes on the committed generated/", async () => {
    expect(await generate("--check")).toMatchObject({ code: 0 });
  });

  test("fails naming each stale file after a field, an example and a mapping change, and passes after npm run generate", async () => {
    const specFile = join(work, "spec", "image-search.openapi.yaml");
    await editSpec(specFile, (spec) => {
      const request = componentSchema(spec, "ModifyImageRequest");
      request.properties = {
        ...request.properties,
        note: { type: "string", description: "A new optional field." },
      };
      const example = spec.components?.examples?.["token-empty"] as OpenAPIV3.ExampleObject;
      example.value = { ...example.value, error_msg: "The token is missing." };
      const mapped = example as Record<string, unknown>;
      mapped[EXTENSION] = [...(mapped[EXTENSION] as string[]), "header X-Project-Id empty"];
    });

    const stale = await generateProcess("--check");
    expect(stale.code).toBe(1);
    expect(stale.output).toContain("image-search.ts does not match the spec");
    expect(stale.output).toContain("image-search.validators.ts does not match the spec");
    expect(stale.output).toContain("image-search.examples.ts does not match the spec");
    expect(stale.output).toContain("docs/mock.md does not match the spec");

    expect(await generate()).toMatchObject({ code: 0 });
    expect(await generate("--check")).toMatchObject({ code: 0 });
    expect(await readFile(join(work, "generated", "image-search.ts"), "utf8")).toContain("note?: string;");
    expect(await readFile(join(work, "generated", "image-search.examples.ts"), "utf8")).toContain(
      '"The token is missing."',
    );
    expect(await readFile(join(work, "docs", "mock.md"), "utf8")).toContain("`header X-Project-Id empty`");
    // Three runs of the generator over every spec in spec/, each a few seconds on a loaded machine.
  }, 60_000);
});

const names = (await readdir("generated")).filter((name) => name.endsWith(".ts")).sort();

describe("the generated modules", () => {
  test.for(names)("%s imports only other generated modules", async (name) => {
    const text = await readFile(join("generated", name), "utf8");
    const specifiers = [...text.matchAll(/^(?:import|export)\b[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]);
    expect(specifiers.filter((s) => !/^\.\/[\w.-]+\.js$/.test(s ?? ""))).toEqual([]);
  });

  test.for(names)("%s is written as Biome formats the rest of the code", async (name) => {
    const text = await readFile(join("generated", name), "utf8");
    expect(text.split("\n").length).toBeGreaterThan(20);
    expect(await formatTypeScript(name, text)).toBe(text);
  });

  test("the types the validators and examples of every spec share are stated once, in shared-types.ts", async () => {
    const declaring: string[] = [];
    for (const name of names) {
      const text = await readFile(join("generated", name), "utf8");
      if (/export interface (OperationContract|Validate|OperationPolicy)\b/.test(text)) declaring.push(name);
    }
    expect(declaring).toEqual([`${SHARED_TYPES}.ts`]);
  });
});

describe("npm run generate on bad input", () => {
  test("names a --spec folder that is not there, with exit code 2", async () => {
    const result = await generateProcess("--spec", join(work, "nonexistent"));
    expect(result.code).toBe(2);
    expect(result.output).toContain(`--spec ${join(work, "nonexistent")}: no such folder`);
    expect(result.output).not.toContain("ENOENT");
  }, 120_000);

  test("reports invalid YAML at the spec file's line, with exit code 2", async () => {
    const spec = hostileSpec("invalid-yaml");
    const result = await generateProcess("--spec", dirname(spec), "--out", join(work, "invalid-out"));
    expect(result.code).toBe(2);
    expect(result.output).toMatch(
      new RegExp(`^${spec.replaceAll(".", "\\.")}:\\d+:\\d+: not valid YAML`, "m"),
    );
  }, 120_000);
});
