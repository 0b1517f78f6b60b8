// generated/NAME.validators.ts: ajv standalone validators for every operation's parameters, request
// body and responses, and the typed table of each operation's method, path, security and validators.
import type { OpenAPIV3 } from "openapi-types";
import {
  type Credential,
  canonicalSchema,
  compilable,
  type OperationAt,
  operationsOf,
  securityOf,
  specAjv,
  withoutAnnotations,
} from "../shared/openapi.js";
import { header, key, q } from "./module-text.js";
import { SHARED_TYPES } from "./shared-types-module.js";
import { standaloneCode } from "./standalone.js";

interface OperationEntry {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean; validator: string }[];
  security: Credential[][];
  requestBody?: { required: boolean; validator: string };
  responses: { status: string; validator: string }[];
}

/** Adds `schema` to the standalone output under `name`; returns the name the table refers to it by. */
type Compile = (name: string, schema: object) => string;

export function validatorsModule(api: OpenAPIV3.Document, stem: string): string {
  const { code, entries } = compiledOperations(api);
  const ids = entries.map((e) => q(e.operationId)).join(" | ") || "never";
  const names = contractNames(code, entries);
  // Operations that take the same credentials (most of a spec's) share one list of them.
  const securities = new Map(
    [...new Set(entries.map((e) => JSON.stringify(e.security)))].map((json, i) => [json, `security_${i}`]),
  );
  return `${header(`spec/${stem}.openapi.yaml`)}
// @ts-nocheck -- ajv's standalone output is plain JavaScript; the typed table below is the interface.
import type { OperationContract } from "./${SHARED_TYPES}.js";

${code}

${entries.map(responsesDeclaration).join("\n")}

/**
 * Each operation's response validators by status, on their own: a module that reads responses only
 * (the IAM token provider) imports this table, and a bundler leaves the request validators out.
 */
export const responses: Readonly<Record<${ids}, OperationContract["responses"]>> = {
${entries.map((e) => `  ${key(e.operationId)}: ${responsesName(e.operationId)},`).join("\n")}
};

${[...securities.entries()].map(([json, name]) => `const ${name}: OperationContract["security"] = ${json};`).join("\n")}

${entries.map((e, i) => contractDeclaration(e, names[i] ?? "", securities)).join("\n")}

export const operations: { readonly [Id in ${ids}]: OperationContract<Id> } = {
${entries.map((e, i) => `  ${key(e.operationId)}: ${names[i]},`).join("\n")}
};
`;
}

/** Every operation's validators, compiled into ajv's standalone code, and what each operation uses. */
function compiledOperations(api: OpenAPIV3.Document): { code: string; entries: OperationEntry[] } {
  const ajv = standaloneAjv(api);
  const exportsByName: Record<string, string> = {};
  // Places whose schemas check the same (every operation's project_id, the error envelope of each
  // error status) share one validator, named after the first of them.
  const byCheck = new Map<string, string>();
  const compile: Compile = (name, schema) => {
    const compiled = compilable(withoutAnnotations(canonicalSchema(schema)) as object);
    const check = JSON.stringify(compiled);
    const known = byCheck.get(check);
    if (known) return known;
    byCheck.set(check, name);
    ajv.addSchema(compiled, name);
    exportsByName[name] = name;
    return name;
  };
  const entries = operationsOf(api).map((at) => operationEntry(api, at, compile));
  return { code: standaloneCode(ajv, exportsByName), entries };
}

function standaloneAjv(api: OpenAPIV3.Document) {
  return specAjv(
    {
      code: { source: true, esm: true, optimize: true },
      // Counts string length in UTF-16 units, so the output imports no ajv runtime: the client ships
      // without ajv. ajv calls the option deprecated but still honours it; its warning is noise here.
      unicode: false,
      logger: { log: console.log, warn: warnUnlessUnicodeNotice, error: console.error },
    },
    api,
  );
}

/** One operation's row of the table, its validators compiled on the way. */
function operationEntry(api: OpenAPIV3.Document, at: OperationAt, compile: Compile): OperationEntry {
  const { path, method, operationId: id, operation: op, parameters: params } = at;
  const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  const bodySchema = body?.content["application/json"]?.schema;
  return {
    operationId: id,
    method,
    path,
    parameters: params.map((p) => ({
      name: p.name,
      in: p.in,
      required: p.required === true,
      validator: compile(`${safe(id)}_${p.in}_${safe(p.name)}`, p.schema ?? {}),
    })),
    security: securityOf(api, op),
    ...(body && bodySchema
      ? {
          requestBody: {
            required: body.required === true,
            validator: compile(`${safe(id)}_body`, bodySchema),
          },
        }
      : {}),
    responses: Object.entries(op.responses).flatMap(([status, response]) => {
      const schema = (response as OpenAPIV3.ResponseObject).content?.["application/json"]?.schema;
      return schema ? [{ status, validator: compile(`${safe(id)}_${safe(status)}`, schema) }] : [];
    }),
  };
}

/**
 * One operation's contract as an export of its own, named by its operationId: an app that imports only
 * some operations' contracts bundles only their validators.
 */
function contractDeclaration(e: OperationEntry, name: string, securities: Map<string, string>): string {
  const params = e.parameters
    .map((p) => `{ name: ${q(p.name)}, in: ${q(p.in)}, required: ${p.required}, validate: ${p.validator} }`)
    .join(", ");
  const body = e.requestBody
    ? `{ required: ${e.requestBody.required}, validate: ${e.requestBody.validator} }`
    : "undefined";
  const security = securities.get(JSON.stringify(e.security));
  const id = q(e.operationId);
  return `export const ${name}: OperationContract<${id}> = { operationId: ${id}, method: ${q(e.method)}, path: ${q(e.path)}, parameters: [${params}], security: ${security}, requestBody: ${body}, responses: ${responsesName(e.operationId)} };`;
}

/**
 * The exports the operations' contracts go by, their operationIds made identifiers; an operationId whose
 * export would clash with another name of the module is refused.
 */
function contractNames(code: string, entries: OperationEntry[]): string[] {
  const names = entries.map((e) => safe(e.operationId));
  names.forEach((name, i) => {
    const clash =
      !/^[A-Za-z_$]/.test(name) ||
      ["operations", "responses"].includes(name) ||
      /^security_\d+$/.test(name) ||
      names.indexOf(name) !== i ||
      new RegExp(`\\b(?:const|let|var|function) ${name}\\b`).test(code);
    if (clash) {
      throw new Error(
        `operationId ${entries[i]?.operationId}: its contract's export, ${name}, clashes with another name of the validators module`,
      );
    }
  });
  return names;
}

function responsesDeclaration(e: OperationEntry): string {
  const responses = e.responses.map((r) => `${q(r.status)}: ${r.validator}`).join(", ");
  return `const ${responsesName(e.operationId)}: OperationContract["responses"] = { ${responses} };`;
}

/** The module-level name of an operation's response validators by status. */
function responsesName(operationId: string): string {
  return `${safe(operationId)}_responses`;
}

function warnUnlessUnicodeNotice(...args: unknown[]): void {
  if (!String(args[0]).includes("option unicode")) console.warn(...args);
}

function safe(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, "_");
}
