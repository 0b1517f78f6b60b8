// Spec text in generated code: names, descriptions, enum values and the spec's own file name reach the
// generated modules only as string literals or comment text, so importing them runs nothing the spec
// wrote, and a validator checks exactly the values the spec lists. Names a module cannot hold as
// written are mapped (reserved words, the module's own names) or refused (`__proto__`).
import { copyFile, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pathToFileURL } from "node:url";
import { transform } from "esbuild";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { OperationContract, Validate } from "../../../generated/shared-types.js";
import { generateFromSpec } from "../../../tools/codegen/generate.js";
import { HOSTILE, hostileSpec, SECRET, startsAt } from "../../support/hostile.js";

const work = await mkdtemp(join(tmpdir(), "spec-text-"));
afterAll(() => rm(work, { recursive: true, force: true }));
const marker = globalThis as { injected?: unknown };

/** A spec file name that closes an import's string and runs a statement, were it pasted in. */
const FILE_NAME = 'x";globalThis.injected="file name.openapi.yaml';

/** Generates the modules of the spec at `spec`, written as JavaScript into `work`; imports each. */
async function importGenerated(spec: string): Promise<Record<string, Record<string, unknown>>> {
  const files = await generateFromSpec(spec, work);
  const modules: Record<string, Record<string, unknown>> = {};
  // Each module is written first: they import each other.
  for (const file of files) {
    const { code } = await transform(file.contents, { loader: "ts", format: "esm" });
    await writeFile(file.path.replace(/\.ts$/, ".js"), code);
  }
  for (const file of files) {
    const url = pathToFileURL(file.path.replace(/\.ts$/, ".js")).href;
    modules[basename(file.path, ".ts")] = (await import(url)) as Record<string, unknown>;
  }
  return modules;
}

let modules: Record<string, Record<string, unknown>>;
beforeAll(async () => {
  const spec = join(work, FILE_NAME);
  await copyFile(hostileSpec("code-in-names"), spec);
  delete marker.injected;
  modules = await importGenerated(spec);
}, 120_000);

const stem = 'x";globalThis.injected="file name';
const operationsOf = () => modules[`${stem}.operations`]?.operations as Record<string, OperationContract>;

describe("the generated modules of a spec whose text is code", () => {
  test("run none of it when imported: not an example's or a property's name, a description, nor the file name", () => {
    expect(Object.keys(modules).sort()).toEqual(
      [
        `${stem}`,
        `${stem}.example-checks`,
        `${stem}.examples`,
        `${stem}.operations`,
        `${stem}.validators`,
        "shared-types",
      ].sort(),
    );
    expect(marker.injected).toBeUndefined();
  });

  test("validate an enum value that reads like ajv's code exactly as the spec writes it", () => {
    const body = operationsOf().delete?.requestBody;
    const validate = (body as { validate: Validate }).validate;
    expect(validate({ status: "ok errors++; ok" })).toBe(true);
    expect(validate({ status: 'const schema99 = {"a": 1}; errors++;' })).toBe(true);
    expect(validate({ status: "ok  ok" })).toBe(false);
    expect(validate.errors?.[0]?.params).toEqual({
      allowedValues: ["ok errors++; ok", 'const schema99 = {"a": 1}; errors++;'],
    });
  });

  test("give operationIds that are reserved words or the module's own names a contract each", () => {
    expect(Object.keys(operationsOf()).sort()).toEqual(["delete", "eval", "v"]);
    expect(operationsOf().v?.operationId).toBe("v");
    expect(operationsOf().eval?.method).toBe("get");
  });
});

describe("a name JavaScript reads as the prototype", () => {
  test("is refused at generate time, at the property that has it", async () => {
    const spec = hostileSpec("proto-name");
    const refusal = await generateFromSpec(spec, work).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(refusal?.name).toBe("SpecLoadError");
    expect(startsAt(refusal?.message ?? "", spec, "__proto__:")).toBe(true);
    expect(refusal?.message).toMatch(/__proto__ cannot be generated/);
  });
});

describe("generate on the hostile specs of the loader", () => {
  test("writes an example's $ref as the data it is, never what it names", async () => {
    const files = await generateFromSpec(hostileSpec("example-ref"), work);
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(file.contents).not.toContain(SECRET);
  }, 120_000);

  test.for(["parent-ref", "alias-bomb", "remote", "description-ref"])(
    "refuses %s with the loader's error, naming the spec",
    { timeout: 120_000 },
    async (name) => {
      const refusal = await generateFromSpec(hostileSpec(name), work).then(
        () => undefined,
        (error: Error) => error,
      );
      expect(refusal?.name).toBe("SpecLoadError");
      expect(refusal?.message.startsWith(`${HOSTILE}/${name}/`)).toBe(true);
      expect(refusal?.message).not.toContain(SECRET);
    },
  );
});
