// `npm run test:provider` against two local upstream servers started here: one that keeps the
// contract (the run passes) and one that breaks it in several ways (the run fails, naming each break
// with its JSON pointer). Both record what they were sent.
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { examples, policy } from "../../../generated/image-search.examples.js";
import { operations } from "../../../generated/image-search.operations.js";
import { judge } from "../../../src/mock/policy.js";
import { routesOf } from "../../../src/mock/routes.js";
import type { Call } from "../../../src/mock/types.js";
import { listen } from "../../../tools/shared/net.js";
import { operationsOf } from "../../../tools/shared/openapi.js";
import { redirectingOrEndlessServer } from "../../support/hostile.js";
import { loadSpec, SPEC_PATH } from "../../support/spec.js";

const run = promisify(execFile);
const TOKEN = "secret-token-for-provider-tests";
const PROJECT = "proj-1";
const INSTANCE = "inst-1";

/** The spec's operations by what `x-provider-verification` says of them: sent, skipped or a write. */
const specOperations = operationsOf(await loadSpec()).map((op) => {
  const verification = (op.operation as { "x-provider-verification"?: object })["x-provider-verification"];
  const route = op.path.replace("{project_id}", PROJECT).replace("{instance_name}", INSTANCE);
  return {
    ...op,
    kind: verification ? Object.keys(verification)[0] : "read",
    call: `${op.method.toUpperCase()} ${route}`,
  };
});
const callsOf = (kind: string) => specOperations.filter((op) => op.kind === kind).map((op) => op.call);
/** What a run sends by default: every operation but those the spec marks skipped, or as writes. */
const SENT = callsOf("read");
/** What a run that allows writes sends besides. */
const WRITES = callsOf("writes");
const DELETE_IMAGE = specOperations.find((op) => op.operationId === "deleteImage")?.call;

interface Seen {
  method: string;
  url: string;
  prefer: string | undefined;
}

/** The route a request was sent to: its method and path, without the query its case may add. */
const callOfSeen = ({ method, url }: Seen) => `${method} ${url.split("?")[0]}`;

type Handler = (req: IncomingMessage, body: string) => { status: number; type: string; body: string };

const json = (status: number, value: unknown) => ({
  status,
  type: "application/json",
  body: JSON.stringify(value),
});

const routes = routesOf({ operations, examples, policy });

/** The request as the mocks' policy reads one. */
function callOf(req: IncomingMessage, body: string): Call {
  const url = new URL(req.url ?? "/", "http://x");
  return {
    method: req.method ?? "GET",
    pathname: url.pathname,
    query: url.searchParams,
    header: (name) => {
      const value = req.headers[name];
      return Array.isArray(value) ? value.join(", ") : value;
    },
    body: new TextEncoder().encode(body),
    tooBig: false,
  };
}

/**
 * Keeps the contract by answering as the mocks do, by the spec's generated policy: a bad request
 * gets the error example the spec maps to it, a valid one its first documented success example.
 */
const conforming: Handler = (req, body) => {
  const verdict = judge(routes, callOf(req, body));
  if (verdict.kind === "refused") return json(verdict.status, verdict.body);
  return json(verdict.code, Object.values(verdict.route.examples[verdict.status] ?? {})[0]);
};

/** Breaks the contract in four ways, each on a different kind of request. */
const breaking: Handler = (req, body) => {
  const token = req.headers["x-auth-token"];
  if (token === undefined) return { status: 401, type: "text/html", body: "<html>Unauthorized</html>" };
  if (token === "") return json(400, { code: "IS.0013" });
  try {
    JSON.parse(body);
  } catch {
    // Echoes the request, as some gateways do; the report must not print the token.
    return { status: 400, type: "text/plain", body: `IS.0008 bad JSON from ${token}` };
  }
  if (operations.modifyImage.requestBody?.validate?.(JSON.parse(body))) return json(200, { result: 7 });
  return json(200, { result: "Success" });
};

function upstream(handler: Handler) {
  const seen: Seen[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      seen.push({
        method: req.method ?? "",
        url: req.url ?? "",
        prefer: [req.headers.prefer ?? []].flat()[0],
      });
      const answer = handler(req, body);
      res.writeHead(answer.status, { "content-type": answer.type });
      res.end(answer.body);
    });
  });
  return { server, seen };
}

async function testProvider(url: string, extra: Record<string, string> = {}, args: string[] = []) {
  const env = {
    ...process.env,
    ...extra,
    CONTRACT_BASE_URL: url,
    CONTRACT_TOKEN: TOKEN,
    CONTRACT_PROJECT_ID: PROJECT,
    CONTRACT_INSTANCE_NAME: INSTANCE,
    CONTRACT_FC_RUNS: "5",
  };
  return run("npm", ["run", "--silent", "test:provider", "--", ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, output: stdout + stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({
      code: error.code,
      output: error.stdout + error.stderr,
    }),
  );
}

describe("npm run test:provider", () => {
  const good = upstream(conforming);
  const bad = upstream(breaking);
  const servers: Server[] = [good.server, bad.server];
  let goodRun: { code: number; output: string };
  let badRun: { code: number; output: string };

  beforeAll(async () => {
    const [goodUrl, badUrl] = await Promise.all(servers.map((s) => listen(s, 0)));
    [goodRun, badRun] = await Promise.all([
      testProvider(goodUrl ?? ""),
      testProvider(badUrl ?? "", {}, ["--allow-writes"]),
    ]);
  });
  afterAll(() => Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve)))));

  test("says first what it sends, and the value every request's parameters are bound to, and from where", () => {
    const [first, second, ...rest] = goodRun.output.split("\n");
    expect(first).toMatch(
      /^Provider verification of spec\/image-search.openapi.yaml against http:\/\/127.0.0.1:\d+/,
    );
    const sent = specOperations.filter((op) => op.kind === "read");
    expect(sent.length).toBeGreaterThan(0);
    expect(second).toBe(
      `It sends ${sent.map((op) => `${op.operationId} (${op.method.toUpperCase()} ${op.path})`).join(", ")}.`,
    );
    expect(rest.slice(0, 2)).toEqual([
      `Every request's project_id is "${PROJECT}" (from environment; CONTRACT_PROJECT_ID or --param project_id= sets it).`,
      `Every request's instance_name is "${INSTANCE}" (from environment; CONTRACT_INSTANCE_NAME or --param instance_name= sets it).`,
    ]);
  });

  test("says before it starts which operations it skips, why, and how to include one", () => {
    const skips = goodRun.output.split("\n").filter((line) => line.startsWith("It skips"));
    expect(skips).toEqual([
      expect.stringMatching(
        /^It skips createInstance \(POST \/v1\/\{project_id\}\/service\): it creates .+\. CONTRACT_INCLUDE_SKIPPED=createInstance sends it\.$/,
      ),
      expect.stringMatching(
        /^It skips deleteInstance \(DELETE \/v1\/\{project_id\}\/service\/\{instance_name\}\): it deletes the instance .+\.$/,
      ),
      expect.stringMatching(
        /^It skips addImage \(POST \/v1\/\{project_id\}\/\{instance_name\}\/image\): it adds images .+\.$/,
      ),
      expect.stringMatching(
        /^It skips deleteImage \(DELETE \/v1\/\{project_id\}\/\{instance_name\}\/image\): it deletes images .+\.$/,
      ),
    ]);
    expect(goodRun.output.indexOf("It skips")).toBeLessThan(goodRun.output.indexOf("✓"));
  });

  test("only reads by default: says before it starts that it does not send modifyImage, and how to allow it", () => {
    const line = goodRun.output.split("\n").find((l) => l.startsWith("It does not send"));
    expect(line).toBe(
      "It does not send modifyImage (PUT /v1/{project_id}/{instance_name}/image): it overwrites the tags of the image it names. --allow-writes (or CONTRACT_ALLOW_WRITES=1) sends it.",
    );
    expect(good.seen.some(({ method }) => method === "PUT")).toBe(false);
  });

  test("sends the writes with --allow-writes, and says nothing of holding them back", () => {
    expect(badRun.output).not.toContain("It does not send");
    expect(new Set(bad.seen.map(callOfSeen))).toEqual(new Set([...SENT, ...WRITES]));
  });

  test("passes against a server that keeps the contract", () => {
    expect(goodRun.output).not.toContain("✗");
    expect(goodRun.output).toMatch(/^\d+ passed, 0 failed$/m);
    expect(goodRun.code).toBe(0);
  });

  test("sends every call to the named instance, never a skipped operation, and never a Prefer header", () => {
    expect(good.seen.length).toBeGreaterThan(10);
    expect(new Set(good.seen.map(callOfSeen))).toEqual(new Set(SENT));
    for (const seen of [...good.seen, ...bad.seen]) {
      expect([...SENT, ...WRITES]).toContain(callOfSeen(seen));
      expect(seen.prefer).toBeUndefined();
    }
    for (const seen of good.seen) expect(SENT).toContain(callOfSeen(seen));
  });

  test("sends a skipped operation only when CONTRACT_INCLUDE_SKIPPED names it (and writes with CONTRACT_ALLOW_WRITES=1)", async () => {
    const included = upstream(conforming);
    const url = await listen(included.server, 0);
    try {
      const result = await testProvider(url, {
        CONTRACT_INCLUDE_SKIPPED: "deleteImage",
        CONTRACT_ALLOW_WRITES: "1",
      });

      expect(result.output).not.toContain("It skips deleteImage");
      expect(result.output).toMatch(/^\d+ passed, 0 failed$/m);
      const calls = new Set(included.seen.map(callOfSeen));
      expect(calls).toEqual(new Set([...SENT, ...WRITES, DELETE_IMAGE]));
    } finally {
      await new Promise((resolve) => included.server.close(resolve));
    }
  });

  test("fails against a server that breaks the contract, naming each break and where", () => {
    expect(badRun.code).toBe(1);
    const report = badRun.output;
    expect(report).toMatch(/✗ modifyImage request page-example\n {4}\/result must be string/);
    expect(report).toMatch(
      /✗ modifyImage header X-Auth-Token missing .*\n {4}status 401 is not a status modifyImage documents/,
    );
    expect(report).toMatch(
      /✗ modifyImage header X-Auth-Token empty .*\n {4}\/error_code must have required property 'error_code'\n {4}\/error_msg must have required property 'error_msg'/,
    );
    expect(report).toMatch(
      /✗ modifyImage body not-json \(a body that is not JSON\)\n {4}content-type is text\/plain/,
    );
    expect(report).toMatch(
      /✗ modifyImage body \/tags type .*\n {4}status 200: accepted a request the spec forbids/,
    );
    expect(report).toMatch(/^\d+ passed, [1-9]\d* failed$/m);
  });

  test("never prints the token, even where the server echoes it", () => {
    expect(badRun.output).toContain("bad JSON from <token>");
    expect(goodRun.output + badRun.output).not.toContain(TOKEN);
  });
});

describe("npm run test:provider against a hostile server", () => {
  let elsewhere = 0;
  const other = createServer((_req, res) => {
    elsewhere++;
    res.end("{}");
  });
  // Every GET is sent elsewhere; every other request gets a body that never ends.
  const hostile = redirectingOrEndlessServer(() => otherUrl);
  let otherUrl = "";
  let hostileRun: { code: number; output: string };

  beforeAll(async () => {
    otherUrl = await listen(other, 0);
    hostileRun = await testProvider(await listen(hostile, 0));
  }, 120_000);
  afterAll(() => {
    hostile.closeAllConnections();
    return Promise.all([other, hostile].map((s) => new Promise((resolve) => s.close(resolve))));
  });

  test("reports a redirect as a break, and sends nothing where it points", () => {
    expect(hostileRun.code).toBe(1);
    expect(hostileRun.output).toMatch(
      /✗ getInstance .*\n {4}status 302: a redirect to http:\/\/[^ ]+\/steal, not followed/,
    );
    expect(elsewhere).toBe(0);
  });

  test("stops reading a body at its cap, and reports it as a break", () => {
    expect(hostileRun.output).toMatch(
      /✗ searchImages .*\n {4}response none read: the body is over 10485760 bytes/,
    );
    expect(hostileRun.output).not.toContain(TOKEN);
  });

  test("refuses plain http:// to another machine before it sends anything", async () => {
    const result = await testProvider("http://192.0.2.1:8080");
    expect(result.code).toBe(2);
    expect(result.output).toContain("CONTRACT_BASE_URL is plain http:// to another machine");
    expect(result.output).not.toContain(TOKEN);
  });
});

describe("npm run test:provider --help", () => {
  test("documents --allow-writes and every variable it reads, and sends nothing", async () => {
    const { stdout } = await run("npm", ["run", "--silent", "test:provider", "--", "--help"]);
    expect(stdout).toMatch(/^Usage: npm run test:provider -- \[options\]/);
    for (const name of ["--allow-writes", "CONTRACT_BASE_URL", "CONTRACT_TOKEN", "CONTRACT_ALLOW_WRITES"]) {
      expect(stdout).toContain(name);
    }
  });

  test("refuses an unknown option, naming it, with exit code 2", async () => {
    const result = await run("npm", ["run", "--silent", "test:provider", "--", "--allow-write"]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(result).toMatchObject({ code: 2 });
    expect((result as { stderr: string }).stderr).toContain("unknown option --allow-write");
  });
});

describe("npm run test:provider without its settings", () => {
  const refusal = (env: NodeJS.ProcessEnv, args: string[] = []) =>
    run("npm", ["run", "--silent", "test:provider", "--", ...args], { env }).catch(
      (error: { code: number; stderr: string }) => error,
    ) as Promise<{ code: number; stderr: string }>;

  test("names the server's URL when it is not set, and sends nothing", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CONTRACT_TOKEN: TOKEN };
    delete env.CONTRACT_BASE_URL;

    const result = await refusal(env);

    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toContain("Set CONTRACT_BASE_URL");
    expect(result.stderr).not.toContain(TOKEN);
  });

  test("asks for the token only when the operations it sends need one", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, CONTRACT_BASE_URL: "http://127.0.0.1:9" };
    delete env.CONTRACT_TOKEN;

    const result = await refusal(env);

    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toContain("set CONTRACT_TOKEN");
  });

  test("takes the spec's example for a parameter it is not given, and names one with no example", async () => {
    const spec = await withoutInstanceExample();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CONTRACT_BASE_URL: "http://127.0.0.1:9",
      CONTRACT_TOKEN: TOKEN,
      CONTRACT_SPEC: spec,
    };
    delete env.CONTRACT_PROJECT_ID;
    delete env.CONTRACT_INSTANCE_NAME;

    const result = await refusal(env);

    expect(result).toMatchObject({ code: 2 });
    expect(result.stderr).toContain(
      "the spec gives no example for instance_name: set CONTRACT_INSTANCE_NAME (or --param instance_name=VALUE)",
    );
    expect(result.stderr).not.toContain("project_id");
  });
});

/** The spec with the instance name's example removed, written to a file of its own. */
async function withoutInstanceExample(): Promise<string> {
  const spec = parse(await readFile(SPEC_PATH, "utf8")) as {
    components: { parameters: Record<string, { example?: unknown }> };
  };
  for (const parameter of Object.values(spec.components.parameters)) {
    if ((parameter as { name?: string }).name === "instance_name") delete parameter.example;
  }
  const dir = await mkdtemp(join(tmpdir(), "provider-"));
  const file = join(dir, "spec.openapi.yaml");
  await writeFile(file, stringify(spec));
  return file;
}
