// Serves the example page on its own origin (`npm run example`): esbuild bundles main.ts with the
// client from src/ for the browser and serves it beside index.html. Run directly, it also starts the
// mock, so the page calls across origins as a frontend on a dev server would.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import { startMock } from "../../tools/mock/server.js";
import { defineCommand, parseCommand, UsageError } from "../../tools/shared/cli.js";
import { isMain } from "../../tools/shared/main.js";

const HERE = dirname(fileURLToPath(import.meta.url));

export interface ServedExample {
  url: string;
  stop(): Promise<void>;
}

export async function serveExample(options: { port?: number } = {}): Promise<ServedExample> {
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
  const server = await context.serve({ host: "127.0.0.1", port: options.port ?? 5173, servedir: HERE });
  return { url: `http://127.0.0.1:${server.port}`, stop: () => context.dispose() };
}

const EXAMPLE = defineCommand({
  name: "npm run example",
  summary:
    "Serves the example page on its own origin and starts the mock beside it; open the URL it prints to call\n" +
    "the mock from a browser across origins.",
  options: {},
  environment: {
    PORT: "The mock's port (default: 4010)",
    EXAMPLE_PORT: "The page's port (default: 5173)",
  },
  exitCodes: { 1: "it could not start", 2: "bad command-line input" },
});

async function main(): Promise<void> {
  if (!parseCommand(EXAMPLE)) return;
  // Stateful, for the library flow; the scenarios name their example with Prefer, which state leaves alone.
  const mock = await startMock({ port: Number(process.env.PORT ?? 4010), stateful: true });
  const page = await serveExample({ port: Number(process.env.EXAMPLE_PORT ?? 5173) });
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
