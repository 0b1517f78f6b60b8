// How the mocks read a request's body: as JSON once per body, strict UTF-8, and refused unparsed past
// the nesting depth the client also bounds; a form as its fields' text.
import { describe, expect, test } from "vitest";
import { MAX_JSON_DEPTH } from "../../src/client/json-depth.js";
import { formOf, namesOtherCharset, readJson } from "../../src/mock/body.js";

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

describe("formOf", () => {
  const bytes = async (body: BodyInit) => {
    const request = new Request("https://form.example", { method: "POST", body });
    return {
      body: new Uint8Array(await request.arrayBuffer()),
      type: request.headers.get("content-type") ?? "",
    };
  };

  test("reads a urlencoded form's fields, a repeated name as a list", async () => {
    const { body, type } = await bytes(
      new URLSearchParams([
        ["a", "1"],
        ["b", "x y"],
        ["a", "2"],
      ]),
    );
    await expect(formOf(body, type)).resolves.toEqual({ a: ["1", "2"], b: "x y" });
  });

  test("reads a multipart form's fields, a file as its file name", async () => {
    const form = new FormData();
    form.append("name", "ana");
    form.append("spec", new Blob(["openapi: 3.1.0"]), "api.yaml");
    const { body, type } = await bytes(form);
    await expect(formOf(body, type)).resolves.toEqual({ name: "ana", spec: "api.yaml" });
  });

  test("finds no form in a multipart body that is none, nor in a body of another type", async () => {
    const broken = new TextEncoder().encode("not a multipart body");
    await expect(formOf(broken, "multipart/form-data; boundary=x")).resolves.toBeUndefined();
    await expect(formOf(new TextEncoder().encode("a=1"), "application/json")).resolves.toBeUndefined();
  });
});
