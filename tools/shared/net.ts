// Loopback ports for the servers the commands and tests start: a free one to hand a child process,
// and a server started on one.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
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

/** The port `text` (an environment variable) names, `fallback` when unset; a UsageError names a bad one. */
export function portOf(text: string | undefined, fallback: number): number {
  if (text === undefined || text === "") return fallback;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65_535)
    throw new UsageError(`PORT must be a port number from 0 to 65535, got ${JSON.stringify(text)}`);
  return port;
}
