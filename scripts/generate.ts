// Regenerates generated/ from every spec in spec/ (`npm run generate`), or, with --check, fails
// naming each generated file that no longer matches its spec (`npm run check`).
//
// Per spec `spec/NAME.openapi.yaml` it writes:
//   generated/NAME.ts             types, by openapi-typescript
//   generated/NAME.validators.ts  ajv standalone validators for every operation's parameters,
//                                 request body and responses, plus each operation's method and path
//   generated/NAME.examples.ts    every operation's named request and response examples, typed
//                                 against NAME.ts (what the MSW handlers and the example page serve),
//                                 and the policy both mocks judge requests by: each operation's
//                                 statuses, request media types and `x-mock-answers-violation` mapping
//   generated/NAME.example-checks.ts  every example in the spec (schemas and parameters too) as a
//                                 const that `satisfies` its type, so `tsc` checks each one
import { readdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, relative } from "node:path";
import { parseArgs } from "node:util";
import SwaggerParser from "@apidevtools/swagger-parser";
import standalone from "ajv/dist/standalone/index.js";
import type { OpenAPIV3 } from "openapi-types";
import openapiTS, { astToString, COMMENT_HEADER } from "openapi-typescript";
import { exampleChecksModule } from "./examples.js";
import { operationsOf, specAjv } from "./openapi.js";
import { answersOf } from "./violations.js";

export interface GeneratedFile {
  path: string;
  contents: string;
}

export function specFiles(specDir: string): Promise<string[]> {
  return readdir(specDir).then((names) =>
    names
      .filter((name) => name.endsWith(".openapi.yaml"))
      .sort()
      .map((name) => join(specDir, name)),
  );
}

/**
 * The types module for one spec's text, exactly as generated/NAME.ts holds it. A field with a
 * `default` stays optional: a caller may leave it out, and the service fills it in.
 */
export async function generateTypes(source: string): Promise<string> {
  return (
    COMMENT_HEADER + astToString(await openapiTS(source, { rootTypes: true, defaultNonNullable: false }))
  );
}

/** Everything generated/ should hold for one spec, computed in memory. */
export async function generateFromSpec(specPath: string, outDir: string): Promise<GeneratedFile[]> {
  const stem = basename(specPath, ".openapi.yaml");
  const types = await generateTypes(await readFile(specPath, "utf8"));
  const api = await readSpec(specPath);
  const { validators, examples } = policyModulesOf(api, stem);
  return [
    { path: join(outDir, `${stem}.ts`), contents: types },
    { path: join(outDir, `${stem}.validators.ts`), contents: validators },
    { path: join(outDir, `${stem}.examples.ts`), contents: examples },
    { path: join(outDir, `${stem}.example-checks.ts`), contents: exampleChecksModule(api, stem) },
  ];
}

/** The two modules the mocks judge requests by, as generated/ holds them, for the spec at `specPath`. */
export async function policyModules(specPath: string): Promise<{ validators: string; examples: string }> {
  return policyModulesOf(await readSpec(specPath), basename(specPath, ".openapi.yaml"));
}

function policyModulesOf(api: OpenAPIV3.Document, stem: string): { validators: string; examples: string } {
  return { validators: validatorsModule(api, stem), examples: examplesModule(api, stem) };
}

function readSpec(specPath: string): Promise<OpenAPIV3.Document> {
  // validate() checks the document against the OpenAPI schema and resolves every $ref.
  return SwaggerParser.validate(specPath) as Promise<OpenAPIV3.Document>;
}

interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean; validator: string }[];
  requestBody?: { required: boolean; validator: string };
  responses: { status: string; validator: string }[];
}

function validatorsModule(api: OpenAPIV3.Document, stem: string): string {
  const ajv = specAjv({
    code: { source: true, esm: true, optimize: true },
    // Counts string length in UTF-16 units, so the output imports no ajv runtime: the client ships
    // without ajv. ajv calls the option deprecated but still honours it; its warning is noise here.
    unicode: false,
    logger: { log: console.log, warn: warnUnlessUnicodeNotice, error: console.error },
  });
  const exportsByName: Record<string, string> = {};
  const compile = (name: string, schema: object): string => {
    ajv.addSchema(structuredClone(schema), name);
    exportsByName[name] = name;
    return name;
  };

  const entries: OperationEntry[] = [];
  for (const { path, method, operationId: id, operation: op, parameters: params } of operationsOf(api)) {
    const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
    const bodySchema = body?.content["application/json"]?.schema;
    entries.push({
      operationId: id,
      method,
      path,
      parameters: params.map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required === true,
        validator: compile(`${id}_${p.in}_${safe(p.name)}`, p.schema ?? {}),
      })),
      ...(body && bodySchema
        ? {
            requestBody: { required: body.required === true, validator: compile(`${id}_body`, bodySchema) },
          }
        : {}),
      responses: Object.entries(op.responses).flatMap(([status, response]) => {
        const schema = (response as OpenAPIV3.ResponseObject).content?.["application/json"]?.schema;
        return schema ? [{ status, validator: compile(`${id}_${status}`, schema) }] : [];
      }),
    });
  }

  const code = standalone
    .default(ajv, exportsByName)
    .replace(/^"use strict";/, "")
    .replace(/export const (\w+) = /g, "const $1 = ");
  const table = entries
    .map((e) => {
      const params = e.parameters
        .map(
          (p) => `{ name: ${q(p.name)}, in: ${q(p.in)}, required: ${p.required}, validate: ${p.validator} }`,
        )
        .join(", ");
      const body = e.requestBody
        ? `{ required: ${e.requestBody.required}, validate: ${e.requestBody.validator} }`
        : "undefined";
      const responses = e.responses.map((r) => `${q(r.status)}: ${r.validator}`).join(", ");
      return `  ${e.operationId}: { method: ${q(e.method)}, path: ${q(e.path)}, parameters: [${params}], requestBody: ${body}, responses: { ${responses} } },`;
    })
    .join("\n");

  return `/**
 * This file was auto-generated by scripts/generate.ts from spec/${stem}.openapi.yaml.
 * Do not make direct changes to the file.
 */
// @ts-nocheck -- ajv's standalone output is plain JavaScript; the typed table below is the interface.

${code}

export interface ValidationIssue {
  instancePath: string;
  schemaPath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

export interface Validate {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

export interface OperationContract {
  method: string;
  path: string;
  parameters: readonly { name: string; in: string; required: boolean; validate: Validate }[];
  requestBody: { required: boolean; validate: Validate } | undefined;
  responses: Readonly<Record<string, Validate>>;
}

export const operations: Readonly<Record<${entries.map((e) => q(e.operationId)).join(" | ") || "never"}, OperationContract>> = {
${table}
};
`;
}

/**
 * The named examples in spec order (the mock serves the first one by default), as a typed module:
 * `satisfies` makes the type check prove every example fits the types the client uses. Beside them,
 * the policy of src/mock-policy.ts, with each error example's selectors already parsed.
 */
function examplesModule(api: OpenAPIV3.Document, stem: string): string {
  const entries: string[] = [];
  const policies: string[] = [];
  for (const { path, method, operation: op } of operationsOf(api)) {
    const requestBody = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
    const body = requestBody?.content["application/json"];
    const responses = Object.entries(op.responses).flatMap(([status, response]) => {
      const media = (response as OpenAPIV3.ResponseObject).content?.["application/json"];
      return media?.examples ? [`      ${q(status)}: ${namedValues(media.examples, 6)},`] : [];
    });
    entries.push(
      [
        `  ${op.operationId}: {`,
        `    method: ${q(method)},`,
        `    path: ${q(path)},`,
        `    requestBody: ${body?.examples ? namedValues(body.examples, 4) : "{}"},`,
        "    responses: {",
        ...responses,
        "    },",
        "  },",
      ].join("\n"),
    );
    const answers = answersOf(op).map(({ status, name, selectors }) => {
      const head = `      { status: ${status}, name: ${q(name)}, selectors: [`;
      if (selectors.length === 0) return `${head}] },`;
      const lines = selectors.map((v) => `        { in: ${q(v.in)}, at: ${q(v.at)}, kind: ${q(v.kind)} },`);
      return [head, ...lines, "      ] },"].join("\n");
    });
    policies.push(
      [
        `  ${op.operationId}: {`,
        `    statuses: ${list(Object.keys(op.responses))},`,
        `    requestMediaTypes: ${list(Object.keys(requestBody?.content ?? {}))},`,
        "    answers: [",
        ...answers,
        "    ],",
        "  },",
      ].join("\n"),
    );
  }
  return `/**
 * This file was auto-generated by scripts/generate.ts from spec/${stem}.openapi.yaml.
 * Do not make direct changes to the file.
 */
import type { OperationPolicy } from "../src/mock-policy.js";
import type { operations } from "./${stem}.js";

type JsonOf<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

/** Named examples, by example name, in the order of the spec. */
export type NamedExamples<T> = Readonly<Record<string, T>>;

export interface OperationExamples<Op extends keyof operations> {
  method: string;
  path: string;
  requestBody: NamedExamples<JsonOf<operations[Op]["requestBody"]>>;
  responses: { [Status in keyof operations[Op]["responses"]]?: NamedExamples<JsonOf<operations[Op]["responses"][Status]>> };
}

export const examples = {
${entries.join("\n")}
} satisfies { [Op in keyof operations]: OperationExamples<Op> };

/**
 * What the mocks judge a request by (src/mock-policy.ts): each operation's documented statuses and
 * request media types, and which violations each error example answers (\`x-mock-answers-violation\`).
 */
export const policy = {
${policies.join("\n")}
} satisfies { [Op in keyof operations]: OperationPolicy };
`;
}

function namedValues(
  examples: Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.ExampleObject>,
  indent: number,
): string {
  const values = Object.fromEntries(
    Object.entries(examples).map(([name, example]) => [name, (example as OpenAPIV3.ExampleObject).value]),
  );
  return JSON.stringify(values, null, 2).replaceAll("\n", `\n${" ".repeat(indent)}`);
}

function warnUnlessUnicodeNotice(...args: unknown[]): void {
  if (!String(args[0]).includes("option unicode")) console.warn(...args);
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}

function q(text: string): string {
  return JSON.stringify(text);
}

function list(texts: string[]): string {
  return `[${texts.map(q).join(", ")}]`;
}

/** The command line: `args` as after `tsx scripts/generate.ts`; resolves with the exit code. */
export async function cli(
  args: string[],
  out: (line: string) => void = console.log,
  err: (line: string) => void = console.error,
): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      check: { type: "boolean", default: false },
      spec: { type: "string", default: "spec" },
      out: { type: "string", default: "generated" },
    },
  });
  const specs = await specFiles(values.spec);
  if (specs.length === 0) throw new Error(`no *.openapi.yaml in ${values.spec}/`);
  const files = (await Promise.all(specs.map((s) => generateFromSpec(s, values.out)))).flat();

  if (!values.check) {
    await Promise.all(files.map((f) => writeFile(f.path, f.contents)));
    for (const f of files) out(`wrote ${relative(process.cwd(), f.path)}`);
    return 0;
  }
  const stale: string[] = [];
  for (const f of files) {
    const onDisk = await readFile(f.path, "utf8").catch(() => undefined);
    if (onDisk !== f.contents) stale.push(relative(process.cwd(), f.path));
  }
  if (stale.length > 0) {
    for (const file of stale) err(`stale: ${file} does not match the spec`);
    err("Run `npm run generate` and commit the result.");
    return 1;
  }
  out(`generated/ is up to date with ${specs.length} spec(s)`);
  return 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  cli(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
