// The caller's names for the spec's path parameters: the function gives what the type promises.
import { describe, expect, test } from "vitest";
import { camelCase } from "../../src/client/input-names.js";

describe("camelCase", () => {
  test.each([
    ["instance_name", "instanceName"],
    ["x-trace-id", "xTraceId"],
    ["mixed_and-dashed", "mixedAndDashed"],
    ["a__b", "a_B"],
    ["v_2", "v_2"],
    ["keep_Upper", "keep_Upper"],
    ["_leading", "Leading"],
    ["trailing_", "trailing_"],
    ["plain", "plain"],
  ])("%s → %s", (name, expected) => {
    expect(camelCase(name)).toBe(expected);
  });
});
