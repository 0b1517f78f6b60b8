// The copy of the spec the reference renders: a curl and a client sample per operation, authentication
// and mocking up front, examples labelled by name, and no prose about the spec's own extensions.
import { describe, expect, test } from "vitest";
import { withoutExtensionProse } from "../../../tools/docs/extension-prose.js";
import { referenceCopy } from "../../../tools/docs/reference.js";
import { loadSpec } from "../../../tools/shared/load-spec.js";
import { operationsOf } from "../../../tools/shared/openapi.js";
import { specForTools } from "../../../tools/shared/spec-for-tools.js";
import { SPEC_PATH } from "../../support/spec.js";

const loaded = await loadSpec(SPEC_PATH);
const copy = referenceCopy(specForTools(loaded).document, loaded.dereferenced(), {
  packageName: "my-package",
  specFile: SPEC_PATH,
});

describe("the reference's copy of the spec", () => {
  const operations = operationsOf(copy);

  test.for(operations.map((at) => [at.operationId, at] as const))(
    "gives %s a curl and a TypeScript client sample",
    ([, at]) => {
      const samples = (at.operation as { "x-codeSamples"?: { label: string; source: string }[] })[
        "x-codeSamples"
      ];
      expect(samples?.map((s) => s.label)).toEqual(["curl", "TypeScript client"]);
      expect(samples?.[0]?.source).toMatch(new RegExp(`^curl -X ${at.method.toUpperCase()} 'https://`));
      expect(samples?.[1]?.source).toContain('import { createClient } from "my-package";');
      expect(samples?.[1]?.source).toContain(`await client.${at.operationId}(`);
    },
  );

  test("opens with authentication and mocking: Prefer and the stateful mode", () => {
    const description = copy.info.description ?? "";
    expect(description).toMatch(/## Authentication[\s\S]*## Mocking/);
    expect(description).toMatch(/-H 'Prefer: code=4\d\d, example=[\w-]+'/);
    expect(description).toContain("--stateful");
  });

  test("holds no x-mock-answers-violation, as a field or in prose", () => {
    expect(JSON.stringify(loaded.document)).toContain("x-mock-answers-violation");
    expect(JSON.stringify(copy)).not.toContain("x-mock-answers-violation");
  });

  test("labels each response example by its name, its summary kept in its description", () => {
    const badRequest = copy.components?.responses?.BadRequest as
      | { content: Record<string, { examples: object }> }
      | undefined;
    const media = badRequest?.content["application/json"];
    for (const [name, example] of Object.entries(media?.examples ?? {})) {
      expect((example as { summary: string }).summary).toBe(name);
    }
  });

  test("leaves the spec's own document as it was", () => {
    expect(loaded.document.info.description).not.toContain("## Mocking");
  });
});

describe("prose about a spec's extensions", () => {
  test("drops a paragraph that opens by naming one, and a sentence elsewhere that names one", () => {
    const text =
      "Kept.\n\n`x-thing` lists kinds. A named field wins.\n\nAlso kept. Same `x-thing` as before. End.";
    expect(withoutExtensionProse(text)).toBe("Kept.\n\nAlso kept. End.");
  });

  test("leaves text that names none as it is", () => {
    expect(withoutExtensionProse("No extension.\n\nNone.")).toBe("No extension.\n\nNone.");
  });
});
