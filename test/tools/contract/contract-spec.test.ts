// What the contract suite reads from a spec: plain values are judged by their schemas as the generated
// validators judge them.
import { describe, expect, test, vi } from "vitest";
import { schemaAccepts } from "../../../tools/contract/contract-spec.js";

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
