// generated/NAME.example-checks.ts: every example in the spec as a const that `satisfies` its
// generated type, so that `tsc` checks each one against the types the client uses.
import type { OpenAPIV3 } from "openapi-types";
import { collectExamples } from "./examples.js";
import { commentText, header, sibling } from "./module-text.js";

export function exampleChecksModule(api: OpenAPIV3.Document, stem: string): string {
  const names = new Set<string>();
  const consts = collectExamples(api).map((example) => {
    const base = example.label.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, "");
    let name = /^[0-9]/.test(base) ? `_${base}` : base;
    for (let n = 2; names.has(name); n++) name = `${base}_${n}`;
    names.add(name);
    const value = JSON.stringify(example.value, null, 2);
    return `/** ${commentText(example.label)} */\nexport const ${name} = ${value} satisfies ${example.type};\n`;
  });
  return `${header(`spec/${stem}.openapi.yaml`, "Every example in the spec, checked by `tsc` against the generated types.")}
import type { components, operations } from ${sibling(stem)};

${consts.join("\n")}
// Keeps both imports used whatever the spec holds.
export type { components, operations };
`;
}
