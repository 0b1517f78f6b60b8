// `npm run dev`: watches spec/ and, on every save, lints the spec (Spectral with .spectral.yaml, as
// `npm run lint:spec`), regenerates generated/, restarts the mock on PORT (default 4010, or a free port
// when 4010 is taken) and prints a short summary: lint findings, the client types the save changed, and
// any breaking change since the loop started. A save that breaks the spec changes nothing, so the last
// good mock keeps serving. It never watches without a mock: when the mock cannot start (a PORT that is
// taken), it stops, saying why. Ctrl-C stops the mock and exits.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineCommand, parseCommand, UsageError } from "../shared/cli.js";
import { errorMessage } from "../shared/errors.js";
import { isMain } from "../shared/main.js";
import { portFor, type WantedPort, wantedPort } from "../shared/net.js";
import { shownPath } from "../shared/paths.js";
import { specFiles } from "../shared/specs.js";
import { loadSpectral } from "../shared/spectral.js";
import { watchSpecs } from "./loop.js";
import { type DevState, pass } from "./pass.js";

const DEV = defineCommand({
  name: "npm run dev",
  summary:
    "Watches the specs: on every save it lints, regenerates, restarts the mock with the saved spec and prints what changed for clients.",
  options: {
    spec: {
      type: "string",
      default: "spec",
      value: "DIR",
      description: "The folder of specs to watch (YAML or JSON files with an openapi field).",
    },
    out: {
      type: "string",
      default: "generated",
      value: "DIR",
      description: "Where the generated modules go.",
    },
  },
  environment: {
    PORT: "The mock's port (default 4010, or a free one when 4010 is taken; a PORT that is taken is refused).",
  },
  exitCodes: { 1: "the loop could not start", 2: "bad command-line input" },
});

async function main(): Promise<void> {
  const values = parseCommand(DEV);
  if (!values) return;
  // The port is claimed before any work: one that PORT names and is taken ends the command at once.
  const wanted = wantedPort("PORT", 4010);
  const chosen = await portFor(wanted);
  const port: WantedPort = chosen.movedFrom === undefined ? wanted : { port: chosen.port };
  if (chosen.movedFrom !== undefined) {
    console.log(
      `mock: port ${chosen.movedFrom} is in use, so it serves on port ${chosen.port} instead (set PORT to choose the port).`,
    );
  }
  if ((await specFiles(values.spec).catch(() => [])).length === 0) {
    throw new Error(`no spec in ${values.spec}/ to watch: no YAML or JSON file there has an openapi field`);
  }
  const state = await initialState(values.spec, values.out, port);
  console.log(`Watching ${shownPath(state.specDir)}/ (Ctrl-C to stop)`);
  const loop = watchSpecs(
    state.specDir,
    async (savedAt) => {
      await pass(state, savedAt);
      if (state.mockFailure !== undefined && !state.mock) {
        console.error(`npm run dev stopped: no mock is serving (${state.mockFailure})`);
        void shutdown(1);
      }
    },
    (error) => console.error(`  error     ${errorMessage(error)}`),
    () => state.stopping,
  );

  async function shutdown(code = 0): Promise<void> {
    // A second Ctrl-C: don't wait any longer.
    if (state.stopping) process.exit(130);
    state.stopping = true;
    await loop.stop();
    await state.mock?.stop();
    await rm(state.mockDir, { recursive: true, force: true });
    console.log("Stopped.");
    process.exit(code);
  }
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

async function initialState(specDir: string, outDir: string, port: WantedPort): Promise<DevState> {
  return {
    specDir,
    outDir,
    port,
    mockFailure: undefined,
    spectral: await loadSpectral(),
    // The mock serves a copy that only good saves update.
    mockDir: await mkdtemp(join(tmpdir(), "spec-dev-mock-")),
    mock: undefined,
    start: undefined,
    types: new Map(),
    seen: new Map(),
    passes: 0,
    stopping: false,
  };
}

if (isMain(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(errorMessage(error));
    // Exits at once: modules the loop imports keep handles open that would hold the process.
    process.exit(error instanceof UsageError ? 2 : 1);
  });
}
