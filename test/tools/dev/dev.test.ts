// `npm run dev` on a copy of the spec in a temporary folder, on a free port: a save is picked up and
// summarised, a broken save leaves the last good mock serving, and Ctrl-C (SIGINT) leaves no process;
// with its PORT taken it stops rather than watch without a mock.
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { localBin } from "../../../tools/shared/bin.mjs";
import { freePort, listen } from "../../../tools/shared/net.js";
import { descendants, survivors } from "../../support/processes.js";
import { exampleRequest, loadSpec } from "../../support/spec.js";
import { componentSchema, readSpecDocument, writeSpecDocument } from "../../support/spec-file.js";

const TSX = localBin("tsx");
/** A public spec as the generic pipeline takes it: JSON, not named *.openapi.yaml. */
const PETSTORE = "node_modules/@readme/oas-examples/3.0/json/petstore.json";
const work = await mkdtemp(join(tmpdir(), "dev-"));
const specFile = join(work, "spec", "image-search.openapi.yaml");
// The spec these tests edit, alone: the repo's other specs would only add to each pass's work.
await mkdir(join(work, "spec"));
await cp("spec/image-search.openapi.yaml", specFile);
const original = await readFile(specFile, "utf8");
/** modifyImage as the spec's examples make it: what is sent is not what these tests are about. */
const example = exampleRequest(await loadSpec(specFile), "modifyImage");
await mkdir(join(work, "generated"));
const port = await freePort();

let output = "";
const dev: ChildProcess = spawn(
  TSX,
  [resolve("tools/dev/dev.ts"), "--spec", join(work, "spec"), "--out", join(work, "generated")],
  { env: { ...process.env, PORT: String(port), FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
);
dev.stdout?.on("data", (chunk: Buffer) => {
  output += chunk.toString();
});
dev.stderr?.on("data", (chunk: Buffer) => {
  output += chunk.toString();
});
const exited = new Promise<number | null>((done) => dev.once("exit", (code) => done(code)));
afterAll(async () => {
  if (dev.exitCode === null && dev.signalCode === null) dev.kill("SIGKILL");
  await rm(work, { recursive: true, force: true });
});

/** Waits until the output, from `from` on, matches; returns the matching text and when it came. */
async function waitFor(
  pattern: RegExp,
  from: number,
  timeoutMs = 30_000,
): Promise<{ text: string; at: number }> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const match = pattern.exec(output.slice(from));
    if (match) return { text: match[0], at: Date.now() };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`no ${pattern} in the output of npm run dev:\n${output.slice(from)}`);
}

/** Sends the example modifyImage request, its body with `change`. */
function modifyImage(change: Record<string, unknown> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${port}${example.path}`, {
    method: example.method,
    headers: { "X-Auth-Token": "any-token", "Content-Type": "application/json" },
    body: JSON.stringify({ ...JSON.parse(example.body ?? "{}"), ...change }),
  });
}

const SUMMARY_END = /\n {2}mock {6}[^\n]*\n/;

describe("npm run dev", () => {
  test("lints, generates and serves the mock when it starts", async () => {
    const { text } = await waitFor(
      /image-search\.openapi\.yaml read[\s\S]*?\n {2}mock {6}[^\n]*\n/,
      0,
      // Lint, generate and the mock's start, on a machine that runs other test files meanwhile: a
      // cap, not a margin, since the wait ends on the summary's last line.
      120_000,
    );
    expect(text).toContain("  lint      clean");
    expect(text).toContain(`  mock      serving on http://127.0.0.1:${port}`);
    expect((await modifyImage()).status).toBe(200);
  }, 130_000);

  test("picks up a save as it happens, and summarises lint, changed types and breaking changes", async () => {
    const from = output.length;
    const spec = await readSpecDocument(specFile);
    const request = componentSchema(spec, "ModifyImageRequest");
    request.properties = { ...request.properties, note: { type: "string" } };
    request.required = [...(request.required ?? []), "note"];
    const savedAt = Date.now();
    await writeSpecDocument(specFile, spec);
    // The save names the one file that changed, not every spec of the folder.
    const picked = await waitFor(/\] image-search\.openapi\.yaml saved \(picked up in \d+\.\d s\)/, from);
    // The loop is told of the save (it watches, it does not poll): seconds at most on a loaded machine,
    // where a missed save would never show.
    expect(picked.at - savedAt).toBeLessThan(10_000);

    await waitFor(SUMMARY_END, from);
    const summary = output.slice(from);
    expect(summary).not.toContain("iam.openapi.yaml");
    // The page's example request lacks the new required field: Spectral and the house rule say so.
    expect(summary).toMatch(/ {2}lint {6}2 errors\n/);
    expect(summary).toMatch(/oas3-valid-media-example/);
    expect(summary).toMatch(/no-stale-example: The example lacks `note`, which its schema requires\./);
    expect(summary).toContain("  types     changed: ");
    expect(summary).toContain("components.schemas.ModifyImageRequest");
    expect(summary).toContain(
      "  breaking  1 since the start:\n            modifyImage: request body field note: added as required (requests without it are refused)\n",
    );
    expect(summary).toContain(`  mock      restarted on http://127.0.0.1:${port}`);
    expect(await readFile(join(work, "generated", "image-search.ts"), "utf8")).toContain("note: string;");
    // The restarted mock serves the new spec: it now wants the note.
    expect((await modifyImage()).status).toBe(400);
    expect((await modifyImage({ note: "n" })).status).toBe(200);
  });

  test("prints the error of a broken save, and keeps the last good mock serving", async () => {
    const from = output.length;
    const generated = await readFile(join(work, "generated", "image-search.ts"), "utf8");
    await writeFile(specFile, "openapi: 3.0.3\npaths: [\n");
    const { text } = await waitFor(/ saved [\s\S]*?\n {2}mock {6}[^\n]*\n/, from);
    expect(text).toMatch(/\n {2}error {5}\S*image-search\.openapi\.yaml:\d+:\d+: not valid YAML: /);
    expect(text).toContain("  lint      not run: the spec does not load (the error below)\n");
    expect(text).toContain(`  mock      still serving the last good spec on http://127.0.0.1:${port}`);
    expect((await modifyImage({ note: "n" })).status).toBe(200);
    expect(await readFile(join(work, "generated", "image-search.ts"), "utf8")).toBe(generated);
  });

  test("judges by each save's spec: with the field removed again, a request without it is served", async () => {
    const from = output.length;
    await writeFile(specFile, original);
    await waitFor(/ saved [\s\S]*?\n {2}mock {6}[^\n]*\n/, from);
    expect(output.slice(from)).toContain(`  mock      restarted on http://127.0.0.1:${port}`);
    expect((await modifyImage()).status).toBe(200);
  });

  test("names the spec file and the line of an example that a field rename left stale", async () => {
    const from = output.length;
    const spec = await readSpecDocument(specFile);
    const match = componentSchema(spec, "SearchMatch");
    match.properties = Object.fromEntries(
      Object.entries(match.properties ?? {}).map(([name, value]) => [
        name === "sim" ? "similarity" : name,
        value,
      ]),
    );
    await writeSpecDocument(specFile, spec);
    await waitFor(/\] image-search\.openapi\.yaml saved [\s\S]*?\n {2}mock {6}[^\n]*\n/, from);
    const summary = output.slice(from);
    const [, file, line] =
      /\n {12}(\S+):(\d+) no-stale-example: The example carries `sim`/.exec(summary) ?? [];
    expect(file).toBe(specFile);
    expect((await readFile(specFile, "utf8")).split("\n")[Number(line) - 1]?.trim()).toMatch(/^sim: /);
    // The stateful mock's declaration that reads the field is stale too: generate refuses it at its
    // line, and the last good mock keeps serving.
    const [, declared, at] =
      /\n {2}error {5}(\S+):(\d+):\d+: x-mock-state of \w+: \/sim /.exec(summary) ?? [];
    expect(declared).toBe(specFile);
    expect((await readFile(specFile, "utf8")).split("\n")[Number(at) - 1]).toContain("/sim");
    expect(summary).toContain(`  mock      still serving the last good spec on http://127.0.0.1:${port}`);

    const restored = output.length;
    await writeFile(specFile, original);
    await waitFor(/\] image-search\.openapi\.yaml saved [\s\S]*?\n {2}mock {6}[^\n]*\n/, restored);
  });

  test("picks up a spec saved as JSON under any name, naming only that file, and generates its modules", async () => {
    const from = output.length;
    const pets = join(work, "spec", "pets.json");
    await writeFile(pets, await readFile(PETSTORE, "utf8"));
    // The summary's first line names the one file saved.
    const { text } = await waitFor(/\] pets\.json saved [\s\S]*?\n {2}mock {6}[^\n]*\n/, from, 60_000);
    expect(text).toMatch(/\n {2}types {5}changed: [^\n]*operations\.findPetsByStatus/);
    expect(await readFile(join(work, "generated", "pets.operations.ts"), "utf8")).toContain(
      "findPetsByStatus",
    );
  }, 90_000);

  test("stops on SIGINT with exit code 0, leaving no child process behind", async () => {
    const children = descendants(dev.pid ?? 0);
    dev.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("Stopped.");
    expect(await survivors(children)).toEqual([]);
    await expect(modifyImage()).rejects.toThrow();
  });
});

describe("npm run dev with its PORT taken", () => {
  test("exits 1 before any work, saying the port is in use and how to fix it, instead of watching without a mock", async () => {
    const taken = createServer();
    const takenPort = new URL(await listen(taken, 0)).port;
    const generated = await mkdtemp(join(tmpdir(), "dev-taken-"));
    try {
      const child = spawn(
        TSX,
        [resolve("tools/dev/dev.ts"), "--spec", join(work, "spec"), "--out", generated],
        { env: { ...process.env, PORT: takenPort, FORCE_COLOR: "0" }, stdio: ["ignore", "pipe", "pipe"] },
      );
      let text = "";
      const collect = (chunk: Buffer) => {
        text += chunk.toString();
      };
      child.stdout?.on("data", collect);
      child.stderr?.on("data", collect);
      const code = await new Promise<number | null>((done) => child.once("exit", done));
      expect(code, text).toBe(1);
      expect(text).toContain(`port ${takenPort} on 127.0.0.1 is in use`);
      expect(text).toContain("set PORT to another port");
      expect(text).not.toContain("Watching");
      expect(await readdir(generated)).toEqual([]);
    } finally {
      taken.close();
      await rm(generated, { recursive: true, force: true });
    }
  }, 180_000);
});
