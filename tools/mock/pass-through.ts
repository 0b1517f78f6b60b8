// The layer's pass-through mode (`npm run verify`): every request forwarded unjudged to an upstream,
// and what it answered reported, with Prism's findings when Prism is that upstream.
import { type Agent, request } from "node:http";
import { mockError } from "../../src/mock/report.js";
import { FROM_UPSTREAM, GUARD_REFUSAL, REDIRECT_TARGET } from "../verify/guard.js";
import type { EngineViolation } from "./engine.js";
import { type Handler, type Report, readBody, send } from "./http.js";

// Not forwarded either way: they describe one connection, not the message.
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"];

export interface PassThroughOptions {
  /** Where every request goes unjudged; awaited once per request, so it may resolve once it is up. */
  upstream: Promise<URL>;
  /** The largest request body forwarded; a larger one is answered 413 and reported. */
  maxBodyBytes: number;
}

/** Forwards every request and reports the upstream's answer (with Prism's findings, when in front). */
export function passThroughHandler(options: PassThroughOptions, agent: Agent, report: Report): Handler {
  return async (req, res) => {
    const { body, tooBig } = await readBody(req, options.maxBodyBytes);
    if (tooBig) {
      const message = `the request body is over ${options.maxBodyBytes} bytes: not forwarded`;
      send(req, res, 413, {}, JSON.stringify(mockError("MOCK.TOO_LARGE", message)));
      return report(req, 413, [{ location: ["request", "body"], severity: "Error", message }]);
    }
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
        const found = guardFindings(out);
        res.writeHead(response.statusCode ?? 502, out);
        response.pipe(res);
        const violations = parseViolations(response.headers["sl-violations"]);
        report(req, response.statusCode ?? 0, [...found, ...violations]);
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

/**
 * What the guard in front of the upstream (tools/verify/guard.ts) says of an answer, as violations,
 * its headers taken off `headers` (a redirect's target put back as its `location`): an answer that did
 * not come from the upstream, and why; a redirect, which was not followed.
 */
function guardFindings(headers: Record<string, string | string[] | undefined>): EngineViolation[] {
  const [fromUpstream, refusal, redirect] = [FROM_UPSTREAM, GUARD_REFUSAL, REDIRECT_TARGET].map((name) => {
    const value = headers[name];
    delete headers[name];
    return Array.isArray(value) ? value[0] : value;
  });
  const found = (message: string): EngineViolation => ({
    location: ["response"],
    severity: "Error",
    message,
  });
  if (refusal !== undefined) return [found(`not the upstream's answer: ${refusal}`)];
  if (fromUpstream === undefined) return [found("not the upstream's answer: Prism made it itself")];
  if (redirect === undefined) return [];
  headers.location = redirect;
  return [found(`a redirect to ${redirect}, not followed`)];
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
