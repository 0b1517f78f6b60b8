// Serves the spec with Prism on 127.0.0.1 (`npm run mock`; port from PORT, default 4010).
// `startMock` is also what the contract suite's global setup uses, so both run the same mock.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3 } from "openapi-types";

export const DEFAULT_SPEC = "spec/image-search.openapi.yaml";
const STARTUP_TIMEOUT_MS = 30_000;

export interface MockOptions {
  spec?: string;
  port?: number;
  /** Serve schema-generated data instead of the spec's examples. */
  dynamic?: boolean;
  /** Where Prism's own log goes; by default it is kept and shown only if start-up fails. */
  log?: (chunk: string) => void;
}

export interface RunningMock {
  url: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const bin = (require(pkgPath) as { bin: Record<string, string> }).bin.prism;
  if (!bin) throw new Error("@stoplight/prism-cli has no prism bin");
  return join(dirname(pkgPath), bin);
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const spec = options.spec ?? DEFAULT_SPEC;
  const port = options.port ?? 4010;
  const args = [prismBin(), "mock", spec, "--host", "127.0.0.1", "--port", String(port)];
  if (options.dynamic) args.push("--dynamic", "--seed", "1");
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0" },
  });
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    options.log?.(text);
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);

  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`Prism did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`)),
      STARTUP_TIMEOUT_MS,
    );
    const watch = () => {
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on("data", watch);
    exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`Prism exited with code ${code} before it was ready:\n${output}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, process: child, stop };
}

/** A ready-to-paste curl for each operation's first request example in the spec. */
export async function curlExamples(spec: string, url: string): Promise<string[]> {
  const api = (await SwaggerParser.dereference(spec)) as OpenAPIV3.Document;
  const lines: string[] = [];
  for (const [path, item] of Object.entries(api.paths)) {
    for (const [method, op] of Object.entries(item ?? {})) {
      if (typeof op !== "object" || op === null || !("responses" in op)) continue;
      const operation = op as OpenAPIV3.OperationObject;
      const media = (operation.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content[
        "application/json"
      ];
      const example = media?.example ?? Object.values(media?.examples ?? {})[0];
      const body = example && "value" in example ? example.value : example;
      const target = path.replace("{project_id}", "my-project").replace("{instance_name}", "my-instance");
      const parts = [`curl -sS -X ${method.toUpperCase()} '${url}${target}'`, `-H 'X-Auth-Token: any-token'`];
      if (body !== undefined) {
        parts.push(`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(body)}'`);
      }
      lines.push(`# ${operation.operationId}: ${operation.summary ?? ""}`, parts.join(" \\\n  "));
    }
  }
  return lines;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      spec: { type: "string", default: DEFAULT_SPEC },
      dynamic: { type: "boolean", default: process.env.MOCK_DYNAMIC === "1" },
    },
  });
  const port = Number(process.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  const mock = await startMock({
    spec: values.spec,
    port,
    dynamic: values.dynamic,
    log: (text) => process.stdout.write(text),
  });
  console.log(
    `\nMock of ${values.spec} serving at ${mock.url}${values.dynamic ? " (dynamic data, seed 1)" : ""}`,
  );
  console.log("Try it:\n");
  for (const line of await curlExamples(values.spec, mock.url)) console.log(line);
  console.log(
    "\nForce a documented error with -H 'Prefer: code=400, example=token-empty' (any 400 example name in the spec).",
  );
  let stopping = false;
  const shutdown = () => {
    stopping = true;
    void mock.stop().then(() => process.exit(0));
  };
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  mock.process.once("exit", (code) => {
    if (stopping) return;
    console.error(`Prism exited unexpectedly (${code ?? "signal"})`);
    process.exit(code ?? 1);
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
