// The client against an earlier version of itself: `npx tsx bench/client-baseline.ts DIR [ROUNDS]`,
// DIR a checkout of that version (with node_modules). Both clients and bare openapi-fetch run side
// by side, interleaved, on the canned transport and against the loopback server, and each client's
// median ratio over openapi-fetch is printed.
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { canned, compare, contenders, INPUT, medianRatio, startLoopbackServer, TOKEN } from "./client.js";

const [dir, roundsArg] = process.argv.slice(2);
if (!dir) {
  console.error("Usage: npx tsx bench/client-baseline.ts DIR [ROUNDS]   (DIR: a checkout of the baseline)");
  process.exit(2);
}
const rounds = Number(roundsArg ?? 7);
// The client's entry moved to src/client/ with the layout change; earlier checkouts have it in src/.
const entry = ["src/client/index.ts", "src/index.ts"].map((file) => resolve(dir, file)).find(existsSync);
if (!entry) {
  console.error(`${dir} has neither src/client/index.ts nor src/index.ts`);
  process.exit(2);
}
const baseline = await import(pathToFileURL(entry).href);

function sideBySide(baseUrl: string, fetch: typeof globalThis.fetch) {
  const current = contenders(baseUrl, fetch);
  const before = baseline.createImageSearchClient({
    endpoint: baseUrl,
    projectId: "p1",
    token: TOKEN,
    fetch,
  });
  return {
    "openapi-fetch": current["openapi-fetch"],
    after: current["client (validation on)"],
    before: async () => {
      await before.modifyImage(INPUT);
    },
  };
}

function report(label: string, measured: Awaited<ReturnType<typeof compare>>) {
  const ratios = (name: string) =>
    measured.rounds.map((r) => ((r[name] as number) / (r["openapi-fetch"] as number)).toFixed(2));
  console.log(
    `${label}: before ${medianRatio(measured, "before", "openapi-fetch").toFixed(3)} [${ratios("before")}]`,
  );
  console.log(
    `${label}: after  ${medianRatio(measured, "after", "openapi-fetch").toFixed(3)} [${ratios("after")}]`,
  );
}

report(
  "canned   (client ÷ openapi-fetch)",
  await compare(sideBySide("https://imagesearch.example.com", canned), rounds, 2_000),
);
const server = await startLoopbackServer();
try {
  report(
    "loopback (client ÷ openapi-fetch)",
    await compare(sideBySide(server.url, globalThis.fetch), rounds, 2_000),
  );
} finally {
  server.child.kill();
}
