// What the mock costs: p50 latency under autocannon load and start-up to the first answer, ours
// (`npm run mock`'s code path) against a bare `prism mock` of the same spec.
import { type ChildProcess, spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import autocannon from "autocannon";
import { freePort } from "../scripts/mock.js";
import { median } from "./measure.js";

const SPEC = "spec/image-search.openapi.yaml";
const PAGE_BODY = JSON.stringify({
  path: "https://bucketName.obs.myhuaweicloud.com/image/test1.jpg",
  tags: { "test-tags": "test-image" },
});

function prismCli(): string {
  const require = createRequire(import.meta.url);
  const pkg = require.resolve("@stoplight/prism-cli/package.json");
  return join(dirname(pkg), (require(pkg) as { bin: { prism: string } }).bin.prism);
}

export interface MockCommand {
  name: string;
  /** argv (after node) that serves SPEC on the given port. */
  args: (port: number) => string[];
}

export const BARE_PRISM: MockCommand = {
  name: "prism mock (CLI)",
  args: (port) => [prismCli(), "mock", SPEC, "--host", "127.0.0.1", "--port", String(port)],
};

export const OUR_MOCK: MockCommand = {
  name: "npm run mock",
  args: () => ["scripts/run-mock.mjs"],
};

interface Started {
  child: ChildProcess;
  url: string;
  /** Spawn to first answered request, ms. */
  startupMs: number;
}

async function start(command: MockCommand): Promise<Started> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, command.args(port), {
    stdio: "ignore",
    env: { ...process.env, PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = started + 60_000;
  while (performance.now() < deadline) {
    try {
      const response = await fetch(`${url}/v1/p/i/image`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "X-Auth-Token": "t" },
        body: PAGE_BODY,
      });
      await response.text();
      if (response.status === 200) return { child, url, startupMs: performance.now() - started };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  child.kill("SIGKILL");
  throw new Error(`${command.name} did not answer within 60 s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
}

/** Start-up of each command, alternating, `runs` times each. */
export async function startup(runs: number): Promise<Record<string, number[]>> {
  const times: Record<string, number[]> = { [BARE_PRISM.name]: [], [OUR_MOCK.name]: [] };
  for (let run = 0; run < runs; run++) {
    for (const command of run % 2 ? [OUR_MOCK, BARE_PRISM] : [BARE_PRISM, OUR_MOCK]) {
      const mock = await start(command);
      times[command.name]?.push(mock.startupMs);
      await stop(mock.child);
    }
  }
  return times;
}

async function p50(url: string, durationS: number): Promise<number> {
  const result = await autocannon({
    url: `${url}/v1/p/i/image`,
    method: "PUT",
    headers: { "Content-Type": "application/json", "X-Auth-Token": "t" },
    body: PAGE_BODY,
    connections: 20,
    duration: durationS,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`load run saw ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return result.latency.p50;
}

/** p50 latency of each mock under the same load, alternating, `runs` rounds. */
export async function latency(runs: number, durationS: number): Promise<Record<string, number[]>> {
  const bare = await start(BARE_PRISM);
  const ours = await start(OUR_MOCK);
  const p50s: Record<string, number[]> = { [BARE_PRISM.name]: [], [OUR_MOCK.name]: [] };
  try {
    for (const mock of [bare, ours]) await p50(mock.url, 1); // warm-up
    for (let run = 0; run < runs; run++) {
      const order: [MockCommand, Started][] = [
        [BARE_PRISM, bare],
        [OUR_MOCK, ours],
      ];
      for (const [command, mock] of run % 2 ? order.reverse() : order) {
        p50s[command.name]?.push(await p50(mock.url, durationS));
      }
    }
  } finally {
    await Promise.all([stop(bare.child), stop(ours.child)]);
  }
  return p50s;
}

/** Median of the per-run ratios; runs were paired (alternating order), so drift hits both sides. */
export function pairedRatio(
  values: Record<string, number[]>,
  numerator: string,
  denominator: string,
): number {
  const top = values[numerator] ?? [];
  const bottom = values[denominator] ?? [];
  return median(top.map((value, i) => value / (bottom[i] as number)));
}
