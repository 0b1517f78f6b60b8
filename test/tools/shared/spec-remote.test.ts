// A spec document fetched over http(s): which addresses are public, and how the fetch treats a server
// that redirects, sends too much or fails. The loader never lets a loopback address through (see
// load-spec.test.ts); here the check is handed in, so that a local server can stand in for a public one.
import { createServer, type Server } from "node:http";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { listen } from "../../../tools/shared/net.js";
import { fetchSpecText, isPublicAddress } from "../../../tools/shared/spec-remote.js";

describe("isPublicAddress", () => {
  test.each(["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])("takes %s", (address) => {
    expect(isPublicAddress(address)).toBe(true);
  });

  test.each([
    "127.0.0.1",
    "127.1.2.3",
    "10.0.0.7",
    "172.16.5.4",
    "192.168.1.1",
    "169.254.169.254",
    "100.64.0.1",
    "0.0.0.0",
    "224.0.0.1",
    "255.255.255.255",
    "::1",
    "::",
    "fe80::1",
    "fd00::1",
    "::ffff:127.0.0.1",
    "::ffff:10.0.0.1",
    "64:ff9b::a00:1",
    "2002:a00:1::",
    "localhost",
    "not an address",
  ])("refuses %s", (address) => {
    expect(isPublicAddress(address)).toBe(false);
  });
});

describe("fetchSpecText", () => {
  const hits: string[] = [];
  const server: Server = createServer((request, response) => {
    hits.push(request.url ?? "");
    if (request.url === "/redirect") response.writeHead(302, { location: "/item.yaml" }).end();
    else if (request.url === "/large") response.writeHead(200).end("x".repeat(2_000));
    else if (request.url === "/item.yaml") response.writeHead(200).end("type: object\n");
    else response.writeHead(404).end();
  });
  let base = "";
  const loopbackAllowed = (address: string) => address === "127.0.0.1" || address === "::1";
  beforeAll(async () => {
    base = await listen(server, 0);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test("reads the body from an allowed address", async () => {
    expect(await fetchSpecText(`${base}/item.yaml`, 1_000, loopbackAllowed)).toBe("type: object\n");
  });

  test("refuses a redirect without following it", async () => {
    hits.length = 0;
    await expect(fetchSpecText(`${base}/redirect`, 1_000, loopbackAllowed)).rejects.toThrow(
      "the server answered 302, a redirect to /item.yaml: not followed",
    );
    expect(hits).toEqual(["/redirect"]);
  });

  test("refuses a body over the limit, and an answer other than 200", async () => {
    await expect(fetchSpecText(`${base}/large`, 1_000, loopbackAllowed)).rejects.toThrow(
      "over the limit of 1000 bytes per file",
    );
    await expect(fetchSpecText(`${base}/missing`, 1_000, loopbackAllowed)).rejects.toThrow(
      "the server answered 404",
    );
  });

  test("checks the addresses a host name resolves to before it connects, and a written address as written", async () => {
    hits.length = 0;
    const port = new URL(base).port;
    const refuseAll = () => false;
    await expect(fetchSpecText(`http://localhost:${port}/item.yaml`, 1_000, refuseAll)).rejects.toThrow(
      /^localhost is at .*127\.0\.0\.1.*: references are fetched from public addresses only$/,
    );
    await expect(fetchSpecText(`${base}/item.yaml`, 1_000, refuseAll)).rejects.toThrow(
      "127.0.0.1 is at 127.0.0.1: references are fetched from public addresses only",
    );
    expect(hits).toEqual([]);
  });
});
