// The mock on a spec nobody here wrote (read from node_modules as published), whose security schemes
// put credentials in a query parameter, a header, a cookie and Authorization: its Try-it lines send
// each the way the spec says, the mock finds nothing wrong with any of them, and its log line names none of them.
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { credentialSecrets } from "../../../tools/mock/credential-secrets.js";
import { curlExamples, exchangeLine, type RunningMock, startMock } from "../../../tools/mock/server.js";
import { tryItCalls } from "../../support/try-it.js";

const SECURITY = createRequire(import.meta.url).resolve("@readme/oas-examples/3.0/json/security.json");

describe("the mock of a spec with every kind of security scheme", () => {
  let mock: RunningMock;
  const lines: string[] = [];
  beforeAll(async () => {
    mock = await startMock({ spec: SECURITY, port: 0, onExchange: (e) => lines.push(exchangeLine(e)) });
  });
  afterAll(() => mock?.stop());

  test("writes each Try-it line with the credential where the spec puts it, and finds nothing wrong with it", async () => {
    const curls = curlExamples(mock.operations, mock.url).join("\n");

    expect(curls).toContain(`'${mock.url}/anything/apiKey?apiKey=any-key'`);
    expect(curls).toContain("-H 'X-API-KEY: any-token'");
    expect(curls).toContain("-b 'api_key=any-key'");
    expect(curls).toContain("-u 'user:password'");
    expect(curls).toContain("-H 'Authorization: Bearer any-token'");
    expect(curls).not.toMatch(/X-Auth-Token/i);
    const calls = tryItCalls(`Try it:\n${curls}`);
    expect(calls.length).toBe(mock.operations.length);
    for (const call of calls) {
      const response = await fetch(call.url, call.init);
      // A request the mock finds nothing wrong with: the credential was where the spec wants it.
      expect(JSON.parse(response.headers.get("sl-violations") ?? "[]"), call.url).toEqual([]);
      expect(response.status, `${call.init.method} ${call.url}`).toBeLessThan(500);
    }
  });

  test("prints no credential of a request in its log line, wherever the spec puts it", async () => {
    const from = lines.length;
    await fetch(`${mock.url}/anything/apiKey?apiKey=query-CANARY-1`, { method: "GET" });
    await fetch(`${mock.url}/anything/apiKey`, {
      method: "PUT",
      headers: { "X-API-KEY": "header-CANARY-2" },
    });
    await fetch(`${mock.url}/anything/bearer`, {
      method: "POST",
      headers: { authorization: "Bearer bearer-CANARY-3" },
    });

    const printed = lines.slice(from).join("\n");
    expect(lines.length - from).toBe(3);
    expect(printed).not.toMatch(/CANARY/);
    expect(printed).toContain("apiKey=<token>");
  });
});

describe("credentialSecrets", () => {
  test("finds a credential in a header, a query parameter, a cookie and Authorization", () => {
    const req = {
      url: "/x?key=q1",
      headers: { "x-key": "h1", cookie: "other=o; session=c1", authorization: "Bearer b1" },
    } as never;
    const places = [
      { in: "header", name: "X-Key" },
      { in: "query", name: "key" },
      { in: "cookie", name: "session" },
    ] as const;

    expect(credentialSecrets(req, places).sort()).toEqual(["Bearer b1", "b1", "c1", "h1", "q1"]);
  });
});
