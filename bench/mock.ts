// What the mocks cost: p50 latency under autocannon load and start-up to the first answer, ours
// (`npm run mock`'s code path) against a bare `prism mock` of the same spec and against Steady
// (`@stdy/cli`'s binary), each started as its own process.
import { type ChildProcess, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import autocannon from "autocannon";
import { packageBin, platformBinary } from "../tools/shared/bin.mjs";
import { freePort } from "../tools/shared/net.js";
import { DEFAULT_SPEC } from "../tools/shared/specs.js";
import { median } from "./measure.js";

const PAGE_BODY = JSON.stringify({
  path: "https://bucketName.obs.myhuaweicloud.com/image/test1.jpg",
  tags: { "test-tags": "test-image" },
});
/** The page's example request: PUT of an image's tags, a 200 from every mock. */
export const PAGE_TARGET = "/v1/p/i/image";

function prismCli(): string {
  return packageBin("@stoplight/prism-cli", "prism");
}

/** Steady's native binary, shipped in its platform package (the `steady` script only spawns it). */
function steadyBinary(): string {
  return platformBinary("@stdy/cli", process.platform === "win32" ? "bin/steady.exe" : "bin/steady");
}

export interface MockUnderTest {
  name: string;
  /** The program and its arguments that serve `spec` on 127.0.0.1:`port`. */
  argv: (spec: string, port: number) => [string, ...string[]];
}

export const BARE_PRISM: MockUnderTest = {
  name: "prism mock (CLI)",
  argv: (spec, port) => [
    process.execPath,
    prismCli(),
    "mock",
    spec,
    "--host",
    "127.0.0.1",
    "--port",
    `${port}`,
  ],
};

export const STEADY: MockUnderTest = {
  name: "steady",
  argv: (spec, port) => [steadyBinary(), "-p", `${port}`, "--host", "127.0.0.1", "-q", spec],
};

export const OUR_MOCK: MockUnderTest = {
  name: "npm run mock",
  // The port comes from PORT, as `npm run mock` reads it. Quiet, as Steady runs (`-q`): no line per
  // request; Prism's CLI has no such option and logs each request.
  argv: (spec) => [process.execPath, "tools/mock/run.mjs", "--spec", spec, "--quiet"],
};

export const MOCKS: readonly MockUnderTest[] = [OUR_MOCK, BARE_PRISM, STEADY];

export interface Started {
  child: ChildProcess;
  url: string;
  /** Spawn to first answered request, ms. */
  startupMs: number;
}

/** Spawns `command` on `spec` and waits for a 200 to the page's PUT at `target`. */
export async function start(
  command: MockUnderTest,
  spec = DEFAULT_SPEC,
  target = PAGE_TARGET,
  limitMs = 120_000,
): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const [file, ...args] = command.argv(spec, port);
  const child = spawn(file, args, { stdio: "ignore", env: { ...process.env, PORT: String(port) } });
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + limitMs;
  while (performance.now() < deadline && child.exitCode === null) {
    try {
      const response = await fetch(`${url}${target}`, pagePut());
      await response.text();
      if (response.status === 200) return { child, url, startupMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill("SIGKILL");
  throw new Error(
    `${command.name} did not answer PUT ${target} with 200 within ${limitMs / 1000} s (exit ${child.exitCode})`,
  );
}

function pagePut(): RequestInit {
  return {
    method: "PUT",
    headers: { "Content-Type": "application/json", "X-Auth-Token": "t" },
    body: PAGE_BODY,
  };
}

/** Sends SIGTERM and waits for the exit; SIGKILL if the process is still there after 5 s. */
export async function stopOrKill(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Each command's order in round `run`: rotated, so no mock always goes first. */
function rotated<T>(items: readonly T[], run: number): T[] {
  return items.map((_, i) => items[(i + run) % items.length] as T);
}

/** Start-up of each command, rotating the order, `runs` times each. */
export async function startup(runs: number, commands = MOCKS): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = Object.fromEntries(commands.map((c) => [c.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const command of rotated(commands, run)) {
      const mock = await start(command);
      times[command.name]?.push(mock.startupMs);
      await stopOrKill(mock.child);
    }
  }
  return times;
}

/** Latency under load, ms: the p50 (autocannon counts whole milliseconds) and the mean (finer). */
interface Latency {
  p50: number;
  mean: number;
}

async function loadRun(url: string, target: string, durationS: number): Promise<Latency> {
  const result = await autocannon({
    url: `${url}${target}`,
    ...(pagePut() as { method: "PUT"; headers: Record<string, string>; body: string }),
    connections: 20,
    duration: durationS,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`load run saw ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return { p50: result.latency.p50, mean: result.latency.average };
}

export interface LatencyOptions {
  runs: number;
  durationS: number;
  commands?: readonly MockUnderTest[];
  spec?: string;
  target?: string;
}

/** What a fresh clone has not built yet: the mock's bundle and the operations Prism read from a spec. */
const BUILT = [".build/mock", ".build/operations"];

/**
 * The first start of our mock in a fresh clone (its build caches removed first) beside Prism's CLI,
 * which keeps no cache, `runs` times each, alternating which goes first.
 */
export async function firstStartup(runs: number): Promise<Record<string, number[]>> {
  const commands = [OUR_MOCK, BARE_PRISM];
  const times: Record<string, number[]> = Object.fromEntries(commands.map((c) => [c.name, []]));
  for (let run = 0; run < runs; run++) {
    for (const command of rotated(commands, run)) {
      if (command === OUR_MOCK) for (const dir of BUILT) rmSync(dir, { recursive: true, force: true });
      const mock = await start(command);
      times[command.name]?.push(mock.startupMs);
      await stopOrKill(mock.child);
    }
  }
  return times;
}

/** Latency of each mock under the same load, rotating the order, `runs` rounds: p50s and means. */
export async function latency(
  options: LatencyOptions,
): Promise<Record<keyof Latency, Record<string, number[]>>> {
  const { runs, durationS, commands = MOCKS, spec = DEFAULT_SPEC, target = PAGE_TARGET } = options;
  const running: [MockUnderTest, Started][] = [];
  const byMock = () => Object.fromEntries(commands.map((c) => [c.name, [] as number[]]));
  const measured = { p50: byMock(), mean: byMock() };
  try {
    for (const command of commands) running.push([command, await start(command, spec, target)]);
    for (const [, mock] of running) await loadRun(mock.url, target, 1); // warm-up
    for (let run = 0; run < runs; run++) {
      for (const [command, mock] of rotated(running, run)) {
        const { p50, mean } = await loadRun(mock.url, target, durationS);
        measured.p50[command.name]?.push(p50);
        measured.mean[command.name]?.push(mean);
      }
    }
  } finally {
    await Promise.all(running.map(([, mock]) => stopOrKill(mock.child)));
  }
  return measured;
}

/** Median of the per-run ratios; runs were paired (rotating order), so drift hits both sides. */
export function pairedRatio(
  values: Record<string, number[]>,
  numerator: string,
  denominator: string,
): number {
  const top = values[numerator] ?? [];
  const bottom = values[denominator] ?? [];
  return median(top.map((value, i) => value / (bottom[i] as number)));
}
