// `npm run mock`'s command line, run as a user runs it: --help, --port and --host (with PORT kept),
// the banner's samples for each spec, and any spec given with --spec, generated/ or not.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, test, vi } from "vitest";
import { parse, stringify } from "yaml";
import { startMock } from "../../../tools/mock/server.js";
import { freePort, listen } from "../../../tools/shared/net.js";
import { servedMock, stop } from "../../support/mock-process.js";
import { descendants, survivors } from "../../support/processes.js";
import { exampleRequest, loadSpec, SPEC_PATH } from "../../support/spec.js";

/** A modifyImage request the spec accepts, from its examples: what these tests send is not what they test. */
const modify = exampleRequest(await loadSpec(), "modifyImage");

const running: ChildProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map(stop));
});
const mock = (args: string[], env: Record<string, string> = {}) => servedMock(running, args, env);

/** Runs `npm run mock -- ARGS` to its end; resolves with its exit code and output. */
function runToEnd(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; text: string }> {
  const child = spawn("npm", ["run", "--silent", "mock", "--", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let text = "";
  child.stdout.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    text += chunk.toString();
  });
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, text })));
}

describe("npm run mock's command line", () => {
  test("--help prints the options and exits 0 without serving", async () => {
    const { code, text } = await runToEnd(["--help"]);
    expect(code).toBe(0);
    for (const option of ["--spec", "--port", "--host", "--dynamic", "--errors", "--stateful", "--help"]) {
      expect(text).toContain(option);
    }
    expect(text).not.toContain("serving at");
  });

  test("--stateful on a spec where nothing can be stateful says so per operation and exits 2", async () => {
    const { code, text } = await runToEnd(["--spec", "spec/iam.openapi.yaml", "--stateful", "--port", "0"]);

    expect(code).toBe(2);
    expect(text).toMatch(/spec\/iam\.openapi\.yaml: --stateful, but no operation can be stateful/);
    expect(text).toMatch(/createUserToken +answers from the examples: /);
    expect(text).toContain("--allow-stateless");
    expect(text).not.toContain("serving at");
  }, 60_000);

  test("--allow-stateless serves such a spec from its examples, listing why", async () => {
    const served = await mock(["--spec", "spec/iam.openapi.yaml", "--stateful", "--allow-stateless"], {
      PORT: "0",
    });

    expect(served.output()).toMatch(/createUserToken +answers from the examples: /);
    await stop(served.child);
  }, 60_000);

  test("--port serves on that port, over PORT", async () => {
    const port = await freePort();
    const served = await mock(["--port", String(port)], { PORT: "1" });
    expect(served.url).toBe(`http://127.0.0.1:${port}`);
    await stop(served.child);
  });

  test("a --port that is not a port number is refused, naming the option, with exit code 2", async () => {
    const { code, text } = await runToEnd(["--port", "abc"]);
    expect(code).toBe(2);
    expect(text).toContain("--port must be a port number (0-65535), got abc");
  });

  test.for([
    ["--port", "pass another --port"],
    ["PORT", "set PORT"],
  ] as const)(
    "a taken port named by %s is refused in one line that says how to fix it",
    { timeout: 60_000 },
    async ([namedBy, fix]) => {
      const taken = createServer();
      const port = new URL(await listen(taken, 0)).port;
      try {
        const { code, text } = await runToEnd(namedBy === "--port" ? ["--port", port] : [], { PORT: port });
        expect(code).toBe(1);
        expect(text).toContain(`port ${port} on 127.0.0.1 is in use`);
        expect(text).toContain(`${fix} to another port`);
        expect(text).not.toContain("serving at");
      } finally {
        taken.close();
      }
    },
  );

  test("a default port that is taken gives way to a free one, and the mock says so", async () => {
    const taken = createServer();
    const port = Number(new URL(await listen(taken, 0)).port);
    const served = await startMock({ spec: SPEC_PATH, port: { port } });
    try {
      expect(served.movedFrom).toBe(port);
      expect(new URL(served.url).port).not.toBe(String(port));
    } finally {
      await served.stop();
      taken.close();
    }
  }, 60_000);

  test("a PORT that is not a port number, or an unknown option, is refused with exit code 2 and a hint", async () => {
    const [port, unknown] = await Promise.all([runToEnd([], { PORT: "abc" }), runToEnd(["--bogus"])]);
    expect(port.code).toBe(2);
    expect(port.text).toContain("PORT must be a port number (0-65535), got abc");
    expect(unknown.code).toBe(2);
    expect(unknown.text).toContain(
      "npm run mock: Unknown option '--bogus'. Run `npm run mock -- --help` for the options.",
    );
  }, 60_000);

  test("--host beyond loopback serves there, with a clear warning", async () => {
    const served = await mock(["--host", "0.0.0.0"]);
    // The warning goes to stderr, which may arrive after the banner's last line on stdout.
    await vi.waitFor(
      () => expect(served.output()).toMatch(/Warning: listening on 0\.0\.0\.0, beyond loopback/),
      { timeout: 10_000 },
    );
    const { port } = new URL(served.url);
    const response = await fetch(`http://127.0.0.1:${port}${modify.path}`, {
      method: modify.method,
      headers: { "content-type": "application/json", "x-auth-token": "t" },
      body: modify.body ?? "",
    });
    expect(response.status).toBe(200);
    await stop(served.child);
  });

  test("a SIGTERM to npm alone stops the mock: no process of it is left", async () => {
    const served = await mock([]);
    const tree = descendants(served.child.pid ?? 0);
    expect(tree.length).toBeGreaterThan(0);

    await stop(served.child);

    expect(await survivors(tree)).toEqual([]);
  });

  test("prints a line per request, and none with --quiet", async () => {
    const send = (url: string) =>
      fetch(`${url}${modify.path}`, {
        method: modify.method,
        headers: { "content-type": "application/json", "x-auth-token": "t" },
        body: modify.body ?? "",
      });
    const loud = await mock([]);
    const quiet = await mock(["--quiet"]);
    expect((await send(loud.url)).status).toBe(200);
    expect((await send(quiet.url)).status).toBe(200);
    // Stopped, each has printed all it will print.
    await Promise.all([stop(loud.child), stop(quiet.child)]);

    const line = `${modify.method} ${modify.path} -> 200`;
    expect(loud.output()).toContain(line);
    expect(quiet.output()).not.toContain(line);
    expect(quiet.output()).toMatch(/serving at http:/);
  });

  test("the default loopback address prints no warning", async () => {
    const served = await mock([]);
    expect(served.output()).not.toContain("Warning");
    await stop(served.child);
  });
});

describe("the banner suggests only what the served spec accepts", () => {
  test("IAM's: no X-Auth-Token on the token call, and a Prefer example the IAM mock serves", async () => {
    const served = await mock(["--spec", "spec/iam.openapi.yaml"]);
    const banner = served.output();
    expect(banner).toContain("curl -sS -X POST");
    expect(banner).not.toContain("X-Auth-Token");
    const prefer = /-H 'Prefer: (code=(\d+), example=([\w-]+))'/.exec(banner);
    expect(prefer, banner).not.toBeNull();
    // The banner's own sample body, which is valid: the Prefer alone picks the answer.
    const body = /-d '([^']*)'/.exec(banner)?.[1] ?? "";
    const sample = await fetch(`${served.url}/v3/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body,
    });
    expect(sample.status).toBe(201);
    const response = await fetch(`${served.url}/v3/auth/tokens`, {
      method: "POST",
      headers: { "content-type": "application/json", prefer: prefer?.[1] ?? "" },
      body,
    });
    // The named example, not the mock's MOCK.PREFER refusal of a name it does not know.
    expect(response.status).toBe(Number(prefer?.[2]));
    expect(JSON.stringify(await response.json())).not.toContain("MOCK.PREFER");
    await stop(served.child);
  });
});

describe("--spec with a spec generated/ has no modules for", () => {
  const work = mkdtemp(join(tmpdir(), "mock-spec-"));
  afterAll(async () => rm(await work, { recursive: true, force: true }));

  test("is served, judged by its own schemas", async () => {
    const spec = parse(await readFile(SPEC_PATH, "utf8"));
    // modifyImage now also requires a field no generated module knows.
    const schema = spec.components.schemas.ModifyImageRequest;
    schema.properties.note = { type: "string" };
    schema.required = [...schema.required, "note"];
    const file = join(await work, "my-api.openapi.yaml");
    await writeFile(file, stringify(spec));

    const served = await startMock({ spec: file, port: 0 });
    try {
      const send = (change: Record<string, unknown>) =>
        fetch(`${served.url}${modify.path}`, {
          method: modify.method,
          headers: { "content-type": "application/json", "x-auth-token": "t" },
          body: JSON.stringify({ ...JSON.parse(modify.body ?? "{}"), ...change }),
        });
      const without = await send({});
      expect(without.status).toBe(400);
      expect(without.headers.get("sl-violations")).toContain("/note");
      expect((await send({ note: "n" })).status).toBe(200);
    } finally {
      await served.stop();
    }
  });
});
