// The layer's pass-through mode (`npm run verify`): every request forwarded unjudged to an upstream,
// and what it answered reported, with Prism's findings when Prism is that upstream.
import { type Agent, request } from "node:http";
import { mockError } from "../../src/mock/report.js";
import type { EngineViolation } from "./engine.js";
import { type Handler, type Report, readBody, send } from "./http.js";

// Not forwarded either way: they describe one connection, not the message.
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"];

export interface PassThroughOptions {
  /** Where every request goes unjudged; awaited once per request, so it may resolve once it is up. */
  upstream: Promise<URL>;
}

/** Forwards every request and reports the upstream's answer (with Prism's findings, when in front). */
export function passThroughHandler(options: PassThroughOptions, agent: Agent, report: Report): Handler {
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

function parseViolations(header: string | string[] | undefined): EngineViolation[] {
  const text = Array.isArray(header) ? header[0] : header;
  if (!text) return [];
  try {
    const parsed: unknown = JSON.parse(text);
    return Array.isArray(parsed) ? (parsed as EngineViolation[]) : [];
  } catch {
    // Prism truncates a very long header and prefixes it; keep what it said.
    return [{ location: [], severity: "Error", message: text }];
  }
}
