// The samples a schema's validator accepts, on a spec nobody here wrote (read from node_modules as
// published), where a composed schema says what it requires in one part and describes it in another.
import { createRequire } from "node:module";
import type { OpenAPIV3 } from "openapi-types";
import { describe, expect, test } from "vitest";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { acceptedSample, DESCRIBES_NOTHING } from "../../../tools/mock/sample.js";

const LEGACY = createRequire(import.meta.url).resolve("@readme/oas-examples/3.0/json/readme-legacy.json");
const hints = { status: 400, describe: DESCRIBES_NOTHING };

describe("acceptedSample on composed request bodies", () => {
  test.for([
    ["an allOf whose second member only requires a field the first describes", "createCategory"],
    ["properties beside oneOf branches that only say which of them are required", "createDoc"],
  ] as const)("finds a body for %s", async ([, operationId]) => {
    const spec = await loadContractSpec(LEGACY);
    const op = spec.operations.find((o) => o.operationId === operationId);
    const schema = op?.requestMedia?.media.schema as OpenAPIV3.SchemaObject | undefined;
    if (!op?.validateBody || !schema) throw new Error(`${operationId} has no JSON body`);
    const accepts = op.validateBody;

    const sample = acceptedSample(schema, hints, (v) => accepts(v) === true);

    expect(sample, JSON.stringify(accepts.errors)).toBeDefined();
    expect(accepts(sample?.value)).toBe(true);
  });
});
