// What a call costs: our client vs bare openapi-fetch vs a hand-written fetch call, first with an
// injected fetch that returns a canned Response but reads the signal and the request body as Node's
// fetch does (CPU only), then with the real fetch against a local node:http server.
import { type ChildProcess, spawn } from "node:child_process";
import createClient from "openapi-fetch";
import { Bench } from "tinybench";
import type { paths } from "../generated/image-search.js";
import { createImageSearchClient } from "../src/client/index.js";
import { median } from "./measure.js";

const ENDPOINT = "https://imagesearch.ap-southeast-1.myhuaweicloud.com";
export const TOKEN = "bench-token";
export const INPUT = {
  instanceName: "test-instance",
  path: "https://bucketName.obs.myhuaweicloud.com/image/test1.jpg",
  tags: { "test-tags": "test-image" },
};
const SUCCESS = '{"result":"Success"}';

type Fetch = typeof globalThis.fetch;

export function contenders(baseUrl: string, fetch: Fetch) {
  const raw = createClient<paths>({ baseUrl, fetch });
  const client = createImageSearchClient({ endpoint: baseUrl, projectId: "p1", token: TOKEN, fetch });
  const { instanceName, ...body } = INPUT;
  return {
    "raw fetch": async () => {
      const response = await fetch(
        `${baseUrl}/v1/${encodeURIComponent("p1")}/${encodeURIComponent(instanceName)}/image`,
        {
          method: "PUT",
          headers: { "Content-Type": "application/json", "X-Auth-Token": TOKEN },
          body: JSON.stringify(body),
        },
      );
      if (!response.ok) throw new Error(`status ${response.status}`);
      await response.json();
    },
    "openapi-fetch": async () => {
      const { error } = await raw.PUT("/v1/{project_id}/{instance_name}/image", {
        params: { path: { project_id: "p1", instance_name: instanceName } },
        headers: { "X-Auth-Token": TOKEN },
        body,
      });
      if (error) throw new Error("error response");
    },
    "client (validation on)": async () => {
      await client.modifyImage(INPUT);
    },
  };
}

export interface PairedMeans {
  /** Mean latency per call, ms, per contender, one entry per round. */
  rounds: Record<string, number>[];
}

/** Runs every contender side by side, `rounds` times, interleaved so drift hits them all alike. */
export async function compare(fns: Record<string, () => Promise<void>>, rounds: number, timeMs: number) {
  const result: PairedMeans = { rounds: [] };
  for (let round = 0; round < rounds; round++) {
    const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs) });
    const names = Object.keys(fns);
    // Rotate the order per round: no contender always runs first (cold) or last (hot).
    for (const name of [...names.slice(round % names.length), ...names.slice(0, round % names.length)]) {
      bench.add(name, fns[name] as () => Promise<void>);
    }
    await bench.run();
    const means: Record<string, number> = {};
    for (const task of bench.tasks) {
      if (task.result.state !== "completed") throw new Error(`${task.name}: ${task.result.state}`);
      means[task.name] = task.result.latency.mean;
    }
    result.rounds.push(means);
  }
  return result;
}

export function medianRatio(measured: PairedMeans, numerator: string, denominator: string): number {
  return median(measured.rounds.map((r) => (r[numerator] as number) / (r[denominator] as number)));
}

export function medianOf(measured: PairedMeans, name: string): number {
  return median(measured.rounds.map((r) => r[name] as number));
}

/**
 * A transport that answers at once with the 200 body but otherwise does what Node's fetch does before
 * and after the network: it builds its own Request from the input and the init (reading every option,
 * the signal included, and following that signal), listens on the signal while the request is under
 * way, consumes the request body, and answers with a Response whose body is a byte stream.
 */
const canned: Fetch = async (input, init) => {
  const request = new Request(input, init);
  const { signal } = request;
  const onAbort = () => {};
  signal.throwIfAborted();
  signal.addEventListener("abort", onAbort, { once: true });
  try {
    if (request.body) await request.arrayBuffer();
    return new Response(streamOf(SUCCESS_BYTES), {
      status: 200,
      headers: { "Content-Type": "application/json" },
    });
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
};

const SUCCESS_BYTES = new TextEncoder().encode(SUCCESS);

/** A body delivered as the network delivers it: pulled, one chunk, then the end. */
function streamOf(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    type: "bytes",
    pull(controller) {
      controller.enqueue(bytes.slice());
      controller.close();
    },
  });
}

export { canned, startLoopbackServer };

export async function clientCpu(rounds: number, timeMs: number) {
  return compare(contenders(ENDPOINT, canned), rounds, timeMs);
}

/** A plain node:http server in its own process, answering every request with the 200 body. */
async function startLoopbackServer(): Promise<{ url: string; child: ChildProcess }> {
  const source = `
    const http = require("node:http");
    const server = http.createServer((req, res) => {
      req.resume();
      req.on("end", () => { res.writeHead(200, { "Content-Type": "application/json" }); res.end(${JSON.stringify(SUCCESS)}); });
    });
    server.keepAliveTimeout = 60000;
    server.listen(0, "127.0.0.1", () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ["-e", source], { stdio: ["ignore", "pipe", "inherit"] });
  const port = await new Promise<string>((resolve) =>
    child.stdout?.once("data", (d: Buffer) => resolve(d.toString().trim())),
  );
  return { url: `http://127.0.0.1:${port}`, child };
}

export async function loopback(rounds: number, timeMs: number) {
  const server = await startLoopbackServer();
  try {
    return await compare(contenders(server.url, globalThis.fetch), rounds, timeMs);
  } finally {
    server.child.kill();
  }
}
