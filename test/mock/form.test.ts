// A form body read into its fields, as fetch writes one: urlencoded and multipart alike.
import { describe, expect, test } from "vitest";
import { readForm } from "../../src/mock/form.js";

/** The body and Content-Type fetch sends for `body`. */
async function sent(body: FormData | URLSearchParams): Promise<[Uint8Array, string]> {
  const request = new Request("http://form.example", { method: "POST", body });
  return [new Uint8Array(await request.arrayBuffer()), request.headers.get("content-type") ?? ""];
}

describe("readForm", () => {
  test("reads a multipart form's fields, a file's bytes as text and a repeated field as a list", async () => {
    const form = new FormData();
    form.append("file", new Blob(["line 1\r\nline 2"]), "notes.txt");
    form.append("tag", "a");
    form.append("tag", "b");

    expect(readForm(...(await sent(form)))).toEqual({ file: "line 1\r\nline 2", tag: ["a", "b"] });
  });

  test("reads an urlencoded form's fields", async () => {
    expect(readForm(...(await sent(new URLSearchParams("size=5&name=a%20b"))))).toEqual({
      size: "5",
      name: "a b",
    });
  });

  test("reads no fields from a body that is not the multipart form its Content-Type says", () => {
    const text = new TextEncoder().encode('{"file":"x"}');

    expect(readForm(text, "multipart/form-data; boundary=xyz")).toBeUndefined();
  });
});
