// The type side of test/client/input-names.test.ts: the same names, the same answers.
import { describe, expectTypeOf, test } from "vitest";
import { type CamelCase, camelCase } from "../../src/client/input-names.js";

describe("CamelCase", () => {
  test("agrees with camelCase on underscores, hyphens and what neither touches", () => {
    expectTypeOf<CamelCase<"instance_name">>().toEqualTypeOf<"instanceName">();
    expectTypeOf<CamelCase<"x-trace-id">>().toEqualTypeOf<"xTraceId">();
    expectTypeOf<CamelCase<"mixed_and-dashed">>().toEqualTypeOf<"mixedAndDashed">();
    expectTypeOf<CamelCase<"a__b">>().toEqualTypeOf<"a_B">();
    expectTypeOf<CamelCase<"v_2">>().toEqualTypeOf<"v_2">();
    expectTypeOf<CamelCase<"keep_Upper">>().toEqualTypeOf<"keep_Upper">();
    expectTypeOf<CamelCase<"_leading">>().toEqualTypeOf<"Leading">();
    expectTypeOf<CamelCase<"trailing_">>().toEqualTypeOf<"trailing_">();
    expectTypeOf<CamelCase<string>>().toEqualTypeOf<string>();
    expectTypeOf(camelCase("x-trace-id")).toEqualTypeOf<"xTraceId">();
  });
});
