// Loopback ports for the servers the commands and tests start: a free one to hand a child process,
// a server started on one, and the port a command serves on when its default is taken.
import type { AddressInfo, Server } from "node:net";
import { createServer as createNetServer } from "node:net";
import ipaddr from "ipaddr.js";
import { UsageError } from "./cli.js";

/** A port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Starts `server` on `host` (loopback unless told); resolves with its URL once it listens. */
export function listen(server: Server, port: number, host = "127.0.0.1"): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      const { address, family, port: bound } = server.address() as AddressInfo;
      resolve(`http://${family === "IPv6" ? `[${address}]` : address}:${bound}`);
    });
  });
}

/** The port a command serves on, and how the user named it (`--port`, `PORT`), if they did. */
export interface WantedPort {
  port: number;
  namedBy?: string;
}

/** A port the user named is taken: the message says how to free it or name another, in one line. */
export class PortInUseError extends Error {
  override name = "PortInUseError";

  constructor(wanted: WantedPort, host: string) {
    const how = wanted.namedBy?.startsWith("--") ? `pass another ${wanted.namedBy}` : `set ${wanted.namedBy}`;
    super(
      `port ${wanted.port} on ${host} is in use (another npm start, npm run mock or npm run dev?): stop that server, or ${how} to another port (0 takes any free one).`,
    );
  }
}

/** Where a server ended up: its URL, and the default port it left because that port was taken. */
export interface Served {
  url: string;
  movedFrom?: number;
}

/**
 * Starts `server` on the wanted port. A default port that is taken gives way to a free one
 * (`movedFrom` says so); a port the user named that is taken is refused with PortInUseError.
 */
export async function listenOnWanted(
  server: Server,
  wanted: WantedPort,
  host = "127.0.0.1",
): Promise<Served> {
  try {
    return { url: await listen(server, wanted.port, host) };
  } catch (error) {
    if (!isAddressInUse(error)) throw error;
    if (wanted.namedBy !== undefined) throw new PortInUseError(wanted, host);
    return { url: await listen(server, 0, host), movedFrom: wanted.port };
  }
}

/**
 * The port to hand a server that listens by itself (esbuild's): the wanted one when it is free, else
 * as listenOnWanted decides. Another process may take it before the server listens; rarely, as the
 * check is the moment before.
 */
export async function portFor(
  wanted: WantedPort,
  host = "127.0.0.1",
): Promise<{ port: number; movedFrom?: number }> {
  const probe = createNetServer();
  const served = await listenOnWanted(probe, wanted, host);
  await new Promise((resolve) => probe.close(resolve));
  const port = Number(new URL(served.url).port);
  return served.movedFrom === undefined ? { port } : { port, movedFrom: served.movedFrom };
}

/** The port an environment variable names (refused when taken), or `fallback` (which gives way). */
export function wantedPort(
  variable: string,
  fallback: number,
  env: NodeJS.ProcessEnv = process.env,
): WantedPort {
  const text = env[variable];
  if (text === undefined || text === "") return { port: fallback };
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new UsageError(`${variable} must be a port number (0-65535), got ${text}`);
  }
  return { port, namedBy: variable };
}

/** The line a command prints when its default port was taken. */
export function movedLine(what: string, served: Served, variable = "PORT"): string | undefined {
  if (served.movedFrom === undefined) return undefined;
  return `${what}: port ${served.movedFrom} is in use, so it serves on ${served.url} instead (set ${variable} to choose the port).`;
}

function isAddressInUse(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "EADDRINUSE";
}

/** Whether `text` is an absolute http: or https: URL, as a server a command talks to must be. */
export function isHttpUrl(text: string): boolean {
  return URL.canParse(text) && /^https?:$/.test(new URL(text).protocol);
}

/** Whether the URL's host is this machine: `localhost` or a loopback address (127.0.0.0/8, ::1). */
export function isLoopbackUrl(url: URL): boolean {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (host === "localhost" || host.endsWith(".localhost")) return true;
  return ipaddr.isValid(host) && ipaddr.process(host).range() === "loopback";
}

/**
 * Why a command that sends a credential refuses `text` as a server's URL, or undefined when it takes
 * it: an http(s) URL, and plain http:// only to loopback, where the credential does not cross a network.
 */
export function credentialUrlProblem(name: string, text: string): string | undefined {
  if (!isHttpUrl(text)) return `${name} must be an http(s) URL.`;
  if (new URL(text).protocol === "http:" && !isLoopbackUrl(new URL(text)))
    return `${name} is plain http:// to another machine, which would send the credential in clear text: use https:// (http:// only to localhost or a loopback address).`;
  return undefined;
}
