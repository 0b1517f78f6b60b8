// `npm run verify -- --upstream URL` against a local upstream that breaks the contract: the frontend
// gets the upstream's answers unchanged, and each violation is printed readably, with where it is. A
// spec the loader refuses stops it with exit code 2.
import { execFile, spawn } from "node:child_process";
import { createServer } from "node:http";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { localBin } from "../../../tools/shared/bin.mjs";
import { listen } from "../../../tools/shared/net.js";
import { describeExchange, startVerify } from "../../../tools/verify/verify.js";
import { hostileSpec, placeOf, redirectingOrEndlessServer } from "../../support/hostile.js";
import { exampleRequest, loadSpec } from "../../support/spec.js";

/** modifyImage as the spec's examples make it: the request itself keeps the contract. */
const modify = exampleRequest(await loadSpec(), "modifyImage");

const TOKEN = "secret-token-for-verify-tests";
const upstream = createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    if (req.headers["x-auth-token"] === undefined) {
      res.writeHead(401, { "content-type": "text/html" });
      res.end("<html>Unauthorized</html>");
      return;
    }
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ result: 7 }));
  });
});

let output = "";
let verifyUrl = "";
let stopVerify: () => Promise<unknown> = async () => undefined;

beforeAll(async () => {
  const upstreamUrl = await listen(upstream, 0);
  // Its own process group, so that stopping it stops npm, the script and Prism together.
  const verify = spawn("npm", ["run", "--silent", "verify", "--", "--upstream", upstreamUrl], {
    env: { ...process.env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const exited = new Promise((resolve) => verify.once("exit", resolve));
  stopVerify = async () => {
    if (verify.pid && verify.exitCode === null) process.kill(-verify.pid, "SIGTERM");
    await exited;
  };
  verifyUrl = await new Promise<string>((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      output += chunk.toString();
      const found = /point your frontend at (http:\/\/\S+)/.exec(output)?.[1];
      if (found) resolve(found);
    };
    verify.stdout.on("data", collect);
    verify.stderr.on("data", collect);
    void exited.then(() => reject(new Error(`verify exited: ${output}`)));
  });
});

afterAll(async () => {
  await stopVerify();
  await new Promise((resolve) => upstream.close(resolve));
});

async function until(text: string): Promise<void> {
  for (let i = 0; i < 100 && !output.includes(text); i++) await new Promise((r) => setTimeout(r, 20));
}

describe("npm run verify -- --upstream URL", () => {
  test("passes a response that breaks the schema through, and prints the JSON pointer of the break", async () => {
    const response = await fetch(`${verifyUrl}${modify.path}`, {
      method: modify.method,
      headers: { "content-type": "application/json", "x-auth-token": TOKEN },
      body: modify.body ?? "",
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ result: 7 });
    await until("-> 200");
    expect(output).toContain(
      `✗ PUT ${modify.path} -> 200\n    response body /result: Response body property result must be string`,
    );
  });

  test("prints an undocumented status and the request's own violations", async () => {
    const response = await fetch(`${verifyUrl}${modify.path}`, {
      method: modify.method,
      headers: { "content-type": "application/json" },
      body: modify.body ?? "",
    });

    expect(response.status).toBe(401);
    expect(await response.text()).toBe("<html>Unauthorized</html>");
    await until("-> 401");
    // Prism's words for a request that carries no credential of the spec's security schemes.
    expect(output).toContain(`✗ PUT ${modify.path} -> 401\n    request: Invalid security scheme used`);
    expect(output).toMatch(/ {4}response: Unable to match the returned status code .*200,400/);
  });

  test("never prints the token", () => {
    expect(output).not.toContain(TOKEN);
    const lines = describeExchange({
      method: "PUT",
      url: "/x",
      status: 400,
      violations: [{ location: ["response", "body"], severity: "Error", message: `echoed ${TOKEN}` }],
      secrets: [TOKEN],
    });
    expect(lines).toEqual(["✗ PUT /x -> 400", "    response body: echoed <token>"]);
  });
});

describe("npm run verify on a spec the loader refuses", () => {
  test("exits 2 naming the file and line, before it starts anything", async () => {
    const spec = hostileSpec("parent-ref");
    const args = ["tools/verify/verify.ts", "--upstream", "http://127.0.0.1:9", "--spec", spec];
    const result = await promisify(execFile)(localBin("tsx"), args, {
      env: { ...process.env, PORT: "0" },
    }).then(
      () => ({ code: 0, stderr: "" }),
      ({ code, stderr }: { code: number; stderr: string }) => ({ code, stderr }),
    );
    expect(result.code).toBe(2);
    expect(result.stderr.startsWith(`${placeOf(spec, "$ref: ../secret.json")}: `)).toBe(true);
  }, 120_000);
});

describe("npm run verify in front of a hostile upstream", () => {
  let elsewhere = 0;
  const other = createServer((_req, res) => {
    elsewhere++;
    res.end("{}");
  });
  // Every GET is sent elsewhere; every other request gets a body that never ends.
  const hostile = redirectingOrEndlessServer(() => otherUrl);
  let otherUrl = "";
  const lines: string[] = [];
  let running: { url: string; stop(): Promise<void> } | undefined;

  beforeAll(async () => {
    otherUrl = await listen(other, 0);
    const upstreamUrl = await listen(hostile, 0);
    running = await startVerify({ upstream: upstreamUrl, port: 0, print: (line) => lines.push(line) });
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    hostile.closeAllConnections();
    await Promise.all([other, hostile].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  test("passes a redirect back unfollowed, and reports it", async () => {
    const response = await fetch(`${running?.url}/v1/p/service/i`, {
      headers: { "x-auth-token": TOKEN },
      redirect: "manual",
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${otherUrl}/steal`);
    expect(elsewhere).toBe(0);
    expect(lines.join("\n")).toContain(
      `✗ GET /v1/p/service/i -> 302\n    response: a redirect to ${otherUrl}/steal, not followed`,
    );
  });

  test("reports a body past the cap either way as a failure, not the upstream's answer", async () => {
    const put = (body: string) =>
      fetch(`${running?.url}/v1/p/i/image`, {
        method: "PUT",
        headers: { "content-type": "application/json", "x-auth-token": TOKEN },
        body,
      });
    const large = await put(JSON.stringify({ path: "x".repeat(10 * 1024 * 1024), tags: {} }));
    expect(large.status).toBe(413);
    const endless = await put(JSON.stringify({ path: "a.jpg", tags: {} }));
    await endless.arrayBuffer();
    const report = lines.join("\n");
    expect(report).toMatch(
      /✗ PUT \/v1\/p\/i\/image -> 413\n {4}request body: the request body is over 10485760 bytes/,
    );
    expect(report).toMatch(
      /✗ PUT \/v1\/p\/i\/image -> \d+\n {4}response: not the upstream's answer: the upstream's response body is over 10485760 bytes/,
    );
    expect(report).not.toMatch(/✓ PUT/);
  });

  test("redacts a token only where it stands whole", () => {
    const exchange = { method: "GET", url: "/request", status: 200, secrets: ["t"] };
    const violations = [{ location: ["response"], severity: "Error", message: "request t" }];
    expect(describeExchange({ ...exchange, violations })).toEqual([
      "✗ GET /request -> 200",
      "    response: request <token>",
    ]);
  });
});

describe("npm run verify in front of an upstream that does not answer", () => {
  test("reports every call as a failure", async () => {
    const lines: string[] = [];
    const dead = createServer();
    const deadUrl = await listen(dead, 0);
    await new Promise((resolve) => dead.close(resolve));
    const running = await startVerify({ upstream: deadUrl, port: 0, print: (line) => lines.push(line) });
    try {
      const response = await fetch(`${running.url}/v1/p/service/i`, { headers: { "x-auth-token": TOKEN } });
      await response.arrayBuffer();
      expect(lines[0]).toMatch(/^✗ GET \/v1\/p\/service\/i -> 5\d\d$/);
      expect(lines[1]).toMatch(/^ {4}response: not the upstream's answer: the upstream did not answer/);
    } finally {
      await running.stop();
    }
  }, 60_000);

  test("refuses plain http:// to another machine, and a PORT that is not one, with exit code 2", async () => {
    const verify = (upstream: string, port: string) =>
      promisify(execFile)(localBin("tsx"), ["tools/verify/verify.ts", "--upstream", upstream], {
        env: { ...process.env, PORT: port },
      }).then(
        () => ({ code: 0, stderr: "" }),
        ({ code, stderr }: { code: number; stderr: string }) => ({ code, stderr }),
      );
    const [clear, port] = await Promise.all([
      verify("http://192.0.2.1", "0"),
      verify("http://127.0.0.1:9", "abc"),
    ]);
    expect(clear.code).toBe(2);
    expect(clear.stderr).toContain("--upstream is plain http:// to another machine");
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("PORT must be a port number (0-65535), got abc");
  }, 120_000);
});
