// How the mocks read a request's body as JSON: once per body, strict UTF-8, and refused unparsed past
// the nesting depth the client also bounds.
import { describe, expect, test } from "vitest";
import { MAX_JSON_DEPTH } from "../../src/client/json-depth.js";
import { namesOtherCharset, readJson } from "../../src/mock/body.js";

const nested = (levels: number) => new TextEncoder().encode(`${"[".repeat(levels)}${"]".repeat(levels)}`);

describe("readJson", () => {
  test("reads a body once: the same body gives the same reading", () => {
    const body = new TextEncoder().encode('{"path":"p"}');
    const first = readJson(body);
    expect(first).toEqual({ ok: true, value: { path: "p" } });
    expect(readJson(body)).toBe(first);
  });

  test("accepts nesting up to the client's depth bound and refuses one level more", () => {
    expect(readJson(nested(MAX_JSON_DEPTH)).ok).toBe(true);
    expect(readJson(nested(MAX_JSON_DEPTH + 1))).toEqual({ ok: false, reason: "depth" });
  });

  test("counts no bracket inside a string", () => {
    const text = JSON.stringify({ text: "[".repeat(MAX_JSON_DEPTH + 1) });
    expect(readJson(new TextEncoder().encode(text)).ok).toBe(true);
  });

  test("refuses bytes that are not UTF-8, and a byte-order mark", () => {
    expect(readJson(Uint8Array.of(0x22, 0xff, 0x22))).toEqual({ ok: false, reason: "utf-8" });
    expect(readJson(Uint8Array.of(0xef, 0xbb, 0xbf, 0x31))).toEqual({ ok: false, reason: "syntax" });
  });
});

describe("namesOtherCharset", () => {
  test.for([
    ["application/json", false],
    ["application/json; charset=utf-8", false],
    ['application/json; charset="UTF-8"', false],
    ["application/json;charset=utf8", false],
    ["application/json; charset=utf-16", true],
    ["application/json; charset=iso-8859-1", true],
  ] as const)("%s: %s", ([contentType, other]) => {
    expect(namesOtherCharset(contentType)).toBe(other);
  });
});
