// generated/NAME.validators.ts: ajv standalone validators for every operation's parameters, request
// body and responses, each exported under a name of its own, so that a bundler keeps only those of the
// operations an app imports. generated/NAME.operations.ts refers to them by these names.
import type { OpenAPIV3 } from "openapi-types";
import {
  canonicalSchema,
  compilable,
  parameterSchema,
  specAjv,
  withoutAnnotations,
} from "../shared/openapi.js";
import type { OperationLayout } from "./layout.js";
import { commentText, header } from "./module-text.js";
import { standaloneCode } from "./standalone.js";

/** The exported name of each validator an operation uses, by place. */
export interface OperationValidators {
  /** In the order of the layout's parameters. */
  parameters: string[];
  body: string | undefined;
  /** By status, for the responses with a JSON body. */
  responses: Record<string, string>;
  /** The schema of `x-idempotent`'s body, when it has one. */
  idempotent: string | undefined;
}

/** Adds `schema` to the standalone output under a name made from `place`; returns the name it is exported by. */
type Compile = (place: string, schema: object) => string;

export function validatorsModule(
  api: OpenAPIV3.Document,
  layouts: readonly OperationLayout[],
  names: { source: string; stem: string },
): { text: string; names: OperationValidators[] } {
  const compiled = compiledOperations(api, layouts);
  const text = `${header(names.source)}
// @ts-nocheck -- ajv's standalone output is plain JavaScript; ${commentText(`generated/${names.stem}.operations.ts`)} types it.

${compiled.code}
`;
  return { text, names: compiled.names };
}

/** Every operation's validators, compiled into ajv's standalone code, and the names each operation uses. */
function compiledOperations(
  api: OpenAPIV3.Document,
  layouts: readonly OperationLayout[],
): { code: string; names: OperationValidators[] } {
  const ajv = standaloneAjv(api);
  const exportsByName: Record<string, string> = {};
  // Places whose schemas check the same (a path parameter every operation shares, the error envelope of each
  // error status) share one validator, named after the first of them.
  const byCheck = new Map<string, string>();
  const compile: Compile = (place, schema) => {
    const compiled = compilable(withoutAnnotations(canonicalSchema(schema)) as object);
    const check = JSON.stringify(compiled);
    const known = byCheck.get(check);
    if (known) return known;
    const name = uniqueName(place, exportsByName);
    byCheck.set(check, name);
    ajv.addSchema(compiled, name);
    exportsByName[name] = name;
    return name;
  };
  const names = layouts.map((layout) => operationValidators(layout, compile));
  return { code: standaloneCode(ajv, exportsByName), names };
}

/**
 * String length counted in UTF-16 units, so the output imports no ajv runtime: the client ships
 * without ajv. ajv calls the option deprecated but still honours it; its warning is noise here. Any
 * other validator that must agree with the generated ones (the contract cases') counts the same way.
 */
export const GENERATED_LENGTHS = {
  unicode: false,
  logger: { log: console.log, warn: warnUnlessUnicodeNotice, error: console.error },
};

function standaloneAjv(api: OpenAPIV3.Document) {
  return specAjv({ code: { source: true, esm: true, optimize: true }, ...GENERATED_LENGTHS }, api);
}

/** One operation's validators, compiled on the way. */
function operationValidators(layout: OperationLayout, compile: Compile): OperationValidators {
  const id = layout.at.operationId;
  const { body } = layout;
  const responses: Record<string, string> = {};
  for (const response of layout.responses) {
    if (response.kind === "json")
      responses[response.status] = compile(`${id}_${response.status}`, response.schema ?? {});
  }
  return {
    parameters: layout.parameters.map((p) =>
      compile(`${id}_${p.in}_${p.parameter.name}`, parameterSchema(p.parameter) ?? {}),
    ),
    body: body?.schema ? compile(`${id}_body`, body.schema) : undefined,
    responses,
    idempotent:
      typeof layout.idempotent === "object" ? compile(`${id}_idempotent`, layout.idempotent.body) : undefined,
  };
}

/** `place` as an identifier no other validator of the module has. */
function uniqueName(place: string, taken: Record<string, string>): string {
  const safe = place.replace(/[^A-Za-z0-9_]/g, "_");
  const base = /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
  let name = base;
  for (let n = 2; name in taken || /^(?:validate|schema|pattern|func)\d+$/.test(name); n++)
    name = `${base}_${n}`;
  return name;
}

function warnUnlessUnicodeNotice(...args: unknown[]): void {
  if (!String(args[0]).includes("option unicode")) console.warn(...args);
}
