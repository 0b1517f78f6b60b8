// Traffic verification (`npm run verify -- --upstream URL`): Prism in proxy mode in front of a real
// server, behind the same thin layer as the mock, which passes every exchange through unchanged and
// prints what Prism found wrong with it, so a frontend's real traffic is checked against the spec.
// The spec is loaded by the one loader first (a spec it refuses exits 2 naming the file and line), and
// Prism reads the copy of it for tools, which refers to nothing outside itself; that copy leaves out
// the examples that hold a `$ref`, which a proxy never serves.

import { withControlsEscaped } from "../../src/client/errors/quote.js";
import { withoutSecrets } from "../mock/credential-secrets.js";
import { createLayer, type Exchange } from "../mock/layer.js";
import { startPrism } from "../mock/server.js";
import { commandFailed, defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { loadSpec } from "../shared/load-spec.js";
import { isMain } from "../shared/main.js";
import {
  credentialUrlProblem,
  listen,
  listenOnWanted,
  movedLine,
  type WantedPort,
  wantedPort,
} from "../shared/net.js";
import { credentialPlaces } from "../shared/openapi.js";
import { specForTools, writeSpecForTools } from "../shared/spec-for-tools.js";
import { DEFAULT_SPEC } from "../shared/specs.js";
import { startGuard } from "./guard.js";

/** The largest body passed either way; Prism's own limit is lower, and is reported as what it is. */
const MAX_BODY_BYTES = 10 * 1024 * 1024;

export interface RunningVerify {
  url: string;
  /** The default port it left because that port was taken. */
  movedFrom?: number;
  stop(): Promise<void>;
}

export interface VerifyOptions {
  upstream: string;
  spec?: string;
  /** Follow the spec's references to http(s) URLs, to public addresses only. */
  allowRemote?: boolean;
  /** A number is listened on as it is; a WantedPort gives way when it is a default that is taken. */
  port?: number | WantedPort;
  /** Gets one readable line at a time. */
  print: (line: string) => void;
}

/** One exchange as readable lines: the call and its status, then each violation with where it is. */
export function describeExchange({ method, url, status, violations, secrets }: Exchange): string[] {
  const lines = [`${violations.length === 0 ? "✓" : "✗"} ${method} ${url} -> ${status}`];
  for (const v of violations) {
    const [side = "", part = "", ...rest] = v.location;
    const where = [side, part, rest.length > 0 ? `/${rest.join("/")}` : ""].filter(Boolean).join(" ");
    lines.push(`    ${where || "(whole exchange)"}: ${v.message}`);
  }
  return lines.map((line) => withControlsEscaped(withoutSecrets(line, secrets)));
}

export async function startVerify(options: VerifyOptions): Promise<RunningVerify> {
  const problem = credentialUrlProblem("--upstream", options.upstream);
  if (problem) throw new UsageError(problem);
  const spec = options.spec ?? DEFAULT_SPEC;
  const loaded = await loadSpec(spec, { allowRemote: options.allowRemote ?? false });
  const forPrism = await writeSpecForTools(specForTools(loaded), spec);
  const guard = await startGuard(new URL(options.upstream), MAX_BODY_BYTES);
  const prism = await startPrism(["proxy", forPrism.file, guard.url]).catch(async (error) => {
    await Promise.all([forPrism.remove(), guard.close()]);
    throw error;
  });
  try {
    const layer = createLayer({
      credentials: credentialPlaces(loaded.document),
      maxBodyBytes: MAX_BODY_BYTES,
      upstream: prism.ready,
      onExchange: (exchange) => {
        for (const line of describeExchange(exchange)) options.print(line);
      },
    });
    const wanted = options.port ?? 4010;
    const served =
      typeof wanted === "number" ? { url: await listen(layer, wanted) } : await listenOnWanted(layer, wanted);
    await prism.ready;
    return {
      ...served,
      stop: async () => {
        await Promise.all([new Promise((resolve) => layer.close(resolve)), prism.stop(), guard.close()]);
        await forPrism.remove();
      },
    };
  } catch (error) {
    await Promise.all([prism.stop(), guard.close()]);
    await forPrism.remove();
    throw error;
  }
}

const VERIFY = defineCommand({
  name: "npm run verify",
  summary:
    "Serves a proxy in front of a real server that passes every exchange through unchanged and prints what\n" +
    "breaks the spec in each: point a frontend at it to check its real traffic.",
  options: {
    upstream: { type: "string", value: "URL", description: "The real server's base URL (required)." },
    spec: { type: "string", default: DEFAULT_SPEC, value: "FILE", description: "The spec to judge by." },
    "allow-remote-refs": {
      type: "boolean",
      default: false,
      description: "Follow $refs to http(s) URLs (to public addresses only).",
    },
  },
  environment: {
    PORT: "The port the proxy listens on (default: 4010, or a free one when 4010 is taken; a PORT that is taken is refused)",
  },
  exitCodes: {
    1: "it could not start",
    2: "bad input: an option, or a spec the loader refuses (the message names the file and line)",
  },
});

async function main(): Promise<void> {
  const values = parseCommand(VERIFY);
  if (!values) return;
  if (!values.upstream) {
    throw new UsageError(
      "npm run verify: --upstream URL is required. Run `npm run verify -- --help` for the options.",
    );
  }
  const port = wantedPort("PORT", 4010);
  const running = await startVerify({
    upstream: values.upstream,
    spec: values.spec,
    allowRemote: values["allow-remote-refs"],
    port,
    print: (line) => console.log(line),
  });
  const moved = movedLine("The proxy", running);
  if (moved) console.log(moved);
  console.log(
    `Checking traffic to ${values.upstream} against ${values.spec}: point your frontend at ${running.url}`,
  );
  const shutdown = () => void running.stop().then(() => process.exit(0));
  process.once("SIGINT", shutdown);
  process.once("SIGTERM", shutdown);
}

if (isMain(import.meta.url)) {
  main().catch(commandFailed);
}
