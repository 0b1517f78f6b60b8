// Serves a spec (`npm run mock`; see --help): Prism's HTTP engine in this process, behind the thin
// layer of layer.ts that routes each request once and answers every bad one with the error the spec
// maps to it (by the policy src/mock/policy.ts shares with the MSW handlers). `startMock` is also what
// the contract suite's global setup uses, so both run the same mock. `npm run mock` runs this module
// compiled (tools/mock/run.mjs builds it when its sources change).

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { connect, isIP } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { IHttpOperation } from "@stoplight/types";
import { withControlsEscaped } from "../../src/client/errors/quote.js";
import { DEFAULT_MAX_BODY_BYTES, type Generated } from "../../src/mock/policy.js";
import { UsageError } from "../shared/cli.js";
import { withoutSecrets } from "./credential-secrets.js";

export { loadGenerated } from "./generated-modules.js";

import { createStatefulMock, RESET_PATH, type StatefulMockOptions } from "../../src/mock/stateful.js";
import { packageBin } from "../shared/bin.mjs";
import { isMain } from "../shared/main.js";
import { freePort, listen, listenOnWanted, movedLine, type Served, type WantedPort } from "../shared/net.js";
import { DEFAULT_SPEC } from "../shared/specs.js";
import { createEngine } from "./engine.js";
import { loadGenerated } from "./generated-modules.js";
import { createLayer, type Exchange } from "./layer.js";
import { NothingStatefulError, statefulSummary, statefulTryIt } from "./stateful-startup.js";

const STARTUP_TIMEOUT_MS = 30_000;
const HERE = dirname(fileURLToPath(import.meta.url));
/** The repo's root: this module runs from tools/mock/, or compiled from .build/mock/, both two levels down. */
const ROOT = dirname(dirname(HERE));

export interface MockOptions {
  spec?: string;
  /**
   * The port to serve on; 0 picks a free one (see `url`). As a WantedPort, a default port that is
   * taken gives way to a free one (`movedFrom`), and one the user named is refused with PortInUseError.
   */
  port?: number | WantedPort;
  /** The address to listen on (default 127.0.0.1, loopback only). */
  host?: string;
  /** Serve schema-generated data (with a fixed seed) instead of the spec's examples. */
  dynamic?: boolean;
  /** Answer a response that breaks the spec with Prism's error instead of sending it (`--errors`). */
  errors?: boolean;
  /** Bodies larger than this get the spec's "body too big" answer (default: Prism's own 10 MiB). */
  maxBodyBytes?: number;
  /** Where Prism's own warnings and errors go (default: nowhere). */
  log?: (line: string) => void;
  /** Called once per request with its status and what was wrong with it, if anything. */
  onExchange?: (exchange: Exchange) => void;
  /** Where the spec's generated validators are (default: generated/ for the repo's own specs). */
  generatedDir?: string;
  /** Answer from per-project state (docs/stateful-mock.md) instead of the examples; with its caps. */
  stateful?: boolean | StatefulMockOptions;
}

export interface RunningMock {
  url: string;
  /** The default port it left because that port was taken. */
  movedFrom?: number;
  /** The operations Prism read from the spec, in document order. */
  operations: readonly IHttpOperation[];
  stop(): Promise<void>;
}

export interface RunningPrism {
  process: ChildProcess;
  /** Resolves with Prism's own address once it listens. */
  ready: Promise<URL>;
  stop(): Promise<void>;
}

function prismBin(): string {
  return packageBin("@stoplight/prism-cli", "prism");
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

export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const spec = options.spec ?? DEFAULT_SPEC;
  if (!existsSync(spec)) throw new Error(`no spec at ${spec}`);
  const [engine, generated] = await Promise.all([
    createEngine(spec, {
      ...(options.dynamic ? { dynamic: true, seed: "1" } : {}),
      ...(options.errors ? { errors: true } : {}),
      ...(options.log ? { log: options.log } : {}),
      cache: { dir: join(ROOT, ".build", "operations"), lockfile: join(ROOT, "package-lock.json") },
    }),
    loadGenerated(spec, options.generatedDir),
  ]);
  const layer = createLayer({
    generated,
    engine,
    credentials: Object.values(generated.operations).flatMap((contract) => contract.security.flat()),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    dynamic: options.dynamic === true,
    ...(options.onExchange ? { onExchange: options.onExchange } : {}),
    ...(options.stateful
      ? { stateful: createStatefulMock(generated, options.stateful === true ? {} : options.stateful) }
      : {}),
  });
  const served = await serve(layer, options.port ?? 4010, options.host);
  const stop = () =>
    new Promise<void>((resolve) => {
      layer.close(() => resolve());
      layer.closeAllConnections();
    });
  return { ...served, operations: [...engine.operations.values()], stop };
}

function serve(
  layer: Parameters<typeof listen>[0],
  port: number | WantedPort,
  host?: string,
): Promise<Served> {
  if (typeof port === "object") return listenOnWanted(layer, port, host);
  return listen(layer, port, host).then((url) => ({ url }));
}

/** Whether a listen address only this machine can reach. */
export function isLoopback(host: string): boolean {
  if (host === "localhost") return true;
  if (isIP(host) === 4) return host.startsWith("127.");
  return host === "::1" || host === "::ffff:127.0.0.1";
}

/** A ready-to-paste curl for each operation's first request example, with the headers it needs. */
export function curlExamples(
  operations: readonly IHttpOperation[],
  url: string,
  parameterValue: (name: string) => string | undefined = () => undefined,
): string[] {
  const lines: string[] = [];
  for (const operation of operations) {
    const media = operation.request?.body?.contents?.find((c) => /json/i.test(c.mediaType));
    const example = media?.examples?.[0];
    const body = example && "value" in example ? example.value : undefined;
    const target = operation.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
      encodeURIComponent(
        parameterValue(name) ??
          documentedValue(operation, name) ??
          `my-${name.replace(/[_-]?(?:id|name)$/i, "") || name}`,
      ),
    );
    const credentials = curlCredentials(operation);
    const query = credentials.query.length > 0 ? `?${credentials.query.join("&")}` : "";
    const parts = [
      `curl -sS -X ${operation.method.toUpperCase()} '${url}${target}${query}'`,
      ...credentials.options,
    ];
    if (body !== undefined) {
      parts.push(`-H 'Content-Type: application/json'`, `-d '${JSON.stringify(body)}'`);
    }
    // An operation without an operationId is named by its method and path.
    const name = operation.iid || `${operation.method.toUpperCase()} ${operation.path}`;
    lines.push(`# ${name}: ${operation.summary ?? ""}`, parts.join(" \\\n  "));
  }
  return lines;
}

/** A path parameter's documented example, so that a curl the spec's pattern constrains is accepted. */
function documentedValue(operation: IHttpOperation, name: string): string | undefined {
  const param = operation.request?.path?.find((p) => p.name === name);
  const example = param?.examples?.find((e) => "value" in e);
  const value = example && "value" in example ? example.value : (param?.schema?.examples as unknown[])?.[0];
  return typeof value === "string" || typeof value === "number" ? String(value) : undefined;
}

/**
 * The curl options and query parameters of the operation's first security alternative, each with a
 * stand-in value the mock accepts (it checks that a credential is there, not what it is).
 */
function curlCredentials(operation: IHttpOperation): { options: string[]; query: string[] } {
  const options: string[] = [];
  const query: string[] = [];
  for (const scheme of operation.security?.[0] ?? []) {
    if (scheme.type === "apiKey" && scheme.in === "query")
      query.push(`${encodeURIComponent(scheme.name)}=any-key`);
    else if (scheme.type === "apiKey" && scheme.in === "cookie") options.push(`-b '${scheme.name}=any-key'`);
    else if (scheme.type === "apiKey") options.push(`-H '${scheme.name}: any-token'`);
    else if (scheme.type === "http" && scheme.scheme.toLowerCase() === "basic")
      options.push("-u 'user:password'");
    else options.push("-H 'Authorization: Bearer any-token'");
  }
  return { options, query };
}

/** How to force a documented error, with a status and example name the spec really has. */
export function preferHint(generated: Pick<Generated, "examples">): string | undefined {
  for (const [operationId, { responses }] of Object.entries(generated.examples)) {
    for (const [status, named] of Object.entries(responses)) {
      const name = Object.keys(named ?? {})[0];
      if (/^[45]\d\d$/.test(status) && name) {
        return `Force a documented error with -H 'Prefer: code=${status}, example=${name}' (on ${operationId}; any example name of the status, per operation, in the spec).`;
      }
    }
  }
  return undefined;
}

const USAGE = `Usage: npm run mock -- [options]

Serves an OpenAPI 3.0 spec with Prism's engine behind the layer that answers each bad request as the
spec documents. Any spec works; the repo's own use their generated/ modules, any other is compiled now.

Options:
  --spec FILE   the spec to serve (default ${DEFAULT_SPEC})
  --port N      the port (default: PORT, else 4010, or a free port when 4010 is taken; 0 picks a free one);
                a port you name that is taken is refused
  --host ADDR   the address to listen on (default 127.0.0.1; 0.0.0.0 serves every network, with a warning)
  --dynamic     bodies generated from the schemas, seed 1, instead of the examples (or MOCK_DYNAMIC=1)
  --errors      answer a response that breaks the spec with Prism's problem+json
  --stateful    remember what is created, as the spec's REST shape or x-mock-state says, and list
                per operation what is remembered (docs/stateful-mock.md); POST ${RESET_PATH}
                forgets it (?PARAM=VALUE for one scope). Exits 2 when nothing can be stateful
  --allow-stateless  with --stateful, serve a spec where nothing can be stateful from its examples
  --quiet       no line per request (start-up lines, warnings and errors still print)
  -h, --help    this text

Prefer: code=STATUS, example=NAME (or ?__code=&__example=) picks a documented response.`;

export interface MockCommand {
  spec: string;
  /** The port, named by --port or PORT, or the default 4010 (which gives way when taken). */
  port: WantedPort;
  host: string;
  dynamic: boolean;
  errors: boolean;
  stateful: boolean;
  allowStateless: boolean;
  quiet: boolean;
}

/** The command line, read: a usage error names the bad option. `undefined` means --help was asked. */
export function parseMockArgs(args: string[], env: NodeJS.ProcessEnv = process.env): MockCommand | undefined {
  try {
    return mockCommandOf(args, env);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UsageError(`npm run mock: ${message}. Run \`npm run mock -- --help\` for the options.`);
  }
}

function mockCommandOf(args: string[], env: NodeJS.ProcessEnv): MockCommand | undefined {
  const { values } = parseArgs({
    args,
    options: {
      spec: { type: "string", default: DEFAULT_SPEC },
      port: { type: "string" },
      host: { type: "string", default: "127.0.0.1" },
      dynamic: { type: "boolean", default: env.MOCK_DYNAMIC === "1" },
      errors: { type: "boolean", default: false },
      stateful: { type: "boolean", default: false },
      "allow-stateless": { type: "boolean", default: false },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return undefined;
  const namedBy = values.port !== undefined ? "--port" : env.PORT !== undefined ? "PORT" : undefined;
  const rawPort = values.port ?? env.PORT ?? "4010";
  const number = Number(rawPort);
  if (!/^\d+$/.test(rawPort) || number > 65535) {
    throw new Error(`${namedBy ?? "PORT"} must be a port number (0-65535), got ${rawPort}`);
  }
  const port: WantedPort = namedBy === undefined ? { port: number } : { port: number, namedBy };
  const { spec, host, dynamic, errors, stateful, quiet } = values;
  return { spec, port, host, dynamic, errors, stateful, allowStateless: values["allow-stateless"], quiet };
}

/**
 * The log line of one exchange: the call, its status and why. What a request sent (a key in a
 * violation's message) may hold terminal controls: the line shows them escaped, never acts on them.
 */
export function exchangeLine({ method, url, status, violations, secrets }: Exchange): string {
  const why = violations.map((v) => v.message).join("; ");
  return withControlsEscaped(
    withoutSecrets(`${method} ${url} -> ${status}${why ? ` (${why})` : ""}`, secrets),
  );
}

/** `npm run mock`: serves until SIGINT or SIGTERM; resolves once it serves. */
export async function main(args: string[] = process.argv.slice(2)): Promise<RunningMock | undefined> {
  const command = parseMockArgs(args);
  if (!command) {
    console.log(USAGE);
    return undefined;
  }
  const { spec, port, host, dynamic, errors, stateful } = command;
  const generated = await loadGenerated(spec);
  const summary = stateful ? statefulSummary(spec, generated, command.allowStateless) : [];
  const mock = await startMock({
    spec,
    port,
    host,
    dynamic,
    errors,
    stateful,
    log: (line) => console.error(line),
    ...(command.quiet ? {} : { onExchange: (exchange: Exchange) => console.log(exchangeLine(exchange)) }),
  });
  const moved = movedLine("The mock", mock);
  if (moved) console.log(`\n${moved}`);
  console.log(`\nMock of ${spec} serving at ${mock.url}${dynamic ? " (dynamic data, seed 1)" : ""}`);
  if (!isLoopback(host)) {
    console.warn(
      `Warning: listening on ${host}, beyond loopback: anyone who can reach this machine on port ${new URL(mock.url).port} can call the mock.`,
    );
  }
  for (const line of summary) console.log(line);
  const flow = stateful ? statefulTryIt(generated, mock.operations, mock.url) : [];
  for (const line of flow) console.log(line);
  if (!flow.some((line) => line.startsWith("Try it"))) {
    console.log("Try it:\n");
    for (const line of curlExamples(mock.operations, mock.url)) console.log(line);
  }
  const hint = preferHint(generated);
  if (hint) console.log(`\n${hint}`);
  const shutdown = () => void mock.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
  return mock;
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = error instanceof NothingStatefulError ? 2 : 1;
  });
}
