// A discriminated oneOf, on a spec nobody here wrote (read from node_modules as published): the
// validators compiled from it pick the branch by the discriminator's value, as OpenAPI reads it, where
// JSON Schema's oneOf alone refuses every value that two branches both describe.
import { createRequire } from "node:module";
import { beforeAll, describe, expect, test } from "vitest";
import { type ContractSpec, loadContractSpec } from "../../../tools/contract/contract-spec.js";

const SPEC = createRequire(import.meta.url).resolve("@readme/oas-examples/3.0/json/discriminators.json");

describe("the body validator of a discriminated oneOf", () => {
  let spec: ContractSpec;
  beforeAll(async () => {
    spec = await loadContractSpec(SPEC);
  });

  /** The body validator of the operation at `method path`. */
  const validator = (method: string, path: string) => {
    const validate = spec.operations.find((o) => o.method === method && o.path === path)?.validateBody;
    if (!validate) throw new Error(`${method} ${path} has no JSON body`);
    return (value: unknown) => validate(value) === true;
  };

  test.for([
    ["a mapping key", "/discriminator-with-mapping", { discrim: "Option One", optionone: 1 }],
    [
      "a mapping to a bare schema name",
      "/mapping-of-schema-names",
      { discrim: "Option Two", optiontwo: "a" },
    ],
    [
      "the schema's name, without a mapping",
      "/discriminator-with-no-mapping",
      { discrim: "OptionOneNoDisc" },
    ],
    ["a discriminator the branches inherit through allOf", "/embedded-discriminator", { pet_type: "Cat" }],
  ] as const)("accepts a value that selects its branch by %s", ([, path, value]) => {
    expect(validator("patch", path)(value)).toBe(true);
  });

  test.for([
    ["a value no mapping key names", { discrim: "Option Three" }],
    ["a field of the selected branch with the wrong type", { discrim: "Option One", optionone: "one" }],
    ["no discriminator value", { optionone: 1 }],
  ] as const)("refuses %s", ([, value]) => {
    expect(validator("patch", "/discriminator-with-mapping")(value)).toBe(false);
  });
});
