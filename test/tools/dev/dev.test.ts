// `npm run dev` on a copy of the spec in a temporary folder, on a free port: a save is picked up and
// summarised, a broken save leaves the last good mock serving, and Ctrl-C (SIGINT) leaves no process.
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, test } from "vitest";
import { localBin } from "../../../tools/shared/bin.mjs";
import { freePort } from "../../../tools/shared/net.js";
import { descendants, survivors } from "../../support/processes.js";
import { exampleRequest, loadSpec } from "../../support/spec.js";
import { componentSchema, readSpecDocument, writeSpecDocument } from "../../support/spec-file.js";

const TSX = localBin("tsx");
const work = await mkdtemp(join(tmpdir(), "dev-"));
const specFile = join(work, "spec", "image-search.openapi.yaml");
await cp("spec", join(work, "spec"), { recursive: true });
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
  timeoutMs = 15_000,
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
      // Lint, generate and the mock's start, on a machine that runs other test files meanwhile.
      120_000,
    );
    expect(text).toContain("  lint      clean");
    expect(text).toContain(`  mock      serving on http://127.0.0.1:${port}`);
    expect((await modifyImage()).status).toBe(200);
  }, 130_000);

  test("picks up a save within a second, and summarises lint, changed types and breaking changes", async () => {
    const from = output.length;
    const spec = await readSpecDocument(specFile);
    const request = componentSchema(spec, "ModifyImageRequest");
    request.properties = { ...request.properties, note: { type: "string" } };
    request.required = [...(request.required ?? []), "note"];
    const savedAt = Date.now();
    await writeSpecDocument(specFile, spec);
    const picked = await waitFor(/image-search\.openapi\.yaml saved \(picked up in \d+\.\d s\)/, from);
    expect(picked.at - savedAt).toBeLessThan(1_000);

    await waitFor(SUMMARY_END, from);
    const summary = output.slice(from);
    // The page's example request lacks the new required field, and Spectral says so.
    expect(summary).toMatch(/ {2}lint {6}1 error\n.*oas3-valid-media-example/);
    expect(summary).toContain("  types     changed: ");
    expect(summary).toContain("components.schemas.ModifyImageRequest");
    expect(summary).toContain(
      "  breaking  1 since the start: request body of PUT /v1/{project_id}/{instance_name}/image (modifyImage) accepts less than before",
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
    expect(text).toContain("  error     ");
    expect(text).toContain("image-search.openapi.yaml is not valid YAML");
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

  test("stops on SIGINT with exit code 0, leaving no child process behind", async () => {
    const children = descendants(dev.pid ?? 0);
    dev.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(output).toContain("Stopped.");
    expect(await survivors(children)).toEqual([]);
    await expect(modifyImage()).rejects.toThrow();
  });
});
