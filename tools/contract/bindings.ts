// What a provider run binds every request to: each parameter the sent operations require, by the value
// the run names (`--param NAME=VALUE`, else CONTRACT_<NAME>), else the spec's own example; and the
// credential of the first security scheme, from CONTRACT_TOKEN. Only what the spec's parameters need is
// asked for, and a parameter with neither a value nor an example is named.
import type { OpenAPIV3 } from "openapi-types";
import { UsageError } from "../shared/cli.js";
import type { Operation } from "./contract-spec.js";

/** One parameter's value for the run, and where it came from. */
export interface Binding {
  name: string;
  value: string;
  from: "--param" | "environment" | "the spec's example";
}

/** The environment variable that names a parameter's value: `owner_id` → CONTRACT_OWNER_ID. */
export function environmentName(parameter: string): string {
  return `CONTRACT_${parameter.toUpperCase().replace(/[^A-Z0-9]/g, "_")}`;
}

/** Every required parameter of the operations, bound; throws UsageError naming those with no value. */
export function parameterBindings(
  operations: readonly Operation[],
  env: Readonly<Record<string, string | undefined>>,
  params: readonly string[],
): Binding[] {
  const given = new Map(params.map(parseParam));
  const bindings = new Map<string, Binding>();
  const missing: string[] = [];
  for (const op of operations) {
    const credentials = new Set(op.security.flat().map((c) => c.name));
    for (const parameter of op.parameters) {
      if (!parameter.required || credentials.has(parameter.name) || bindings.has(parameter.name)) continue;
      const binding = bindingOf(parameter, given, env);
      if (binding) bindings.set(parameter.name, binding);
      else if (!missing.includes(parameter.name)) missing.push(parameter.name);
    }
  }
  if (missing.length > 0) {
    const how = missing.map((name) => `${environmentName(name)} (or --param ${name}=VALUE)`).join(", ");
    throw new UsageError(`the spec gives no example for ${missing.join(", ")}: set ${how}`);
  }
  return [...bindings.values()];
}

function bindingOf(
  parameter: OpenAPIV3.ParameterObject,
  given: Map<string, string>,
  env: Readonly<Record<string, string | undefined>>,
): Binding | undefined {
  const { name } = parameter;
  const fromParam = given.get(name);
  if (fromParam !== undefined) return { name, value: fromParam, from: "--param" };
  const fromEnv = env[environmentName(name)];
  if (fromEnv) return { name, value: fromEnv, from: "environment" };
  const example = exampleOf(parameter);
  return example === undefined ? undefined : { name, value: String(example), from: "the spec's example" };
}

function exampleOf(parameter: OpenAPIV3.ParameterObject): unknown {
  const schema = parameter.schema as OpenAPIV3.SchemaObject | undefined;
  const named = Object.values(parameter.examples ?? {})[0] as OpenAPIV3.ExampleObject | undefined;
  return parameter.example ?? named?.value ?? schema?.example ?? schema?.default;
}

function parseParam(text: string): [string, string] {
  const at = text.indexOf("=");
  if (at <= 0) throw new UsageError(`--param ${text}: give it as NAME=VALUE`);
  return [text.slice(0, at), text.slice(at + 1)];
}

/** The credentials of each operation's first way to authenticate, all given `token`. */
export function credentialBindings(operations: readonly Operation[], token: string): Record<string, string> {
  const names = operations.flatMap((op) => (op.security[0] ?? []).map((c) => c.name));
  return Object.fromEntries(names.map((name) => [name, token]));
}

/** Whether any of the operations needs a credential (it has security and no anonymous alternative). */
export function needsCredentials(operations: readonly Operation[]): boolean {
  return operations.some((op) => op.security.length > 0 && !op.security.some((a) => a.length === 0));
}
