// A thin HTTP layer in front of Prism. In check mode it judges each request with the policy both
// mocks share (src/mock-policy.ts: the validators and the error mapping compiled into generated/),
// answers a bad one itself with the error example the spec maps to it, and forwards the rest to Prism
// untouched. In pass-through mode it only forwards and reports what Prism found (`npm run verify`).
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import {
  type Call,
  DEFAULT_MAX_BODY_BYTES,
  type Generated,
  isPreflight,
  judge,
  mockError,
  routesOf,
  slViolation,
} from "../src/mock-policy.js";

// Not forwarded either way: they describe one connection, not the message.
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"];

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
export interface PrismViolation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

export interface LayerOptions {
  /** The spec's generated modules; without them the layer only forwards. */
  generated?: Generated;
  /** Where valid requests go; awaited once per request, so it may resolve once the upstream is up. */
  upstream: Promise<URL>;
  maxBodyBytes?: number;
  onExchange?: (exchange: Exchange) => void;
}

export function createLayer(options: LayerOptions): Server {
  const routes = options.generated ? routesOf(options.generated) : undefined;
  const maxBodyBytes = routes ? (options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : Infinity;
  const agent = new Agent({ keepAlive: true });

  const reply = (
    req: IncomingMessage,
    res: ServerResponse,
    status: number,
    body: unknown,
    violations: PrismViolation[] = [],
  ) => {
    const text = JSON.stringify(body);
    res.writeHead(status, {
      ...corsHeaders(req),
      // Prism's header for what was wrong with the request, so a developer sees why in devtools.
      ...(violations.length > 0 ? { "sl-violations": JSON.stringify(violations) } : {}),
      "content-type": "application/json",
      "content-length": Buffer.byteLength(text),
    });
    res.end(text);
    report(req, status, violations);
  };

  const report = (req: IncomingMessage, status: number, violations: PrismViolation[]) => {
    if (!options.onExchange) return;
    const secrets = [req.headers["x-auth-token"]].flat().filter((s): s is string => !!s);
    options.onExchange({ method: req.method ?? "", url: req.url ?? "", status, violations, secrets });
  };

  const forward = async (req: IncomingMessage, res: ServerResponse, body: Buffer, drop: string[]) => {
    const target = await options.upstream;
    const headers = { ...req.headers };
    for (const name of [...HOP_BY_HOP, ...drop]) delete headers[name];
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
      if (!res.headersSent)
        reply(req, res, 502, mockError("MOCK.UPSTREAM", `upstream failed: ${error.message}`));
      else res.destroy();
    });
    upstream.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? "/", "http://layer");
    const { body, tooBig } = await readBody(req, maxBodyBytes);
    const call: Call = {
      method: req.method ?? "GET",
      pathname: url.pathname,
      query: url.searchParams,
      header: (name) => {
        const value = req.headers[name];
        return Array.isArray(value) ? value.join(", ") : value;
      },
      body,
      tooBig,
    };
    // A CORS preflight is Prism's to answer, as it is without the layer.
    if (!routes || isPreflight(call)) return forward(req, res, body, []);
    const verdict = judge(routes, call);
    if (verdict.kind === "refused") {
      const { status, body: answer, violation } = verdict;
      return reply(req, res, status, answer, violation ? [slViolation(violation)] : []);
    }
    // The service ignores Accept; Prism would answer a non-JSON Accept with its own 406.
    return forward(req, res, body, ["accept"]);
  };

  return createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      if (!res.headersSent) reply(req, res, 500, mockError("MOCK.INTERNAL", message));
      else res.destroy();
    });
  }).on("close", () => agent.destroy());
}

/** Starts the layer on 127.0.0.1; resolves with its URL once it listens. */
export function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
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

/** The CORS headers Prism sends on every response, for the answers the layer gives itself. */
function corsHeaders(req: IncomingMessage): Record<string, string> {
  const requested = req.headers["access-control-request-headers"];
  return {
    "access-control-allow-origin": req.headers.origin ?? "*",
    "access-control-allow-headers": (Array.isArray(requested) ? requested.join(",") : requested) ?? "*",
    "access-control-allow-credentials": "true",
    "access-control-expose-headers": "*",
  };
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
