// The code samples the API reference shows for each operation (as Redoc's `x-codeSamples`): a curl
// command and a call through the TypeScript client, both from the spec alone: its first server, each
// parameter's example, the first request example and the operation's credentials.
import type { OpenAPIV3 } from "openapi-types";
import { layoutOf, type OperationLayout } from "../codegen/layout.js";
import { methodNames } from "../codegen/names.js";
import { serverUrls } from "../codegen/operations-module.js";
import { type Credential, type OperationAt, operationsOf, securityOf } from "../shared/openapi.js";
import { specStem } from "../shared/specs.js";

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

/** What the samples name beside the spec: the package that exports createClient, and the spec's file. */
export interface SampleContext {
  packageName: string;
  specFile: string;
}

/** The samples of every operation of a dereferenced spec, by path and method. */
export function codeSamples(api: OpenAPIV3.Document, context: SampleContext): Map<string, CodeSample[]> {
  const operations = operationsOf(api);
  const names = methodNames(operations.map((at) => at.operationId));
  const endpoint = serverUrls(api)[0] ?? "http://127.0.0.1:4010";
  const samples = new Map<string, CodeSample[]>();
  operations.forEach((at, i) => {
    const layout = layoutOf(at);
    const credentials = securityOf(api, at.operation)[0] ?? [];
    samples.set(sampleKey(at.path, at.method), [
      { lang: "Shell", label: "curl", source: curlSample(layout, endpoint, credentials) },
      {
        lang: "TypeScript",
        label: "TypeScript client",
        source: clientSample(layout, names[i] ?? at.operationId, endpoint, credentials, context),
      },
    ]);
  });
  return samples;
}

export function sampleKey(path: string, method: string): string {
  return `${method.toUpperCase()} ${path}`;
}

/** A parameter's value in a sample: its example (or its schema's), else a placeholder naming it. */
function parameterValue(parameter: OpenAPIV3.ParameterObject): unknown {
  const schema = parameter.schema as OpenAPIV3.SchemaObject | undefined;
  const named = Object.values(parameter.examples ?? {})[0] as OpenAPIV3.ExampleObject | undefined;
  const candidates = [parameter.example, named?.value, schema?.example, schema?.default, schema?.enum?.[0]];
  return candidates.find((value) => value !== undefined) ?? `<${parameter.name}>`;
}

/** The first request example of the operation's body, if it has one. */
function bodyExample(at: OperationAt, mediaType: string | undefined): unknown {
  const body = at.operation.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  const media = mediaType ? body?.content[mediaType] : undefined;
  if (!media) return undefined;
  const named = Object.values(media.examples ?? {})[0] as OpenAPIV3.ExampleObject | undefined;
  return media.example ?? named?.value ?? (media.schema as OpenAPIV3.SchemaObject | undefined)?.example;
}

/** A value inside single quotes in a POSIX shell. */
function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** The environment variable a sample reads a credential from. */
function secretVariable(credential: Credential): string {
  return credential.scheme
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .toUpperCase();
}

/** The curl command of one operation, with `extra` headers after its own. */
export function curlSample(
  layout: OperationLayout,
  endpoint: string,
  credentials: Credential[],
  extra: string[] = [],
): string {
  const { at } = layout;
  const values = new Map(layout.parameters.map((p) => [p, parameterValue(p.parameter)]));
  const path = at.path.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const found = layout.parameters.find((p) => p.in === "path" && p.parameter.name === name);
    return found ? encodeURIComponent(String(values.get(found))) : whole;
  });
  const query = new URLSearchParams();
  const lines: string[] = [];
  for (const p of layout.parameters) {
    if (!p.parameter.required) continue;
    if (p.in === "query") query.append(p.parameter.name, String(values.get(p)));
    if (p.in === "header") lines.push(`-H ${shellQuote(`${p.parameter.name}: ${values.get(p)}`)}`);
  }
  for (const credential of credentials) {
    const variable = `$${secretVariable(credential)}`;
    if (credential.in === "header") {
      const value = credential.http === "bearer" ? `Bearer ${variable}` : variable;
      lines.push(`-H "${credential.name}: ${value}"`);
    } else if (credential.in === "query") query.append(credential.name, variable);
    else lines.push(`--cookie "${credential.name}=${variable}"`);
  }
  for (const header of extra) lines.push(`-H ${shellQuote(header)}`);
  const body = layout.body ? bodyExample(at, layout.body.mediaType) : undefined;
  if (layout.body && (body !== undefined || layout.body.required)) {
    const text = typeof body === "string" ? body : JSON.stringify(body ?? {});
    lines.push(`-H ${shellQuote(`Content-Type: ${layout.body.mediaType}`)}`, `-d ${shellQuote(text)}`);
  }
  const search = query.size > 0 ? `?${query.toString().replaceAll("%24", "$")}` : "";
  const url = `${endpoint}${path}${search}`;
  const first = `curl -X ${at.method.toUpperCase()} ${search ? `"${url}"` : shellQuote(url)}`;
  return [first, ...lines].join(" \\\n  ");
}

function clientSample(
  layout: OperationLayout,
  method: string,
  endpoint: string,
  credentials: Credential[],
  context: SampleContext,
): string {
  const input: [string, unknown][] = layout.parameters
    .filter((p) => p.parameter.required)
    .map((p) => [p.input, parameterValue(p.parameter)]);
  const body = layout.body ? bodyExample(layout.at, layout.body.mediaType) : undefined;
  if (body !== undefined && layout.body?.input === "fields" && isRecord(body))
    input.push(...Object.entries(body));
  else if (body !== undefined) input.push(["body", body]);
  const token = credentials.find(
    (c) => c.in !== "header" || c.name.toLowerCase() !== "authorization" || c.http,
  );
  const options = [`  endpoint: ${JSON.stringify(endpoint)},`];
  if (token) options.push(`  token: process.env.${secretVariable(token)} ?? "",`);
  const argument = input.length > 0 ? indentedObject(input) : "";
  return [
    `import { createClient } from ${JSON.stringify(context.packageName)};`,
    `import { operations } from "./generated/${specStem(context.specFile)}.operations.js";`,
    "",
    `const client = createClient(operations, {\n${options.join("\n")}\n});`,
    "",
    `const result = await client.${method}(${argument});`,
  ].join("\n");
}

/** An object literal of `entries`, one per line, as a sample shows it. */
function indentedObject(entries: [string, unknown][]): string {
  const lines = entries.map(([key, value]) => {
    const name = /^[A-Za-z_$][\w$]*$/.test(key) ? key : JSON.stringify(key);
    return `  ${name}: ${JSON.stringify(value, null, 2)?.replaceAll("\n", "\n  ")},`;
  });
  return `{\n${lines.join("\n")}\n}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
