// The Node mock's guard on `POST /__mock/reset`: a page on another origin can send it as a simple
// request (no preflight), and a page on a rebound name reaches the mock under a Host that is not its
// own. Either would wipe what the developer stored, so the reset answers only calls from its own origin
// or with none (curl), under a loopback name or the address and port the mock listens on.
import type { IncomingMessage } from "node:http";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** Why the reset is refused to this request, or `undefined` when it may reset. */
export function resetRefusal(req: IncomingMessage): string | undefined {
  const host = (req.headers.host ?? "").toLowerCase();
  if (!isOwnHost(host, req.socket.localAddress, req.socket.localPort)) {
    return "POST /__mock/reset is refused under a Host that is not the mock's own name or a loopback name";
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
    return "POST /__mock/reset is refused to a page on another origin";
  }
  return undefined;
}

/** Whether a Host header names the mock: a loopback name, or the address and port it listens on. */
function isOwnHost(host: string, address: string | undefined, port: number | undefined): boolean {
  const match = /^(\[[^\]]*\]|[^:]*)(?::(\d+))?$/.exec(host);
  if (!match?.[1]) return false;
  const [, name, portText] = match;
  if (LOOPBACK_NAMES.has(name)) return true;
  // A dual-stack socket names an IPv4 peer's address in its IPv6 form.
  const own = address?.toLowerCase().replace(/^::ffff:(?=\d+\.)/, "");
  const listening = own?.includes(":") ? `[${own}]` : own;
  return name === listening && portText !== undefined && Number(portText) === port;
}
