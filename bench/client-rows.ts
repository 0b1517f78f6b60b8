// The client's rows: CPU per call against bare openapi-fetch and a hand-written fetch, and per call
// against a local server.
import { clientCpu, loopback, medianOf, medianRatio } from "./client.js";
import { progress } from "./measure.js";
import { ms, type Row } from "./rows.js";

export async function clientRows(runs: number, quick: boolean): Promise<Row[]> {
  const cpuTime = quick ? 250 : 2_000;
  const client = "client (validation on)";
  progress("client CPU: the client vs openapi-fetch vs raw fetch, canned Response");
  const cpu = await clientCpu(runs, cpuTime);
  progress("loopback: the client vs raw fetch against a local node:http server");
  const loop = await loopback(runs, cpuTime);
  return [
    {
      key: "client_cpu_over_openapi_fetch",
      what: "per call, canned Response: client (validation on) ÷ bare openapi-fetch",
      value: medianRatio(cpu, client, "openapi-fetch"),
      goal: "≤ 1.10",
      detail: `${ms(medianOf(cpu, client))} vs ${ms(medianOf(cpu, "openapi-fetch"))}`,
    },
    {
      key: "client_cpu_openapi_fetch_over_raw_fetch",
      what: "per call, canned Response: bare openapi-fetch ÷ hand-written fetch",
      value: medianRatio(cpu, "openapi-fetch", "raw fetch"),
      detail: `${ms(medianOf(cpu, "openapi-fetch"))} vs ${ms(medianOf(cpu, "raw fetch"))}`,
    },
    {
      key: "loopback_client_over_raw_fetch",
      what: "per call, local node:http server: client ÷ hand-written fetch",
      value: medianRatio(loop, client, "raw fetch"),
      detail: `${ms(medianOf(loop, client))} vs ${ms(medianOf(loop, "raw fetch"))} (openapi-fetch ${ms(medianOf(loop, "openapi-fetch"))})`,
    },
  ];
}
