// `npm start` in a copy of the repo (it regenerates generated/, which other tests read): it lints,
// generates and serves, and a SIGTERM to its top process alone leaves no process of it running.
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, test } from "vitest";
import { descendants, survivors } from "../../support/processes.js";
import { copyRepo } from "../../support/repo-copy.js";
import { exampleRequest, loadSpec } from "../../support/spec.js";

/** modifyImage as the spec's examples make it: a request the mock serves. */
const modify = exampleRequest(await loadSpec(), "modifyImage");

const work = await mkdtemp(join(tmpdir(), "start-"));
await copyRepo(work);
afterAll(() => rm(work, { recursive: true, force: true }));

test("npm start lints, generates and serves; SIGTERM to npm alone stops every process it started", async () => {
  const npm = spawn("npm", ["start"], {
    cwd: work,
    env: { ...process.env, PORT: "0", FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((done) => npm.once("exit", (code) => done(code)));
  const url = await new Promise<string>((found, fail) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /serving at (http:\/\/\S+)/.exec(output)?.[1];
      if (match) found(match);
    };
    npm.stdout.on("data", collect);
    npm.stderr.on("data", collect);
    void exited.then((code) => fail(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  expect(output).toContain("> lint:spec");
  expect(output).toContain("wrote generated/image-search.validators.ts");
  const answer = await fetch(`${url}${modify.path}`, {
    method: modify.method,
    headers: { "content-type": "application/json", "x-auth-token": "t" },
    body: modify.body ?? "",
  });
  expect(answer.status).toBe(200);

  const tree = descendants(npm.pid ?? 0);
  expect(tree.length).toBeGreaterThan(0);
  npm.kill("SIGTERM");
  await exited;
  expect(await survivors(tree)).toEqual([]);
  await expect(fetch(url)).rejects.toThrow();
}, 180_000);

test("npm start refuses an unknown option with exit code 2, before it lints or writes anything", async () => {
  const npm = spawn("npm", ["start", "--", "--bogus"], {
    cwd: work,
    env: { ...process.env, FORCE_COLOR: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  npm.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  npm.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((done) => npm.once("exit", (exitCode) => done(exitCode)));
  expect(code).toBe(2);
  expect(output).toContain("Unknown option '--bogus'. Run `npm run mock -- --help` for the options.");
  expect(output).not.toContain("> lint:spec");
  expect(output).not.toContain("wrote generated/");
}, 120_000);
