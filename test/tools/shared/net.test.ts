// What the commands that talk to a server take for its address, and the port a command serves on.
import { createServer, type Server } from "node:net";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import {
  freePort,
  isHttpUrl,
  listen,
  listenOnWanted,
  movedLine,
  PortInUseError,
  portFor,
  wantedPort,
} from "../../../tools/shared/net.js";

test.for(["http://127.0.0.1:4010", "https://imagesearch.example/base"])("takes an http(s) URL: %s", (url) => {
  expect(isHttpUrl(url)).toBe(true);
});

test.for(["", "127.0.0.1:4010", "ftp://example.com", "file:///etc/passwd", "/relative"])(
  "refuses what is not an http(s) URL: %s",
  (text) => {
    expect(isHttpUrl(text)).toBe(false);
  },
);

describe("a server on the port a command wants", () => {
  let taken: Server;
  let port: number;
  beforeAll(async () => {
    taken = createServer();
    port = Number(new URL(await listen(taken, 0)).port);
  });
  afterAll(() => new Promise((done) => taken.close(done)));

  test("listens on the default port when it is free", async () => {
    const server = createServer();
    const free = await freePort();
    const served = await listenOnWanted(server, { port: free });
    server.close();
    expect(served).toEqual({ url: `http://127.0.0.1:${free}` });
  });

  test("takes a free port when the default is taken, and says which it left", async () => {
    const server = createServer();
    const served = await listenOnWanted(server, { port });
    server.close();
    expect(served.movedFrom).toBe(port);
    expect(new URL(served.url).port).not.toBe(String(port));
    expect(movedLine("The mock", served)).toBe(
      `The mock: port ${port} is in use, so it serves on ${served.url} instead (set PORT to choose the port).`,
    );
  });

  test.for([
    ["PORT", "set PORT to another port"],
    ["--port", "pass another --port to another port"],
  ] as const)(
    "refuses a taken port named by %s in one line that says how to fix it",
    async ([namedBy, fix]) => {
      const attempt = listenOnWanted(createServer(), { port, namedBy });
      await expect(attempt).rejects.toThrow(PortInUseError);
      const message = await attempt.catch((error: Error) => error.message);
      expect(message).toContain(`port ${port} on 127.0.0.1 is in use`);
      expect(message).toContain(fix);
      expect(message).not.toContain("\n");
    },
  );

  test("hands a server that listens by itself a free port when the default is taken", async () => {
    const chosen = await portFor({ port });
    expect(chosen.movedFrom).toBe(port);
    expect(chosen.port).not.toBe(port);
    await expect(portFor({ port, namedBy: "EXAMPLE_PORT" })).rejects.toThrow(
      /set EXAMPLE_PORT to another port/,
    );
  });

  test("reads a port an environment variable names, and refuses one that is not a port", () => {
    expect(wantedPort("PORT", 4010, {})).toEqual({ port: 4010 });
    expect(wantedPort("PORT", 4010, { PORT: "0" })).toEqual({ port: 0, namedBy: "PORT" });
    expect(() => wantedPort("PORT", 4010, { PORT: "80a" })).toThrow(
      "PORT must be a port number (0-65535), got 80a",
    );
  });
});
