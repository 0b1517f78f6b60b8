// The copy of a loaded spec for a tool that reads references itself: every literal value that holds a
// reference out of the document left out, and said where; everything else as loaded.
import { readFile } from "node:fs/promises";
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import { loadSpec } from "../../../tools/shared/load-spec.js";
import { shownPath } from "../../../tools/shared/paths.js";
import { specForTools, withSpecForTools } from "../../../tools/shared/spec-for-tools.js";
import { hostileSpec, placeOf } from "../../support/hostile.js";

describe("specForTools", () => {
  test("leaves out the example values that refer out of the document, and says where they were", async () => {
    const path = hostileSpec("example-ref");
    const loaded = await loadSpec(path);
    const { document, leftOut } = specForTools(loaded);
    const item = document.components?.schemas?.Item as OpenAPIV3.SchemaObject;
    expect(item.example).toBeUndefined();
    const response = document.paths["/items"]?.get?.responses["200"] as OpenAPIV3.ResponseObject;
    const examples = response.content?.["application/json"]?.examples as Record<
      string,
      OpenAPIV3.ExampleObject
    >;
    expect(examples["literal-file"]).toEqual({
      summary: "An example whose value is an object with a $ref key, to a file",
    });
    expect(examples["literal-internal"]?.value).toEqual({ $ref: "#/components/examples/Shared" });
    expect(examples.shared).toEqual({ $ref: "#/components/examples/Shared" });
    expect(leftOut.map((at) => `${shownPath(at.file)}:${at.line}:${at.column}`).sort()).toEqual(
      [placeOf(path, "value:"), placeOf(path, "example:")].sort(),
    );
    expect(loaded.document.components?.schemas?.Item).toHaveProperty("example");
  });

  test("leaves a spec without such values as loaded, and writes it as JSON for the tool", async () => {
    const loaded = await loadSpec("spec/iam.openapi.yaml");
    const forTools = specForTools(loaded);
    expect(forTools).toEqual({ document: loaded.document, leftOut: [] });
    const written = await withSpecForTools(forTools, loaded.file, async (file) => {
      expect(file).toMatch(/iam\.openapi\.json$/);
      return JSON.parse(await readFile(file, "utf8"));
    });
    expect(written).toEqual(loaded.document);
  });
});
