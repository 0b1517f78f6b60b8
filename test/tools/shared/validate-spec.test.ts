// The OpenAPI check after loading: the specs in spec/ and a recursive one pass; a document that breaks
// the OpenAPI schema is refused at the node at fault.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { loadSpec, SpecLoadError } from "../../../tools/shared/load-spec.js";
import { validateSpec } from "../../../tools/shared/validate-spec.js";
import { hostileSpec } from "../../support/hostile.js";

const work = await mkdtemp(join(tmpdir(), "validate-"));
afterAll(() => rm(work, { recursive: true, force: true }));

/** The recursive fixture with `change` made to its parsed document, written to a new file. */
async function changedSpec(name: string, change: (spec: OpenAPIV3.Document) => void): Promise<string> {
  const spec = parse(await readFile(hostileSpec("circular"), "utf8")) as OpenAPIV3.Document;
  change(spec);
  const file = join(work, `${name}.openapi.yaml`);
  await writeFile(file, stringify(spec));
  return file;
}

describe("validateSpec", () => {
  test.each(["spec/image-search.openapi.yaml", "spec/iam.openapi.yaml", hostileSpec("circular")])(
    "passes %s",
    async (path) => {
      await expect(validateSpec(await loadSpec(path))).resolves.toBeUndefined();
    },
  );

  test("refuses an operation without responses at the operation's line", async () => {
    const file = await changedSpec("no-responses", (spec) => {
      const get: Partial<OpenAPIV3.OperationObject> = spec.paths["/trees"]?.get ?? {};
      delete get.responses;
    });
    const error = await validateSpec(await loadSpec(file)).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(SpecLoadError);
    const lines = (await readFile(file, "utf8")).split("\n");
    const get = lines.findIndex((line) => line.trim() === "get:") + 1;
    expect((error as SpecLoadError).line).toBe(get);
    expect((error as SpecLoadError).reason).toContain("not a valid OpenAPI document: /paths/~1trees/get");
  });

  test("refuses a parameter OpenAPI 3 does not have at its line", async () => {
    const file = await changedSpec("body-parameter", (spec) => {
      const get: Partial<OpenAPIV3.OperationObject> = spec.paths["/trees"]?.get ?? {};
      get.parameters = [{ name: "tree", in: "body" }];
    });
    const error = await validateSpec(await loadSpec(file)).catch((thrown: unknown) => thrown);
    const lines = (await readFile(file, "utf8")).split("\n");
    const parameter = lines.findIndex((line) => line.includes("name: tree")) + 1;
    expect((error as SpecLoadError).line).toBe(parameter);
    expect((error as SpecLoadError).reason).toMatch(
      /^not a valid OpenAPI document: \/paths\/~1trees\/get\/parameters\/0/,
    );
  });
});
