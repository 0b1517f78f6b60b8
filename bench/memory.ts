// Peak memory (RSS) of one client call against a hostile server: an endless 200 body, and a gzip
// bomb (about 300 KiB on the wire, 300 MiB decoded). The server runs in its own process; each call
// runs in a fresh process that samples its own RSS every 5 ms.
//   npx tsx bench/memory.ts                  the client in ./src/client
//   npx tsx bench/memory.ts --src DIR        the client in DIR (e.g. an older checkout's src, before src/client/)
//   --time-limit-ms N                        the call's time limit (default 20 s): where an uncapped body stops
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { resolve } from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    src: { type: "string", default: "src/client" },
    call: { type: "string" },
    url: { type: "string" },
    "time-limit-ms": { type: "string", default: "20000" },
  },
});

const SERVER = `
  const http = require("node:http");
  const zlib = require("node:zlib");
  const bomb = zlib.gzipSync(Buffer.alloc(300 * 1024 * 1024, 0x20), { level: 9 });
  const chunk = Buffer.alloc(64 * 1024, 0x78);
  http.createServer((req, res) => {
    req.resume();
    if (req.url.includes("/gzip-bomb/")) {
      res.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
      return res.end(bomb);
    }
    res.writeHead(200, { "Content-Type": "application/json" });
    res.write('{"result":"Success","padding":"');
    const pump = () => { while (!res.destroyed) if (!res.write(chunk)) return void res.once("drain", pump); };
    pump();
  }).listen(0, "127.0.0.1", function () { console.log(this.address().port + " " + bomb.length); });`;

/** In the child: one call, RSS sampled throughout; prints the baseline and the peak in MiB. */
async function oneCall(fault: string, url: string, src: string, timeLimitMs: number): Promise<void> {
  const { createImageSearchClient } = await import(resolve(src, "index.ts"));
  const client = createImageSearchClient({
    endpoint: url,
    projectId: "p1",
    token: "t",
    retry: false,
    timeoutMs: timeLimitMs,
  });
  const baseline = process.memoryUsage.rss();
  let peak = baseline;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 5);
  const started = performance.now();
  let outcome: string;
  try {
    await client.modifyImage({ instanceName: fault, path: "https://b.obs/x.jpg", tags: {} });
    outcome = "success";
  } catch (error) {
    outcome = (error as Error).name;
  }
  peak = Math.max(peak, process.memoryUsage.rss());
  clearInterval(sampler);
  const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
  console.log(
    JSON.stringify({
      fault,
      outcome,
      ms: Math.round(performance.now() - started),
      baselineMiB: mib(baseline),
      peakMiB: mib(peak),
    }),
  );
}

async function startServer(): Promise<{ url: string; bombBytes: number; child: ChildProcess }> {
  const child = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "pipe", "inherit"] });
  const line = await new Promise<string>((done) =>
    child.stdout?.once("data", (d: Buffer) => done(d.toString().trim())),
  );
  const [port, bombBytes] = line.split(" ");
  return { url: `http://127.0.0.1:${port}`, bombBytes: Number(bombBytes), child };
}

async function main(): Promise<void> {
  if (values.call && values.url) {
    return oneCall(values.call, values.url, values.src, Number(values["time-limit-ms"]));
  }
  const server = await startServer();
  try {
    console.log(
      `client: ${resolve(values.src)}; gzip bomb: ${server.bombBytes} bytes on the wire, 300 MiB decoded`,
    );
    for (const fault of ["endless-200", "gzip-bomb"]) {
      const args = [
        "--import",
        "tsx",
        "bench/memory.ts",
        "--call",
        fault,
        "--url",
        server.url,
        "--src",
        values.src,
      ];
      args.push("--time-limit-ms", values["time-limit-ms"]);
      process.stdout.write(execFileSync(process.execPath, args, { encoding: "utf8" }));
    }
  } finally {
    server.child.kill();
  }
}

await main();
