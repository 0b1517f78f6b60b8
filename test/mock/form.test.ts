// A form's fields arrive as text; the mocks read each as the body's schema types it before judging.
import { Ajv } from "ajv";
import { describe, expect, test } from "vitest";
import { typedForm } from "../../src/mock/form.js";

const validate = new Ajv().compile({
  type: "object",
  properties: {
    name: { type: "string" },
    count: { type: "integer" },
    ratio: { type: "number" },
    active: { type: "boolean" },
    ids: { type: "array", items: { type: "integer" } },
    meta: { type: "object", properties: { owner: { type: "string" } } },
    note: { type: ["integer", "null"] },
  },
});

describe("typedForm", () => {
  test("reads each text field as the type its schema gives it: numbers, booleans, lists, JSON objects", () => {
    const form = typedForm(validate, {
      name: "42",
      count: "7",
      ratio: "0.5",
      active: "false",
      ids: "3",
      meta: '{"owner":"ana"}',
      note: "1",
    });

    expect(form).toEqual({
      name: "42",
      count: 7,
      ratio: 0.5,
      active: false,
      ids: [3],
      meta: { owner: "ana" },
      note: 1,
    });
    expect(validate(form)).toBe(true);
  });

  test("types every item of a repeated field", () => {
    expect(typedForm(validate, { ids: ["1", "2", "3"] })).toEqual({ ids: [1, 2, 3] });
  });

  test.for([
    ["count", "seven"],
    ["active", "yes"],
    ["meta", "owner=ana"],
  ])("leaves %s = %j as it came, for the validator to refuse", ([name, text]) => {
    const form = typedForm(validate, { [name as string]: text });

    expect(form).toEqual({ [name as string]: text });
    expect(validate(form)).toBe(false);
  });

  test("does not change the fields it was given", () => {
    const fields = { count: "7" };
    typedForm(validate, fields);
    expect(fields).toEqual({ count: "7" });
  });
});
