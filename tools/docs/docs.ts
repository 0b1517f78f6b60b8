// Writes the API reference (`npm run docs`): one HTML file that Redoc renders from the spec (the copy
// reference.ts makes for the people who call the API: code samples, authentication, mocking), with
// Redoc's script inlined and a Content-Security-Policy that lets it load nothing from the network, so
// it reads the same offline. Redocly's own output goes to stderr; the last line on stdout is the path.
// The spec is loaded by the one loader (a spec it refuses exits 2 naming the file and line), and
// Redocly renders the copy of it for tools, which refers to nothing outside itself.
import { spawn } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { packageBin } from "../shared/bin.mjs";
import { commandFailed, defineCommand, parseCommand } from "../shared/cli.js";
import { loadSpec } from "../shared/load-spec.js";
import { isMain } from "../shared/main.js";
import { specForTools, withSpecForTools } from "../shared/spec-for-tools.js";
import { describePosition } from "../shared/spec-load-error.js";
import { DEFAULT_SPEC } from "../shared/specs.js";
import { referenceCopy } from "./reference.js";

export const DEFAULT_OUT = "docs/index.html";
const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), "docs.hbs");
const CONFIG = join(dirname(fileURLToPath(import.meta.url)), "redocly.yaml");
const PACKAGE_JSON = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "package.json");

// Redoc draws its attribution logo from this CDN at view time, whatever the options; the page shows
// the same words from an inline image instead, so that opening it sends no request.
const CDN = "https://cdn.redoc.ly/";
const LOGO = `data:image/svg+xml,${encodeURIComponent(
  "<svg xmlns='http://www.w3.org/2000/svg' width='64' height='16'><text x='0' y='12' font-family='sans-serif' font-size='12' fill='#555'>Redocly</text></svg>",
)}`;
const OFFLINE_ASSETS: Record<string, string> = {
  [`${CDN}redoc/logo-mini-full.svg`]: LOGO,
  [`${CDN}redoc/logo-mini.svg`]: LOGO,
};

const DOCS = defineCommand({
  name: "npm run docs",
  summary:
    "Writes the API reference: one self-contained HTML file, rendered by Redoc, that loads nothing from the network.",
  options: {
    spec: { type: "string", default: DEFAULT_SPEC, value: "FILE", description: "The spec to render." },
    out: { type: "string", default: DEFAULT_OUT, value: "FILE", description: "The HTML file to write." },
    "allow-remote-refs": {
      type: "boolean",
      default: false,
      description: "Follow $refs to http(s) URLs (to public addresses only).",
    },
  },
  exitCodes: {
    1: "the reference could not be built",
    2: "bad input: an option, or a spec the loader refuses (the message names the file and line)",
  },
});

export interface DocsOptions {
  /** Follow references to http(s) URLs, to public addresses only. */
  allowRemote?: boolean;
  /** Gets a line for each part of the spec the reference leaves out. */
  warn?: (line: string) => void;
}

export function redoclyBin(): string {
  return packageBin("@redocly/cli", "redocly");
}

/**
 * Copies Redocly's output to stderr, less its Node 20 end-of-life notice: Redocly prints it on every
 * run under Node 20, which this package supports (engines >=20.19), and there is nothing to act on.
 */
export function relayWithoutNode20Notice(
  stream: Readable,
  write: (text: string) => void = (text) => process.stderr.write(text),
): Promise<void> {
  const lines = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  let box: string[] | undefined;
  let skipBlank = false;
  lines.on("line", (line) => {
    const edge = line.trim()[0];
    if (box) {
      box.push(line);
      if (edge !== "╚") return;
      const notice = box.some((l) => l.includes("Node.js 20 support is ending"));
      if (!notice) write(`${box.join("\n")}\n`);
      skipBlank = notice;
      box = undefined;
    } else if (edge === "╔") box = [line];
    else if (!(skipBlank && line.trim() === "")) write(`${line}\n`);
    else skipBlank = false;
  });
  return new Promise((done) => lines.once("close", done));
}

/** Replaces each asset Redoc would fetch at view time with its inline copy; fails on one it does not know. */
async function inlineAssets(out: string): Promise<void> {
  let html = await readFile(out, "utf8");
  for (const [url, inline] of Object.entries(OFFLINE_ASSETS)) html = html.replaceAll(url, inline);
  const left = html.indexOf(CDN);
  if (left >= 0) {
    throw new Error(`${out} still loads ${html.slice(left, html.indexOf("`", left))} from the network`);
  }
  await writeFile(out, html);
}

/** Builds the reference and resolves with its absolute path; throws SpecLoadError on a spec refused. */
export async function buildDocs(
  spec = DEFAULT_SPEC,
  out = DEFAULT_OUT,
  { allowRemote = false, warn = (line) => console.error(line) }: DocsOptions = {},
): Promise<string> {
  const loaded = await loadSpec(spec, { allowRemote });
  const forTools = specForTools(loaded);
  for (const at of forTools.leftOut) {
    warn(
      `${describePosition(at)}: left out of the reference: Redocly would read this example as a reference`,
    );
  }
  const { name: packageName } = JSON.parse(await readFile(PACKAGE_JSON, "utf8")) as { name: string };
  const document = referenceCopy(forTools.document, loaded.dereferenced(), { packageName, specFile: spec });
  return withSpecForTools({ ...forTools, document }, spec, (file) => renderDocs(file, out));
}

/** Has Redocly render the spec file `spec` (read by nothing else) into `out`. */
async function renderDocs(spec: string, out: string): Promise<string> {
  const args = [
    redoclyBin(),
    "build-docs",
    spec,
    "--inlineBundle",
    "--template",
    TEMPLATE,
    "--config",
    CONFIG,
    "--output",
    out,
  ];
  const child = spawn(process.execPath, args, {
    stdio: ["ignore", "pipe", "pipe"],
    // Telemetry off also switches off the page's own; the update check would wait on the network.
    env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
  });
  const relayed = Promise.all([child.stdout, child.stderr].map((stream) => relayWithoutNode20Notice(stream)));
  const code = await new Promise<number | null>((done) => child.once("exit", done));
  await relayed;
  if (code !== 0) throw new Error(`redocly build-docs exited with code ${code}`);
  await inlineAssets(out);
  return resolve(out);
}

async function main(): Promise<void> {
  const values = parseCommand(DOCS);
  if (!values) return;
  console.log(await buildDocs(values.spec, values.out, { allowRemote: values["allow-remote-refs"] }));
}

if (isMain(import.meta.url)) {
  main().catch(commandFailed);
}
