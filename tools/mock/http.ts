// The HTTP side of the layer in front of Prism: reading a request's target and body, and writing an
// answer with the CORS headers every answer of the mock carries.
import type { IncomingMessage, ServerResponse } from "node:http";
import { corsHeaders } from "../../src/mock/cors.js";
import { headerJson } from "../../src/mock/report.js";
import type { Call } from "../../src/mock/types.js";
import type { EngineViolation } from "./engine.js";

/** How long a body past the limit, already answered, may stall before its connection is closed. */
const OVERFLOW_IDLE_MS = 10_000;
// Prism's server cuts a longer sl-violations header, so that no client refuses the answer for it.
const MAX_VIOLATIONS_HEADER = 8 * 1024 - 100;

/** Reports one request and its answer: its status and what was wrong with it, if anything. */
export type Report = (req: IncomingMessage, status: number, violations: EngineViolation[]) => void;
export type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

export function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text: string,
): void {
  // An answer without a body has no media type; every other answer of the layer is JSON.
  const all: Record<string, string> =
    text === "" ? headers : { "content-type": "application/json", ...headers };
  res.writeHead(status, {
    ...corsHeaders(headerOf(req), Object.keys(all)),
    ...all,
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Prism's header for what was wrong, so a developer sees why in devtools. */
export function violationHeader(violations: readonly EngineViolation[]): Record<string, string> {
  if (violations.length === 0) return {};
  const value = headerJson(violations);
  return {
    "sl-violations":
      value.length > MAX_VIOLATIONS_HEADER
        ? `Too many violations! ${value.slice(0, MAX_VIOLATIONS_HEADER)}`
        : value,
  };
}

export function headerOf(req: IncomingMessage): Call["header"] {
  return (name) => {
    const value = req.headers[name];
    return Array.isArray(value) ? value.join(", ") : value;
  };
}

/**
 * The path and query of a request target. A target no URL parser accepts (`//`, `http://[::1`)
 * names no documented path, so it reaches the router as an empty path, which matches none.
 */
export function targetOf(target: string): { pathname: string; query: URLSearchParams } {
  const mark = target.indexOf("?");
  const path = mark < 0 ? target : target.slice(0, mark);
  const query = new URLSearchParams(mark < 0 ? "" : target.slice(mark + 1));
  if (path.startsWith("/")) return { pathname: path, query };
  // The absolute form, as a proxy sends it.
  const url = URL.canParse(target) ? new URL(target) : undefined;
  return { pathname: url?.pathname ?? "", query: url?.searchParams ?? query };
}

export function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooBig: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let idle: NodeJS.Timeout | undefined;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      if (size - chunk.length <= limit) {
        // Answered at once; the rest is read and dropped so that the client can read the answer,
        // but a body that goes on past twice the limit, or stalls, loses its connection.
        resolve({ body: Buffer.alloc(0), tooBig: true });
        idle = setTimeout(() => req.destroy(), OVERFLOW_IDLE_MS).unref();
        req.once("end", () => clearTimeout(idle));
      }
      idle?.refresh();
      if (size > 2 * limit) req.destroy();
    });
    req.on("end", () => resolve({ body: Buffer.concat(chunks), tooBig: false }));
    req.on("error", reject);
  });
}
