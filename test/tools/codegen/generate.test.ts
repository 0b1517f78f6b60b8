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
import { FORMAT_LIMIT, formatGenerated, formatTypeScript } from "../../../tools/codegen/format.js";
import { cli, specModules } from "../../../tools/codegen/generate.js";
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
  });
});

describe("x-idempotent", () => {
  const specFile = join(work, "idempotent", "image-search.openapi.yaml");
  const withIdempotence = async (operationId: string, value: unknown) => {
    await cp("spec/image-search.openapi.yaml", specFile);
    await editSpec(specFile, (spec) => {
      for (const item of Object.values(spec.paths)) {
        for (const operation of Object.values(item ?? {}) as Record<string, unknown>[]) {
          if (operation?.operationId === operationId) operation["x-idempotent"] = value;
        }
      }
    });
    return specModules(specFile);
  };

  test("a boolean becomes the contract's idempotent, and an operation without it has none", async () => {
    const { operations } = await withIdempotence("addImage", true);
    const start = operations.indexOf("export const addImage");
    expect(operations.slice(start, operations.indexOf("\n};", start))).toContain("idempotent: true");
    expect(operations.match(/idempotent:/g)).toHaveLength(1);
  });

  test("{ body: <schema> } becomes a validator of its own, which the contract names", async () => {
    const { operations, validators } = await withIdempotence("addImage", {
      body: { required: ["file"], properties: { file: { minLength: 1 } } },
    });
    expect(operations).toContain("idempotent: v.addImage_idempotent,");
    expect(validators).toContain("export const addImage_idempotent");
  });

  test.each([["yes"], [{ body: [] }], [{ body: {}, when: {} }], [null]])(
    "%j is refused, naming the operation",
    async (value) => {
      await expect(withIdempotence("addImage", value)).rejects.toThrow(
        "addImage: x-idempotent must be true, false or { body: <schema> }",
      );
    },
  );
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

  test("a generated file above the format limit is written as generated, one below it formatted", async () => {
    const unformatted = "export const  value = { a:1 }\n";
    const large = `${unformatted}${"\n".repeat(FORMAT_LIMIT)}`;

    expect(await formatGenerated("large.ts", large)).toBe(large);
    expect(await formatGenerated("small.ts", unformatted)).toBe("export const value = { a: 1 };\n");
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

describe("npm run generate's --spec and --out", () => {
  const work = mkdtemp(join(tmpdir(), "generate-options-"));
  afterAll(async () => rm(await work, { recursive: true, force: true }));

  test("takes one spec file, as mock, docs and verify do, and makes an --out folder that is not there", async () => {
    const out = join(await work, "new", "folder");
    const lines: string[] = [];
    const code = await cli(["--spec", "spec/iam.openapi.yaml", "--out", out], (line) => lines.push(line));
    expect(code, lines.join("\n")).toBe(0);
    const written = (await readdir(out)).sort();
    expect(written).toContain("iam.operations.ts");
    expect(written.filter((name) => name.startsWith("image-search"))).toEqual([]);
    // The error-mapping table of docs/mock.md is another spec's: left alone.
    expect(lines.filter((line) => line.includes("docs/mock.md"))).toEqual([]);
  }, 120_000);

  test("exits 2 naming a --spec that is not there", async () => {
    const errors: string[] = [];
    const code = await cli(
      ["--spec", "spec/missing.openapi.yaml"],
      () => undefined,
      (line) => errors.push(line),
    );
    expect(code).toBe(2);
    expect(errors).toEqual(["npm run generate: --spec spec/missing.openapi.yaml: no such file or folder"]);
  });
});

describe("npm run generate on bad input", () => {
  test("names a --spec folder that is not there, with exit code 2", async () => {
    const result = await generateProcess("--spec", join(work, "nonexistent"));
    expect(result.code).toBe(2);
    expect(result.output).toContain(`--spec ${join(work, "nonexistent")}: no such file or folder`);
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
