// Provider verification (`npm run test:provider`): the contract cases a real server can answer, sent
// to it without any Prefer forcing, each response judged by the spec alone. Every parameter a request
// needs is bound to the value the run names (CONTRACT_<NAME> or --param NAME=VALUE), else the spec's
// own example; the token is sent, never printed. Operations the spec marks
// `x-provider-verification: { skip }` (those that create or delete) are not sent unless
// CONTRACT_INCLUDE_SKIPPED names them; those it marks `{ writes }` only with --allow-writes or
// CONTRACT_ALLOW_WRITES=1: by default the run only reads. It says what it binds and skips, and why,
// before it starts.
import fc from "fast-check";
import type { OpenAPIV3 } from "openapi-types";
import { defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { errorMessage } from "../shared/errors.js";
import { isMain } from "../shared/main.js";
import { credentialUrlProblem } from "../shared/net.js";
import { DEFAULT_SPEC } from "../shared/specs.js";
import { arbitraryFor } from "./arbitrary.js";
import {
  type Binding,
  credentialBindings,
  environmentName,
  needsCredentials,
  parameterBindings,
} from "./bindings.js";
import type { ContractCase } from "./case.js";
import { type ContractSpec, loadContractSpec, type Operation } from "./contract-spec.js";
import { deriveCases } from "./derive.js";
import { type Break, contractBreaks } from "./judge.js";
import { toRequest } from "./send.js";

const SPEC = process.env.CONTRACT_SPEC ?? DEFAULT_SPEC;
const GENERATED_RUNS = Number(process.env.CONTRACT_FC_RUNS ?? 20);
/** Comma-separated operationIds the run sends although the spec marks them skipped. */
const INCLUDE_SKIPPED = "CONTRACT_INCLUDE_SKIPPED";
/** Set to 1 (or pass --allow-writes) to send the operations that change what exists. */
const ALLOW_WRITES = "CONTRACT_ALLOW_WRITES";
/** The most of a response body a run reads; a larger one breaks the contract unread. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

const PROVIDER = defineCommand({
  name: "npm run test:provider",
  summary:
    "Sends the contract cases a real server can answer to the instance named in the environment, without\n" +
    "Prefer forcing, and judges each response by the spec alone. Read-only unless --allow-writes.",
  options: {
    "allow-writes": {
      type: "boolean",
      default: false,
      description: "Also send the operations the spec marks as writes (x-provider-verification: { writes }).",
    },
    param: {
      type: "string",
      multiple: true,
      value: "NAME=VALUE",
      description: "A value for the parameter NAME in every request (as CONTRACT_<NAME> does); repeatable.",
    },
  },
  environment: {
    CONTRACT_BASE_URL: "The server's base URL, e.g. https://api.example.com (required)",
    CONTRACT_TOKEN:
      "The credential of the spec's first security scheme (e.g. an API key or a bearer token), never printed; required when the operations sent need one",
    "CONTRACT_<NAME>":
      "A value for the parameter NAME (upper case, `_` for anything but letters and digits: CONTRACT_OWNER_ID is owner_id); default: the spec's example",
    [INCLUDE_SKIPPED]: "Comma-separated operationIds to send although the spec marks them skipped",
    [ALLOW_WRITES]: "1: the same as --allow-writes",
    CONTRACT_SPEC: `The spec to verify (default: ${DEFAULT_SPEC}, package.json's config.defaultSpec)`,
    CONTRACT_FC_RUNS: "Generated valid requests per operation (default: 20)",
  },
  exitCodes: { 1: "a response breaks the contract", 2: "missing settings or bad command-line input" },
});

export interface ProviderResult {
  id: string;
  breaks: Break[];
}

/** Valid requests generated from each request schema, with a fixed seed so a rerun sends the same. */
function generatedCases(spec: ContractSpec, cases: ContractCase[], runs: number): ContractCase[] {
  return spec.operations.flatMap((op) => {
    const base = cases.find((c) => c.operationId === op.operationId && c.kind === "request" && c.body);
    const schema = op.requestMedia?.media.schema as OpenAPIV3.SchemaObject | undefined;
    if (!base || !schema || runs <= 0) return [];
    return fc.sample(arbitraryFor(schema, op.validateBody), { numRuns: runs, seed: 1 }).map((json, i) => ({
      ...base,
      id: `${op.operationId} generated request #${i + 1}`,
      body: { ...base.body, json },
    }));
  });
}

/** What a run sends, what it binds each request to, and what it leaves out and why. */
interface Plan {
  bindings: Binding[];
  /** The operations the spec marks skipped that the run does not name. */
  skipped: Operation[];
  /** The operations that change what exists, when the run does not allow writes. */
  readOnly: Operation[];
  cases: ContractCase[];
}

/** The run's plan; throws UsageError naming what it needs and is not given (a parameter, the token). */
export function planOf(
  spec: ContractSpec,
  env: Readonly<Record<string, string | undefined>>,
  params: string[] = [],
): Plan {
  const included = new Set((env[INCLUDE_SKIPPED] ?? "").split(",").map((id) => id.trim()));
  const writes = env[ALLOW_WRITES] === "1" || env[ALLOW_WRITES] === "true";
  const skipped = spec.operations.filter((op) => op.providerSkip && !included.has(op.operationId));
  const readOnly = writes ? [] : spec.operations.filter((op) => op.providerWrites);
  const sentOperations = spec.operations.filter((op) => ![...skipped, ...readOnly].includes(op));
  const bindings = parameterBindings(sentOperations, env, params);
  const token = env.CONTRACT_TOKEN ?? "";
  if (!token && needsCredentials(sentOperations)) {
    throw new UsageError("the operations sent need a credential: set CONTRACT_TOKEN");
  }
  const values = {
    ...Object.fromEntries(bindings.map((b) => [b.name, b.value])),
    ...credentialBindings(sentOperations, token),
  };
  const sent = (c: ContractCase) => sentOperations.some((op) => op.operationId === c.operationId);
  const derived = deriveCases(spec, { bindings: values }).filter(sent);
  const cases = [...derived.filter((c) => c.provider), ...generatedCases(spec, derived, GENERATED_RUNS)];
  return { bindings, skipped, readOnly, cases };
}

/** The lines a run starts with: what it sends, where, bound to what, and what it leaves out. */
function announce(plan: Plan, baseUrl: string | undefined, out: (line: string) => void): void {
  const { bindings, skipped, readOnly, cases } = plan;
  const calls = [...new Set(cases.map((c) => `${c.operationId} (${c.method.toUpperCase()} ${c.path})`))];
  out(`Provider verification of ${SPEC} against ${baseUrl}: ${cases.length} cases, no Prefer forcing.`);
  out(`It sends ${calls.join(", ")}.`);
  for (const { name, value, from } of bindings) {
    out(
      `Every request's ${name} is ${JSON.stringify(value)} (from ${from}; ${environmentName(name)} or --param ${name}= sets it).`,
    );
  }
  for (const op of skipped) {
    out(
      `It skips ${op.operationId} (${op.method.toUpperCase()} ${op.path}): ${op.providerSkip}. ${INCLUDE_SKIPPED}=${op.operationId} sends it.`,
    );
  }
  for (const op of readOnly) {
    out(
      `It does not send ${op.operationId} (${op.method.toUpperCase()} ${op.path}): ${op.providerWrites}. --allow-writes (or ${ALLOW_WRITES}=1) sends it.`,
    );
  }
}

/** Sends one case and judges the answer; a request that gets no response breaks the contract too. */
async function judgedCall(
  c: ContractCase,
  op: Operation,
  baseUrl: string,
): Promise<{ breaks: Break[]; excerpt: string }> {
  const { url, init } = toRequest(c, baseUrl, false);
  try {
    // A redirect is reported, never followed (toRequest asks for that): the token would go wherever it points.
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(30_000) });
    const location = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && location !== null) {
      await response.body?.cancel();
      const message = `${response.status}: a redirect to ${location}, not followed`;
      return { breaks: [{ pointer: "status", message }], excerpt: "" };
    }
    const text = await cappedText(response, MAX_BODY_BYTES);
    if (text === undefined) {
      const message = `none read: the body is over ${MAX_BODY_BYTES} bytes`;
      return { breaks: [{ pointer: "response", message }], excerpt: "" };
    }
    const breaks = contractBreaks(op, response.status, response.headers.get("content-type"), text);
    if (c.kind === "negative" && response.status < 300) {
      breaks.push({
        pointer: "status",
        message: `${response.status}: accepted a request the spec forbids`,
      });
    }
    return { breaks, excerpt: text.slice(0, 160).replace(/\s+/g, " ") };
  } catch (error) {
    return {
      breaks: [{ pointer: "response", message: `none: ${errorMessage(error)}` }],
      excerpt: "",
    };
  }
}

/** The response's body as text, or undefined (the rest unread) once it is over `limit` bytes. */
async function cappedText(response: Response, limit: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (let read = await reader?.read(); read && !read.done; read = await reader?.read()) {
    size += read.value.byteLength;
    if (size > limit) {
      await reader?.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(read.value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export async function verifyProvider(
  env: Readonly<Record<string, string | undefined>>,
  print: (line: string) => void,
  params: string[] = [],
): Promise<ProviderResult[]> {
  const token = env.CONTRACT_TOKEN ?? "";
  const redact = (text: string) => (token ? text.replaceAll(token, "<token>") : text);
  const out = (line: string) => print(redact(line));
  const spec = await loadContractSpec(SPEC);
  const plan = planOf(spec, env, params);
  announce(plan, env.CONTRACT_BASE_URL, out);

  const results: ProviderResult[] = [];
  for (const c of plan.cases) {
    const op = spec.operations.find((o) => o.operationId === c.operationId);
    if (!op) continue;
    const { breaks, excerpt } = await judgedCall(c, op, env.CONTRACT_BASE_URL ?? "");
    results.push({ id: c.id, breaks });
    out(`${breaks.length === 0 ? "✓" : "✗"} ${c.id}`);
    for (const b of breaks) out(`    ${b.pointer || "/"} ${b.message}`);
    if (breaks.length > 0 && excerpt) out(`    body: ${excerpt}`);
  }
  const failed = results.filter((r) => r.breaks.length > 0).length;
  out(`${results.length - failed} passed, ${failed} failed`);
  return results;
}

async function main(): Promise<void> {
  const options = parseCommand(PROVIDER);
  if (!options) return;
  const env = { ...process.env };
  if (!env.CONTRACT_BASE_URL)
    throw new UsageError("Set CONTRACT_BASE_URL to run the contract against a real server.");
  const problem = credentialUrlProblem("CONTRACT_BASE_URL", env.CONTRACT_BASE_URL);
  if (problem) throw new UsageError(problem);
  if (options["allow-writes"]) env[ALLOW_WRITES] = "1";
  const results = await verifyProvider(env, (line) => console.log(line), options.param ?? []);
  if (results.some((r) => r.breaks.length > 0)) process.exitCode = 1;
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    const token = process.env.CONTRACT_TOKEN;
    const message = errorMessage(error);
    console.error(token ? message.replaceAll(token, "<token>") : message);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
