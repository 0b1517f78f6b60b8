// generated/NAME.operations.ts: each operation's contract (its method, path, parameters, security,
// body and responses, with their validators from NAME.validators.ts), typed with what a client sends
// and gets (from NAME.ts) and documented with the operation's summary and description; the table of
// them all by method name, the spec's servers, and its named schema types.
import type { OpenAPIV3 } from "openapi-types";
import { securityOf } from "../shared/openapi.js";
import { isSuccessStatus, type OperationLayout } from "./layout.js";
import { commentText, docComment, header, key, q, sibling } from "./module-text.js";
import { exportName, methodNames } from "./names.js";
import { SHARED_TYPES } from "./shared-types-module.js";
import type { OperationValidators } from "./validators-module.js";

export interface OperationsModuleInput {
  api: OpenAPIV3.Document;
  layouts: readonly OperationLayout[];
  validators: readonly OperationValidators[];
  source: string;
  stem: string;
}

export function operationsModule({ api, layouts, validators, source, stem }: OperationsModuleInput): string {
  const methods = methodNames(layouts.map((l) => l.at.operationId));
  const exports = uniqueExports(methods);
  const securities = new Map<string, string>();
  const contracts = layouts.map((layout, i) =>
    contractDeclaration(api, layout, validators[i] as OperationValidators, {
      method: methods[i] as string,
      exported: exports[i] as string,
      securities,
    }),
  );
  const hasSchemas = Object.keys(api.components?.schemas ?? {}).length > 0;
  return `${header(source)}
import type { ${hasSchemas ? "components, " : ""}paths } from ${sibling(stem)};
import type { Credential, OperationContract } from ${sibling(SHARED_TYPES)};
import * as v from ${sibling(`${stem}.validators`)};

/** The spec's named schemas, by name. */
export type Schemas = ${hasSchemas ? `components["schemas"]` : "Record<never, never>"};
/** One named schema of the spec, e.g. \`Schema<${commentText(q(Object.keys(api.components?.schemas ?? {})[0] ?? "Name"))}>\`. */
export type Schema<Name extends keyof Schemas> = Schemas[Name];

/** The spec's server URLs, each variable at its default. */
export const servers: readonly string[] = ${JSON.stringify(serverUrls(api))};

/** The answers by which the service refuses a credential (the spec's \`x-credential-refusals\`). */
export const credentialRefusals: readonly { readonly status: number; readonly body: Readonly<Record<string, unknown>> }[] = ${JSON.stringify(credentialRefusalsOf(api))};

${[...securities].map(([json, name]) => `const ${name}: readonly (readonly Credential[])[] = ${json};`).join("\n")}

${contracts.join("\n\n")}

/** Every operation of the spec, by the name of the client's method for it. */
export type Operations = {
${layouts.map((l, i) => `${docComment(summaryOf(l.at.operation), 2)}  readonly ${key(methods[i] as string)}: typeof ${exports[i]};`).join("\n")}
};

export const operations: Operations = {
${methods.map((m, i) => (m === exports[i] ? `  ${key(m)},` : `  ${key(m)}: ${exports[i]},`)).join("\n")}
};
`;
}

/** Each method's export name, unique in the module. */
function uniqueExports(methods: readonly string[]): string[] {
  const taken = new Set(methods);
  return methods.map((m) => {
    let name = exportName(m);
    for (let n = 2; name !== m && taken.has(name); n++) name = `${exportName(m)}${n}`;
    taken.add(name);
    return name;
  });
}

/** The operation's summary and description, as its JSDoc says them. */
function summaryOf(operation: OpenAPIV3.OperationObject): string {
  return [operation.summary, operation.description].filter(Boolean).join("\n\n");
}

/** The server URLs, each variable at its default. */
export function serverUrls(api: OpenAPIV3.Document): string[] {
  return (api.servers ?? []).map((server) =>
    server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole),
  );
}

/** One operation's contract as an export of its own, documented and typed. */
function contractDeclaration(
  api: OpenAPIV3.Document,
  layout: OperationLayout,
  validators: OperationValidators,
  names: { method: string; exported: string; securities: Map<string, string> },
): string {
  const { operationId, method, path } = layout.at;
  const { securities } = names;
  const security = JSON.stringify(securityOf(api, layout.at.operation));
  if (!securities.has(security)) securities.set(security, `security_${securities.size}`);
  const fields = [
    `name: ${q(names.method)}`,
    `operationId: ${q(operationId)}`,
    `method: ${q(method)}`,
    `path: ${q(path)}`,
    `parameters: [${layout.parameters.map((p, i) => parameterContract(p, validators.parameters[i] as string)).join(", ")}]`,
    `security: ${securities.get(security)}`,
    `requestBody: ${bodyContract(layout, validators.body)}`,
    `responses: { ${layout.responses.map((r) => `${q(r.status)}: ${responseContract(r.kind, validators.responses[r.status])}`).join(", ")} }`,
    ...(layout.idempotent === undefined
      ? []
      : [`idempotent: ${validators.idempotent ? `v.${validators.idempotent}` : layout.idempotent}`]),
  ];
  return `${docComment(summaryOf(layout.at.operation))}export const ${names.exported}: OperationContract<${q(names.method)}, ${shapeType(layout)}> = {
  ${fields.join(",\n  ")},
};`;
}

function parameterContract(p: OperationLayout["parameters"][number], validator: string): string {
  const { parameter } = p;
  const defaultStyle = p.in === "query" || p.in === "cookie" ? "form" : "simple";
  const style =
    parameter.style !== undefined && parameter.style !== defaultStyle ? parameter.style : undefined;
  // Each style's own default: only form explodes unless told.
  const defaultExplode = (parameter.style ?? defaultStyle) === "form";
  const explode = parameter.explode !== undefined && parameter.explode !== defaultExplode;
  const extras = [
    ...(p.shape ? [`shape: ${q(p.shape)}`] : []),
    ...(p.json ? ["json: true"] : []),
    ...(style ? [`style: ${q(style)}`] : []),
    ...(explode ? [`explode: ${parameter.explode}`] : []),
    ...(parameter.allowReserved ? ["allowReserved: true"] : []),
  ];
  return `{ ${[`name: ${q(parameter.name)}`, `in: ${q(p.in)}`, `input: ${q(p.input)}`, `required: ${parameter.required === true}`, `validate: v.${validator}`, ...extras].join(", ")} }`;
}

function bodyContract(layout: OperationLayout, validator: string | undefined): string {
  const { body } = layout;
  if (!body) return "undefined";
  const fields = [
    `required: ${body.required}`,
    `mediaType: ${q(body.mediaType)}`,
    `input: ${q(body.input)}`,
    ...(validator ? [`validate: v.${validator}`] : []),
  ];
  return `{ ${fields.join(", ")} }`;
}

function responseContract(kind: "json" | "empty" | "text", validator: string | undefined): string {
  return kind === "json" && validator ? `v.${validator}` : q(kind === "json" ? "text" : kind);
}

/** The operation's types: its input by name, its result, and its error bodies by status. */
function shapeType(layout: OperationLayout): string {
  const op = `paths[${q(layout.at.path)}][${q(layout.at.method)}]`;
  const params = layout.parameters.map((p) => {
    const type = `NonNullable<${op}["parameters"][${q(p.in)}]>[${q(p.parameter.name)}]`;
    return `${docComment(p.parameter.description, 4)}    ${key(p.input)}${p.parameter.required ? "" : "?"}: ${type};`;
  });
  const input = [`{\n${params.join("\n")}\n  }`, ...bodyType(layout, op)].join(" & ");
  const results = layout.responses.filter((r) => isSuccessStatus(r.status));
  const errors = layout.responses.filter((r) => !isSuccessStatus(r.status));
  const result = results.length > 0 ? results.map((r) => responseType(op, r)).join(" | ") : "unknown";
  const errorMap = errors.map((r) => `${key(r.status)}: ${responseType(op, r)}`).join("; ");
  return `{\n  input: ${input};\n  result: ${result};\n  errors: { ${errorMap} };\n}`;
}

function bodyType(layout: OperationLayout, op: string): string[] {
  const { body } = layout;
  if (!body) return [];
  const type = `NonNullable<${op}["requestBody"]>["content"][${q(body.mediaType)}]`;
  if (body.input === "body") return [`{ body${body.required ? "" : "?"}: ${type} }`];
  return [body.required ? type : `Partial<${type}>`];
}

function responseType(op: string, response: OperationLayout["responses"][number]): string {
  if (response.kind === "empty") return "undefined";
  if (response.kind === "text" || response.mediaType === undefined) return "string";
  return `${op}["responses"][${q(response.status)}]["content"][${q(response.mediaType)}]`;
}

/**
 * The spec's `x-credential-refusals`: each a status and the fields of the error body that, together,
 * mean the service refused the credential (so a token function is asked for a fresh token).
 */
export function credentialRefusalsOf(api: OpenAPIV3.Document): { status: number; body: object }[] {
  const given = (api as { "x-credential-refusals"?: unknown })["x-credential-refusals"];
  if (given === undefined) return [];
  const valid =
    Array.isArray(given) &&
    given.every(
      (r) =>
        typeof r === "object" &&
        r !== null &&
        Number.isInteger(r.status) &&
        typeof r.body === "object" &&
        r.body !== null &&
        !Array.isArray(r.body),
    );
  if (!valid)
    throw new Error("x-credential-refusals must be a list of { status: <integer>, body: <object> }");
  // In one order whatever the spec's, so that the generated module depends on what it says only.
  return (given as { status: number; body: object }[]).map(({ status, body }) => ({
    status,
    body: Object.fromEntries(Object.entries(body).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
  }));
}
