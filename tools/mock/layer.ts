// A thin HTTP layer around Prism's engine. In mock mode it judges each request with the policy both
// mocks share (src/mock/policy.ts: the validators and the error mapping compiled into generated/),
// answers a bad one itself with the error example the spec maps to it, and hands the rest to Prism's
// engine in this process (tools/mock/engine.ts) with the one operation it was routed to. In pass-through
// mode it only forwards to an upstream and reports what Prism found there (`npm run verify`).
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { IHttpRequest } from "@stoplight/prism-http";
import { corsHeaders, preflightAnswer } from "../../src/mock/cors.js";
import { judge } from "../../src/mock/policy.js";
import { mockError, slViolation } from "../../src/mock/report.js";
import { routesOf } from "../../src/mock/routes.js";
import { isReset, type StatefulMock } from "../../src/mock/stateful.js";
import { type Call, DEFAULT_MAX_BODY_BYTES, type Generated } from "../../src/mock/types.js";
import type { Engine, EngineViolation } from "./engine.js";

// Not forwarded either way: they describe one connection, not the message.
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"];
// Prism's server cuts a longer sl-violations header, so that no client refuses the answer for it.
const MAX_VIOLATIONS_HEADER = 8 * 1024 - 100;

/** One request and its response as they passed through, for reporting. */
export interface Exchange {
  method: string;
  url: string;
  status: number;
  /** Prism's `sl-violations` header, parsed; empty when there was none. */
  violations: PrismViolation[];
  /** Values that must not be printed (the request's credentials). */
  secrets: string[];
}
export type PrismViolation = EngineViolation;

export type LayerOptions =
  | {
      /** The spec's generated modules: what the layer judges requests by. */
      generated: Generated;
      /** Prism's engine, which answers the requests the layer lets through. */
      engine: Engine;
      /** The stateful mode: answers the valid requests it knows from its state, and the reset. */
      stateful?: StatefulMock;
      maxBodyBytes?: number;
      onExchange?: (exchange: Exchange) => void;
    }
  | {
      /** Where every request goes unjudged; awaited once per request, so it may resolve once it is up. */
      upstream: Promise<URL>;
      onExchange?: (exchange: Exchange) => void;
    };

export function createLayer(options: LayerOptions): Server {
  const report = (req: IncomingMessage, status: number, violations: PrismViolation[]) => {
    if (!options.onExchange) return;
    const secrets = [req.headers["x-auth-token"]].flat().filter((s): s is string => !!s);
    options.onExchange({ method: req.method ?? "", url: req.url ?? "", status, violations, secrets });
  };
  const agent = new Agent({ keepAlive: true });
  const handle =
    "engine" in options ? mockHandler(options, report) : passThroughHandler(options, agent, report);
  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) send(req, res, 500, {}, JSON.stringify(mockError("MOCK.INTERNAL", message)));
      else res.destroy();
    });
  }).on("close", () => agent.destroy());
}

type Report = (req: IncomingMessage, status: number, violations: PrismViolation[]) => void;
type Handler = (req: IncomingMessage, res: ServerResponse) => Promise<void>;

/** Judges each request, answers a bad one itself, and has Prism's engine answer the rest. */
function mockHandler(options: Extract<LayerOptions, { engine: Engine }>, report: Report): Handler {
  const routes = routesOf(options.generated);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (req, res) => {
    const { pathname, query } = targetOf(req.url ?? "/");
    const { body, tooBig } = await readBody(req, maxBodyBytes);
    const call: Call = { method: req.method ?? "GET", pathname, query, header: headerOf(req), body, tooBig };
    const preflight = preflightAnswer(call);
    if (preflight) {
      res.writeHead(preflight.status, { ...preflight.headers, "content-length": "0" });
      res.end();
      return report(req, preflight.status, []);
    }
    const { stateful } = options;
    if (stateful && isReset(call)) {
      const { status } = stateful.answerReset(call.query);
      send(req, res, status, {}, "");
      return report(req, status, []);
    }
    const verdict = judge(routes, call);
    if (verdict.kind === "refused") {
      const { status, body: answer, violation } = verdict;
      const violations = violation ? [slViolation(violation)] : [];
      send(req, res, status, violationHeader(violations), JSON.stringify(answer));
      return report(req, status, violations);
    }
    const stored = stateful?.answerJudged(verdict, call);
    if (stored) {
      send(req, res, stored.status, {}, JSON.stringify(stored.body));
      return report(req, stored.status, []);
    }
    const { code, example, dynamic, seed } = verdict.prefer;
    const answer = await options.engine.answer(
      prismRequest(req, pathname, query, body),
      verdict.route.operationId,
      {
        ...(code === undefined ? {} : { code }),
        ...(example === undefined ? {} : { exampleKey: example }),
        ...(dynamic === undefined ? {} : { dynamic }),
        ...(seed === undefined ? {} : { seed }),
      },
    );
    send(req, res, answer.status, { ...answer.headers, ...violationHeader(answer.violations) }, answer.body);
    report(req, answer.status, answer.violations);
  };
}

/** The request as Prism's server hands it to the engine. */
function prismRequest(
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
  body: Buffer,
): IHttpRequest {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    // The service ignores Accept; Prism would answer a non-JSON Accept with its own 406.
    if (value === undefined || name === "accept") continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const all = query.getAll(key);
    values[key] = all.length === 1 ? (all[0] as string) : all;
  }
  const server = query.get("__server");
  return {
    method: (req.method ?? "get").toLowerCase() as IHttpRequest["method"],
    url: { path, query: values, ...(server ? { baseUrl: server } : {}) },
    headers,
    body: parsedBody(body, headers["content-type"]),
  };
}

/** JSON media types as JSON (the layer has already refused a body that is not), anything else as text. */
function parsedBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return null;
  const text = body.toString("utf8");
  if (!/^application\/([^;]*\+)?json\b/i.test(contentType ?? "")) return text;
  try {
    return JSON.parse(text);
  } catch {
    // An operation that documents no body gets it unjudged; Prism sees what was sent.
    return text;
  }
}

/** Forwards every request and reports the upstream's answer (with Prism's findings, when in front). */
function passThroughHandler(
  options: Extract<LayerOptions, { upstream: Promise<URL> }>,
  agent: Agent,
  report: Report,
): Handler {
  return async (req, res) => {
    const { body } = await readBody(req, Infinity);
    const target = await options.upstream;
    const headers = { ...req.headers };
    for (const name of HOP_BY_HOP) delete headers[name];
    if (body.length > 0 || headers["content-length"] !== undefined)
      headers["content-length"] = String(body.length);
    const upstream = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
      (response) => {
        const out = { ...response.headers };
        for (const name of HOP_BY_HOP) delete out[name];
        res.writeHead(response.statusCode ?? 502, out);
        response.pipe(res);
        report(req, response.statusCode ?? 0, parseViolations(response.headers["sl-violations"]));
      },
    );
    upstream.on("error", (error) => {
      if (res.headersSent) return res.destroy();
      const status = 502;
      send(
        req,
        res,
        status,
        {},
        JSON.stringify(mockError("MOCK.UPSTREAM", `upstream failed: ${error.message}`)),
      );
      report(req, status, []);
    });
    upstream.end(body);
  };
}

function send(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  headers: Record<string, string>,
  text: string,
): void {
  const all: Record<string, string> = { "content-type": "application/json", ...headers };
  res.writeHead(status, {
    ...corsHeaders(headerOf(req), Object.keys(all)),
    ...all,
    "content-length": String(Buffer.byteLength(text)),
  });
  res.end(text);
}

/** Prism's header for what was wrong, so a developer sees why in devtools. */
function violationHeader(violations: readonly PrismViolation[]): Record<string, string> {
  if (violations.length === 0) return {};
  const value = JSON.stringify(violations);
  return {
    "sl-violations":
      value.length > MAX_VIOLATIONS_HEADER
        ? `Too many violations! ${value.slice(0, MAX_VIOLATIONS_HEADER)}`
        : value,
  };
}

function headerOf(req: IncomingMessage): Call["header"] {
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

/** Starts the layer on `host` (loopback unless told); resolves with its URL once it listens. */
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

function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooBig: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client can still read the answer.
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.on("end", () =>
      resolve({ body: size > limit ? Buffer.alloc(0) : Buffer.concat(chunks), tooBig: size > limit }),
    );
    req.on("error", reject);
  });
}

function parseViolations(header: string | string[] | undefined): PrismViolation[] {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : [];
  } catch {
    // Prism truncates a very long header and prefixes it; keep what it said.
    return [{ location: [], severity: "Error", message: text }];
  }
}
