// The generator and the contract-case derivation on what large public specs (GitHub's REST
// description) write and the repo's spec does not: each a change of the parsed base spec.

import { readFileSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { generateFromSpec } from "../../../tools/codegen/generate.js";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { deriveCases } from "../../../tools/contract/derive.js";
import { SPEC_PATH } from "../../support/spec.js";

// biome-ignore lint/suspicious/noExplicitAny: the changes below reach into arbitrary spec nodes
type Spec = Record<string, any>;

const baseSpec: Spec = parse(readFileSync(SPEC_PATH, "utf8"));
const work = await mkdtemp(join(tmpdir(), "generate-public-"));
afterAll(() => rm(work, { recursive: true, force: true }));

const PUT = "/v1/{project_id}/{instance_name}/image";

/** The base spec with modifyImage's body schema changed as public specs write it. */
function publicStyle(): Spec {
  const spec = structuredClone(baseSpec);
  spec.paths[PUT].put.operationId = "images/modify-image";
  const body = spec.components.schemas.ModifyImageRequest;
  body["x-github-breaking-changes"] = [{ changeset: "none" }];
  body.properties.path.format = "uri-template";
  body.properties.note = { nullable: true, description: "Inferred." };
  body.properties.labels = { additionalProperties: { type: "string" }, description: "Inferred." };
  return spec;
}

async function written(spec: Spec, stem: string): Promise<string> {
  const file = join(work, `${stem}.openapi.yaml`);
  await writeFile(file, stringify(spec));
  return file;
}

describe("generate and derive on a public spec's idioms", () => {
  test("an operationId with a slash, an x- keyword, an unknown format, nullable without type and additionalProperties without type compile", async () => {
    const file = await written(publicStyle(), "public");
    const outDir = join(work, "out");
    for (const { path, contents } of await generateFromSpec(file, outDir)) {
      await writeFile(path.replace(outDir, work), contents);
    }
    const { operations } = await import(pathToFileURL(join(work, "public.operations.ts")).href);
    const contract = operations.imagesModifyImage;
    expect(contract.operationId).toBe("images/modify-image");
    expect(contract.path).toBe(PUT);
    const example = { path: "https://example.test/a.jpg", tags: { a: "b" }, note: null, labels: { x: "y" } };
    expect(contract.requestBody.validate(example)).toBe(true);
    expect(contract.requestBody.validate({ ...example, labels: { x: 1 } })).toBe(false);
  }, 120_000);

  test("the contract cases derive from the same spec, with the slashed operationId", async () => {
    const cases = deriveCases(await loadContractSpec(await written(publicStyle(), "public-cases")));
    expect(cases.some((c) => c.operationId === "images/modify-image" && c.kind === "negative")).toBe(true);
  }, 60_000);
});
