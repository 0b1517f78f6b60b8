// What an editor shows on hover over a method: the operation's summary and description, as the
// TypeScript language service reads them from the generated JSDoc (for every spec, through
// createClient, and for the Image Search facade).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import ts from "typescript";
import { describe, expect, test } from "vitest";
import { loadSpec, operationById } from "../support/spec.js";

const APP = resolve("test/client/__hover_app__.ts");

/** The hover text (signature and documentation) of the last `client.METHOD` in `source`. */
function hoverOf(source: string, method: string): string {
  const options: ts.CompilerOptions = {
    ...ts.convertCompilerOptionsFromJson(
      JSON.parse(readFileSync("tsconfig.json", "utf8")).compilerOptions,
      resolve("."),
    ).options,
    noEmit: true,
  };
  const host: ts.LanguageServiceHost = {
    getScriptFileNames: () => [APP],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) =>
      file === APP
        ? ts.ScriptSnapshot.fromString(source)
        : ts.sys.fileExists(file)
          ? ts.ScriptSnapshot.fromString(ts.sys.readFile(file) ?? "")
          : undefined,
    getCurrentDirectory: () => resolve("."),
    getCompilationSettings: () => options,
    getDefaultLibFileName: ts.getDefaultLibFilePath,
    fileExists: (file) => file === APP || ts.sys.fileExists(file),
    readFile: (file) => (file === APP ? source : ts.sys.readFile(file)),
  };
  const service = ts.createLanguageService(host);
  const info = service.getQuickInfoAtPosition(APP, source.lastIndexOf(`client.${method}`) + 8);
  return [...(info?.displayParts ?? []), ...(info?.documentation ?? [])].map((p) => p.text).join("");
}

describe("hover on a method", () => {
  test("shows the operation's summary, on the Image Search client and on createClient's", async () => {
    const summary = operationById(await loadSpec(), "addImage").summary ?? "";
    const facade = `import { createImageSearchClient } from "../../src/client/index.js";
const client = createImageSearchClient({ endpoint: "https://e.example", projectId: "p", token: "t" });
client.addImage;`;
    const generic = `import { createClient } from "../../src/client/index.js";
import { operations } from "../../generated/image-search.operations.js";
const client = createClient(operations, { endpoint: "https://e.example", token: "t" });
client.addImage;`;

    expect(summary).not.toBe("");
    expect(hoverOf(facade, "addImage")).toContain(summary);
    expect(hoverOf(generic, "addImage")).toContain(summary);
  }, 120_000);
});
