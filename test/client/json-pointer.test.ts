// JSON pointers as the client, the mocks and the contract cases name a field at fault.
import { describe, expect, test } from "vitest";
import { escapeSegment, issuePointer, keysOf, unescapeSegment } from "../../src/client/json-pointer.js";

describe("JSON pointers", () => {
  test.for(["plain", "a/b", "a~b", "~1", "/~/"])("a key survives being a segment: %s", (key) => {
    expect(escapeSegment(key)).not.toContain("/");
    expect(unescapeSegment(escapeSegment(key))).toBe(key);
  });

  test("names the keys of a pointer, outermost first, and none for the whole value", () => {
    expect(keysOf("/tags/a~1b/c~0d")).toEqual(["tags", "a/b", "c~d"]);
    expect(keysOf("")).toEqual([]);
  });

  test("points a missing property's issue at the property, and any other issue where ajv does", () => {
    expect(issuePointer({ instancePath: "/tags", params: { missingProperty: "a/b" } })).toBe("/tags/a~1b");
    expect(issuePointer({ instancePath: "/tags/k", params: { type: "string" } })).toBe("/tags/k");
  });
});
