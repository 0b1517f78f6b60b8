// Serves the example page on its own origin (`npm run example`): esbuild bundles main.ts with the
// client from src/ for the browser and serves it beside index.html. Run directly, it also starts the
// mock, so the page calls across origins as a frontend on a dev server would.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { startMock } from "../../tools/mock/server.js";
import { defineCommand, parseCommand, UsageError } from "../../tools/shared/cli.js";
import { isMain } from "../../tools/shared/main.js";
import { movedLine, portFor, type WantedPort, wantedPort } from "../../tools/shared/net.js";

const HERE = dirname(fileURLToPath(import.meta.url));

export interface ServedExample {
  url: string;
  /** The default port it left because that port was taken. */
  movedFrom?: number;
  stop(): Promise<void>;
}

export async function serveExample(options: { port?: number | WantedPort } = {}): Promise<ServedExample> {
  const context = await esbuild.context({
    entryPoints: [join(HERE, "main.ts")],
    bundle: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    sourcemap: true,
    outdir: join(HERE, "dist"),
    write: false,
    logLevel: "warning",
  });
  // In serve mode the bundle is built on request and kept in memory; nothing is written to dist/.
  const wanted = options.port ?? 5173;
  const chosen = typeof wanted === "number" ? { port: wanted } : await portFor(wanted);
  const server = await context.serve({ host: "127.0.0.1", port: chosen.port, servedir: HERE });
  const url = `http://127.0.0.1:${server.port}`;
  return { url, ...(chosen.movedFrom ? { movedFrom: chosen.movedFrom } : {}), stop: () => context.dispose() };
}

const EXAMPLE = defineCommand({
  name: "npm run example",
  summary:
    "Serves the example page on its own origin and starts the mock beside it; open the URL it prints to call\n" +
    "the mock from a browser across origins.",
  options: {},
  environment: {
    PORT: "The mock's port (default: 4010, or a free one when 4010 is taken; a PORT that is taken is refused)",
    EXAMPLE_PORT: "The page's port (default: 5173, or a free one when 5173 is taken; likewise)",
  },
  exitCodes: { 1: "it could not start", 2: "bad command-line input" },
});

async function main(): Promise<void> {
  if (!parseCommand(EXAMPLE)) return;
  const mockPort = wantedPort("PORT", 4010);
  const pagePort = wantedPort("EXAMPLE_PORT", 5173);
  // Stateful, for the library flow; the scenarios name their example with Prefer, which state leaves alone.
  const mock = await startMock({ port: mockPort, stateful: true });
  const page = await serveExample({ port: pagePort }).catch(async (error: unknown) => {
    await mock.stop();
    throw error;
  });
  for (const line of [movedLine("The mock", mock), movedLine("The page", page, "EXAMPLE_PORT")]) {
    if (line) console.log(line);
  }
  console.log(`Mock at ${mock.url}; open ${page.url}/?mock=${encodeURIComponent(mock.url)}`);
  const stop = () => void Promise.all([page.stop(), mock.stop()]).then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = error instanceof UsageError ? 2 : 1;
  });
}
