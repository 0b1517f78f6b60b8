// `tsx bench/generate-stages.ts FILE`: where `npm run generate` spends its time on one spec, stage by
// stage in one process (load, validate, types, validators, operations, examples, example checks, and
// formatting each module), each stage's wall time and output size. Writes nothing.
import { parseArgs } from "node:util";
import { exampleChecksModule } from "../tools/codegen/example-checks-module.js";
import { examplesModule } from "../tools/codegen/examples-module.js";
import { formatGenerated } from "../tools/codegen/format.js";
import { generateTypes } from "../tools/codegen/generate.js";
import { layoutOf } from "../tools/codegen/layout.js";
import { operationsModule } from "../tools/codegen/operations-module.js";
import { validatorsModule } from "../tools/codegen/validators-module.js";
import { loadSpec } from "../tools/shared/load-spec.js";
import { operationsOf } from "../tools/shared/openapi.js";
import { specForTools } from "../tools/shared/spec-for-tools.js";
import { specStem } from "../tools/shared/specs.js";
import { validateSpec } from "../tools/shared/validate-spec.js";

const HELP =
  "Usage: tsx bench/generate-stages.ts FILE\n\nPrints the wall time and output size of each stage of `npm run generate` on the spec FILE.";

async function stages(file: string): Promise<void> {
  let last = performance.now();
  const lap = (stage: string, text?: string) => {
    const now = performance.now();
    const size = text === undefined ? "" : `  ${(text.length / 2 ** 20).toFixed(2)} MiB`;
    console.log(`${stage.padEnd(24)} ${((now - last) / 1000).toFixed(2).padStart(8)} s${size}`);
    last = now;
  };
  const loaded = await loadSpec(file);
  lap("load");
  await validateSpec(loaded);
  lap("validate");
  const api = loaded.dereferenced();
  const forTools = specForTools(loaded).document;
  lap("dereference");
  const names = { source: file, stem: specStem(file) };
  const modules: [string, string][] = [];
  const stage = (kind: string, text: string) => {
    modules.push([kind, text]);
    lap(kind, text);
  };
  stage("types", await generateTypes(forTools));
  const layouts = operationsOf(api).map(layoutOf);
  const validators = validatorsModule(api, layouts, names);
  stage("validators", validators.text);
  stage("operations", operationsModule({ api, layouts, validators: validators.names, ...names }));
  stage("examples", examplesModule(api, names));
  stage("example-checks", exampleChecksModule(api, names.stem));
  for (const [kind, text] of modules) {
    await formatGenerated(`${names.stem}.${kind}.ts`, text);
    lap(`format ${kind}`);
  }
}

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { help: { type: "boolean", short: "h" } },
});
if (values.help) console.log(HELP);
else if (positionals.length !== 1) {
  console.error(`one spec file, please\n\n${HELP}`);
  process.exitCode = 2;
} else await stages(positionals[0] as string);
