// The shared types every generated module is typed by, on what specs nobody here wrote generate.
import { expectTypeOf, test } from "vitest";
import type { FallbackAnswer } from "../../../generated/shared-types.js";

test("a fallback answer of a documented error without a JSON body has no value, as examples.ts writes it", () => {
  // What generate writes for an operation whose documented 404 has no body (a published spec has one).
  const fallback = { status: 404, documented: true, describe: [], codes: [] } as const;
  expectTypeOf(fallback).toExtend<FallbackAnswer>();
});
