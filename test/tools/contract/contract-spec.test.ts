// The spec as the contract cases read it: plain values and bodies are judged by their schemas as the
// generated validators the client and the mocks run on judge them (shown on a spec nobody here wrote,
// read from node_modules as published).
import { createRequire } from "node:module";
import { describe, expect, test, vi } from "vitest";
import { loadContractSpec, schemaAccepts } from "../../../tools/contract/contract-spec.js";
import { deriveCases } from "../../../tools/contract/derive.js";
import { loadGenerated } from "../../../tools/mock/generated-modules.js";

const TYPES = createRequire(import.meta.url).resolve("@readme/oas-examples/3.0/json/schema-types.json");

describe("schemaAccepts", () => {
  test("takes a format as an annotation, as the generated validators do, and says nothing of it", () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      expect(schemaAccepts({ type: "string", format: "date-time" }, "not a date")).toBe(true);
      expect(schemaAccepts({ type: "string", format: "date-time", maxLength: 3 }, "long")).toBe(false);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      warn.mockRestore();
    }
  });
});

test("a body validator counts a string's length as the generated validators do, in UTF-16 units", async () => {
  const spec = await loadContractSpec(TYPES);
  const op = spec.operations.find((o) => o.operationId === "string_formatSupport");
  const request = deriveCases(spec).find(
    (c) => c.operationId === "string_formatSupport" && c.kind === "request",
  );
  const valid = request?.body && "json" in request.body ? (request.body.json as object) : {};
  const { operations } = await loadGenerated(TYPES);
  const generated = Object.values(operations).find((c) => c.operationId === "string_formatSupport");
  const validate = generated?.requestBody?.validate;
  if (!op?.validateBody || !validate) throw new Error("string_formatSupport has no body validator");
  // Twelve characters beyond the Basic Multilingual Plane: 12 code points, 24 UTF-16 units, where the
  // password allows 5 to 20.
  const body = { ...valid, "password (minLength: 5, maxLength: 20)": "😀".repeat(12) };

  expect(op.validateBody(valid)).toBe(true);
  expect(op.validateBody(body)).toBe(validate(body));
});
