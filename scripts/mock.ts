// Serves the spec on 127.0.0.1 (`npm run mock`; port from PORT, default 4010): Prism on a private
// port, behind the thin layer of layer.ts that answers every bad request with the error the spec maps
// to it (by the policy src/mock-policy.ts shares with the MSW handlers). `startMock` is also what the contract suite's global setup uses, so both run the same mock.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { connect, createServer as createNetServer } from "node:net";
import { basename, dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3 } from "openapi-types";
import { DEFAULT_MAX_BODY_BYTES, type Generated } from "../src/mock-policy.js";
import { createLayer, type Exchange, listen } from "./layer.js";
import { isMain } from "./main.js";

export const DEFAULT_SPEC = "spec/image-search.openapi.yaml";
const STARTUP_TIMEOUT_MS = 30_000;

export interface MockOptions {
  spec?: string;
  /** The port to serve on; 0 picks a free one (see `url`). */
  port?: number;
  /** Serve schema-generated data (with a fixed seed) instead of the spec's examples. */
  dynamic?: boolean;
  /** Answer a response that breaks the spec with Prism's error instead of sending it (`--errors`). */
  errors?: boolean;
  /** Bodies larger than this get the spec's "body too big" answer (default: Prism's own 10 MiB). */
  maxBodyBytes?: number;
  /** Where Prism's own log goes; by default it is kept and shown only if start-up fails. */
  log?: (chunk: string) => void;
  /** Called once per request with its status and what was wrong with it, if anything. */
  onExchange?: (exchange: Exchange) => void;
  /** Where the spec's generated validators are (default: the repo's generated/). */
  generatedDir?: string;
}

export interface RunningMock {
  url: string;
  /** The Prism process behind the layer. */
  process: ChildProcess;
  stop(): Promise<void>;
}

export interface RunningPrism {
  process: ChildProcess;
  /** Resolves with Prism's own address once it listens. */
  ready: Promise<URL>;
  stop(): Promise<void>;
}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@stoplight/prism-cli/package.json");
  const bin = (require(pkgPath) as { bin: Record<string, string> }).bin.prism;
  if (!bin) throw new Error("@stoplight/prism-cli has no prism bin");
  return join(dirname(pkgPath), bin);
}

/**
 * Runs `prism <args>` on a free loopback port. Prism logs only warnings and errors: its per-request
 * info log costs about as much time as the layer's extra hop, and the layer logs requests itself.
 */
export async function startPrism(args: string[], log?: (chunk: string) => void): Promise<RunningPrism> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismBin(), ...args, "--host", "127.0.0.1", "--port", String(port), "--verboseLevel", "warn"],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } },
  );
  let output = "";
  const onOutput = (chunk: Buffer) => {
    const text = chunk.toString();
    output = (output + text).slice(-20_000);
    log?.(text);
  };
  child.stdout.on("data", onOutput);
  child.stderr.on("data", onOutput);

  let exitCode: number | null | undefined;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      resolve();
    }),
  );
  // Whatever way this process ends, Prism must not outlive it.
  const orphanGuard = () => child.kill("SIGKILL");
  process.once("exit", orphanGuard);
  void exited.then(() => process.off("exit", orphanGuard));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };

  // At warn level Prism prints nothing when it is up, so readiness is its port accepting connections.
  const ready = (async () => {
    const deadline = Date.now() + STARTUP_TIMEOUT_MS;
    while (!(await accepts(port))) {
      if (exitCode !== undefined)
        throw new Error(`Prism exited with code ${exitCode} before it was ready:\n${output}`);
      if (Date.now() > deadline)
        throw new Error(`Prism did not start within ${STARTUP_TIMEOUT_MS} ms:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return new URL(`http://127.0.0.1:${port}`);
  })();
  // Callers await `ready`; this only keeps an early failure from being an unhandled rejection.
  ready.catch(() => undefined);
  return { process: child, ready, stop };
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, "127.0.0.1");
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** The modules generated from the spec: <stem>.validators.ts and <stem>.examples.ts, from the repo's generated/ or `generatedDir`. */
export async function loadGenerated(spec: string, generatedDir?: string): Promise<Generated> {
  const stem = basename(spec, ".openapi.yaml");
  const load = (kind: string) =>
    import(
      (generatedDir
        ? pathToFileURL(join(resolve(generatedDir), `${stem}.${kind}.ts`))
        : new URL(`../generated/${stem}.${kind}.ts`, import.meta.url)
      ).href
    ).catch(() => {
      throw new Error(`no generated/${stem}.${kind}.ts for ${spec}: run npm run generate`);
    }) as Promise<Record<string, unknown>>;
  const [validators, examples] = await Promise.all([load("validators"), load("examples")]);
  return {
    operations: validators.operations,
    examples: examples.examples,
    policy: examples.policy,
  } as Generated;
}

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const spec = options.spec ?? DEFAULT_SPEC;
  const args = ["mock", spec];
  if (options.dynamic) args.push("--dynamic", "--seed", "1");
  if (options.errors) args.push("--errors");
  // Prism starts in its own process while this one reads the generated modules.
  const prism = await startPrism(args, options.log);
  try {
    const layer = createLayer({
      generated: await loadGenerated(spec, options.generatedDir),
      upstream: prism.ready,
      maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
      ...(options.onExchange ? { onExchange: options.onExchange } : {}),
    });
    const url = await listen(layer, options.port ?? 4010);
    const stop = async () => {
      await Promise.all([new Promise((resolve) => layer.close(resolve)), prism.stop()]);
    };
    try {
      await prism.ready;
    } catch (error) {
      await stop();
      throw error;
    }
    return { url, process: prism.process, stop };
  } catch (error) {
    await prism.stop();
    throw error;
  }
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
      errors: { type: "boolean", default: false },
    },
  });
  const port = Number(process.env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be a port number, got ${process.env.PORT}`);
  let started = false;
  const mock = await startMock({
    spec: values.spec,
    port,
    dynamic: values.dynamic,
    errors: values.errors,
    // Prism's start-up lines name its private port; its warnings after that are worth seeing.
    log: (text) => started && process.stdout.write(text),
    onExchange: ({ method, url, status, violations }) => {
      const why = violations.map((v) => v.message).join("; ");
      console.log(`${method} ${url} -> ${status}${why ? ` (${why})` : ""}`);
    },
  });
  started = true;
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

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
