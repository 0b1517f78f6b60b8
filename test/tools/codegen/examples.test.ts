// Types and validators agree on every example in the spec: each passes its schema (ajv, compiled from
// the spec here), and generated/<stem>.example-checks.ts holds each as a const that `satisfies` its
// generated type, so `npm run typecheck` checks it too. A spec whose example contradicts its schema
// fails both, naming the example, and Prism run with --errors refuses to serve it.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { promisify } from "node:util";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, describe, expect, test } from "vitest";
import { operations } from "../../../generated/image-search.operations.js";
import { collectExamples, type SpecExample } from "../../../tools/codegen/examples.js";
import { generateFromSpec } from "../../../tools/codegen/generate.js";
import { loadContractSpec, mediaExamples } from "../../../tools/contract/contract-spec.js";
import { startPrism } from "../../../tools/mock/server.js";
import { localBin } from "../../../tools/shared/bin.mjs";
import { specAjv } from "../../../tools/shared/openapi.js";
import { expectHonestMock } from "../../support/mock-check.js";
import { SPEC_PATH } from "../../support/spec.js";

const BAD = "test/fixtures/bad-example.openapi.yaml";
const run = promisify(execFile);
const ajv = specAjv();

/** The labels of the examples that break their schema, each with what breaks. */
function schemaBreaks(examples: SpecExample[]): string[] {
  return examples.flatMap((example) => {
    const validate = ajv.compile(structuredClone((example.schema ?? {}) as object));
    if (validate(example.value)) return [];
    const where = (validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
    return [`${example.label}: ${where}`];
  });
}

async function examplesOf(path: string): Promise<SpecExample[]> {
  return collectExamples((await SwaggerParser.dereference(path)) as OpenAPIV3.Document);
}

describe(`every example in ${SPEC_PATH}`, async () => {
  const examples = await examplesOf(SPEC_PATH);

  test("includes each named request and response example", () => {
    const labels = examples.map((e) => e.label);
    expect(labels).toContain("modifyImage request example page-example");
    expect(labels).toContain("modifyImage 400 example path-null");
  });

  test.for(examples.map((e) => [e.label, e] as const))("%s passes its schema", ([, example]) => {
    expect(schemaBreaks([example])).toEqual([]);
  });

  test("passes the validators generated into generated/ as well", async () => {
    const spec = await loadContractSpec(SPEC_PATH);
    const failures: string[] = [];
    for (const op of spec.operations) {
      const contract = Object.values(operations).find((c) => c.operationId === op.operationId);
      if (!contract) throw new Error(`no contract for ${op.operationId}`);
      const request = op.requestMedia ? mediaExamples(op.requestMedia.media) : [];
      for (const { name, value } of request) {
        if (!contract.requestBody?.validate?.(value)) failures.push(`${op.operationId} request ${name}`);
      }
      for (const [status, { media }] of Object.entries(op.responses)) {
        for (const { name, value } of mediaExamples(media)) {
          const validate = contract.responses[status];
          if (typeof validate !== "function" || !validate(value))
            failures.push(`${op.operationId} ${status} ${name}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  test("is a typed const in the committed generated/ file", async () => {
    const file = await readFile("generated/image-search.example-checks.ts", "utf8");
    for (const example of examples) expect(file).toContain(`/** ${example.label} */`);
  });
});

describe("a spec whose example contradicts its schema", () => {
  const work = mkdtemp(join(tmpdir(), "examples-"));
  afterAll(async () => rm(await work, { recursive: true, force: true }));

  test("fails the schema check, naming each bad example", async () => {
    expect(schemaBreaks(await examplesOf(BAD))).toEqual([
      "modifyImage request example tag-value-not-a-string: /tags/colour must be string",
      "modifyImage 200 example result-not-a-string: /result must be string",
    ]);
  });

  test("fails tsc on the generated examples, at the const of each bad example", async () => {
    const dir = await work;
    const files = await generateFromSpec(BAD, dir);
    await Promise.all(files.map((f) => writeFile(f.path, f.contents)));
    const examples = files.find((f) => f.path.endsWith(".example-checks.ts"));
    if (!examples) throw new Error("no examples file generated");

    const { code, output } = await run(localBin("tsc"), [
      ...["--noEmit", "--strict", "--exactOptionalPropertyTypes", "--skipLibCheck", "--pretty", "false"],
      ...["--module", "nodenext", "--moduleResolution", "nodenext", examples.path],
    ]).then(
      () => ({ code: 0, output: "" }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );

    expect(code).not.toBe(0);
    const lines = examples.contents.split("\n");
    const failing = [...output.matchAll(/\((\d+),\d+\): error/g)].map(([, line]) => {
      const before = lines.slice(0, Number(line)).reverse();
      return /export const (\w+)/.exec(before.find((l) => l.startsWith("export const")) ?? "")?.[1];
    });
    expect(new Set(failing)).toEqual(
      new Set([
        "modifyImage_request_example_tag_value_not_a_string",
        "modifyImage_200_example_result_not_a_string",
      ]),
    );
    expect(basename(examples.path)).toBe("bad-example.example-checks.ts");
  });

  test("is refused by Prism run with --errors, which the suite's check on the mock catches", async () => {
    const prism = await startPrism(["mock", BAD, "--errors"]);
    try {
      const response = await fetch(new URL("/v1/p/i/image", await prism.ready), {
        method: "PUT",
        headers: { "content-type": "application/json", prefer: "example=result-not-a-string" },
        body: JSON.stringify({ path: "a.jpg", tags: {} }),
      });

      await expect(expectHonestMock(response)).rejects.toThrow(/Prism/);
    } finally {
      await prism.stop();
    }
  });
});
