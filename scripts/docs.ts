// Writes the API reference (`npm run docs`): one HTML file that Redoc renders from the spec, with
// Redoc's script inlined and a Content-Security-Policy that lets it load nothing from the network, so
// it reads the same offline. Redocly's own output goes to stderr; the last line on stdout is the path.
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { isMain } from "./main.js";
import { DEFAULT_SPEC } from "./mock.js";

export const DEFAULT_OUT = "docs/index.html";
const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), "docs.hbs");

function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  const pkgPath = require.resolve("@redocly/cli/package.json");
  const bin = (require(pkgPath) as { bin: Record<string, string> }).bin.redocly;
  if (!bin) throw new Error("@redocly/cli has no redocly bin");
  return join(dirname(pkgPath), bin);
}

/** Builds the reference and resolves with its absolute path. */
export async function buildDocs(spec = DEFAULT_SPEC, out = DEFAULT_OUT): Promise<string> {
  const args = [redoclyBin(), "build-docs", spec, "--inlineBundle", "--template", TEMPLATE, "--output", out];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", process.stderr, process.stderr],
    // Telemetry off also switches off the page's own; the update check would wait on the network.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  if (code !== 0) throw new Error(`redocly build-docs exited with code ${code}`);
  return resolve(out);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      spec: { type: "string", default: DEFAULT_SPEC },
      out: { type: "string", default: DEFAULT_OUT },
    },
  });
  console.log(await buildDocs(values.spec, values.out));
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  });
}
