// A thin HTTP layer in front of Prism. In check mode it validates each request against the spec with
// the validators compiled into generated/, answers a bad one itself with the error example the spec
// maps to that kind of violation (see violations.ts), and forwards the rest to Prism untouched. In
// pass-through mode it only forwards and reports what Prism found (`npm run verify`).
import {
  Agent,
  createServer,
  type IncomingMessage,
  request,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import type { OpenAPIV3 } from "openapi-types";
import {
  type Answer,
  answerFor,
  answersOf,
  classify,
  formatViolation,
  type Violation,
} from "./violations.js";

/** Prism's own limit for a request body; the layer never forwards more than it accepts. */
export const DEFAULT_MAX_BODY_BYTES = 10 * 1024 * 1024;
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;
// Not forwarded either way: they describe one connection, not the message.
const HOP_BY_HOP = ["connection", "keep-alive", "transfer-encoding", "upgrade", "proxy-connection"];

/** The shape of generated/<stem>.validators.ts's `operations` table. */
export interface Validate {
  (data: unknown): boolean;
  errors?: { instancePath: string; keyword: string; params: Record<string, unknown> }[] | null;
}
export interface OperationContract {
  method: string;
  path: string;
  parameters: readonly { name: string; in: string; required: boolean; validate: Validate }[];
  requestBody: { required: boolean; validate: Validate } | undefined;
  responses: Readonly<Record<string, Validate>>;
}

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
  /** The dereferenced spec. */
  api: OpenAPIV3.Document;
  /** The compiled validators, by operationId; without them the layer only forwards. */
  contracts?: Readonly<Record<string, OperationContract>>;
  /** Where valid requests go; awaited once per request, so it may resolve once the upstream is up. */
  upstream: Promise<URL>;
  maxBodyBytes?: number;
  onExchange?: (exchange: Exchange) => void;
}

interface Route {
  operationId: string;
  method: string;
  pattern: RegExp;
  names: string[];
  literal: number;
  operation: OpenAPIV3.OperationObject;
  answers: Answer[];
}

export function createLayer(options: LayerOptions): Server {
  const routes = routesOf(options.api);
  const allAnswers = routes.flatMap((r) => r.answers);
  const maxBodyBytes = options.contracts ? (options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES) : Infinity;
  const agent = new Agent({ keepAlive: true });

  const answer = (req: IncomingMessage, res: ServerResponse, answers: Answer[], violation: Violation) => {
    const chosen = answerFor(answers, violation);
    const where = formatViolation(violation);
    if (!chosen)
      return reply(req, res, 500, mockError("MOCK.NO_ANSWER", `no error example answers ${where}`));
    const location = ["request", violation.in, ...violation.at.split("/").filter(Boolean)];
    reply(req, res, chosen.status, chosen.value, [
      { location, severity: "Error", code: violation.kind, message: where },
    ]);
  };

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
    const method = (req.method ?? "GET").toLowerCase();
    const { body, tooBig } = await readBody(req, maxBodyBytes);
    // A CORS preflight is Prism's to answer, as it is without the layer.
    const preflight =
      method === "options" && !!req.headers.origin && !!req.headers["access-control-request-method"];
    if (!options.contracts || preflight) return forward(req, res, body, []);

    const onPath = routes.filter((r) => r.pattern.test(url.pathname));
    const route = onPath.find((r) => r.method === method);
    if (!route) {
      const kind = onPath.length > 0 ? "method-not-allowed" : "route-unknown";
      return answer(req, res, onPath[0]?.answers ?? allAnswers, { in: "request", at: "", kind });
    }
    if (tooBig) return answer(req, res, route.answers, { in: "body", at: "", kind: "too-big" });
    const contract = options.contracts[route.operationId];
    if (!contract)
      throw new Error(`generated/ has no validators for ${route.operationId}: run npm run generate`);
    const violation =
      checkParameters(contract, route, url, req) ?? checkBody(contract, route.operation, req, body);
    if (violation) return answer(req, res, route.answers, violation);
    const preferError = checkPrefer(route.operation, req, url);
    if (preferError) return reply(req, res, 400, mockError("MOCK.PREFER", preferError));
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

function routesOf(api: OpenAPIV3.Document): Route[] {
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(api.paths)) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation?.operationId) continue;
      const names: string[] = [];
      const source = path
        .split(/(\{[^}]+\})/)
        .map((part) => {
          const name = /^\{([^}]+)\}$/.exec(part)?.[1];
          if (name === undefined) return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
          names.push(name);
          return "([^/]*)";
        })
        .join("");
      const literal = path.replace(/\{[^}]+\}/g, "").length;
      routes.push({
        operationId: operation.operationId,
        method,
        pattern: new RegExp(`^${source}$`),
        names,
        literal,
        operation,
        answers: answersOf(operation),
      });
    }
  }
  // A path with more fixed text is the more specific one, as OpenAPI asks.
  return routes.sort((a, b) => b.literal - a.literal);
}

function checkParameters(
  contract: OperationContract,
  route: Route,
  url: URL,
  req: IncomingMessage,
): Violation | undefined {
  const segments = route.pattern.exec(url.pathname)?.slice(1) ?? [];
  for (const parameter of contract.parameters) {
    const where = parameter.in as "path" | "header" | "query";
    let raw: string | undefined;
    if (where === "path") {
      const segment = segments[route.names.indexOf(parameter.name)] ?? "";
      // An empty segment names nothing, whatever the schema allows.
      if (segment === "") return { in: "path", at: parameter.name, kind: "empty" };
      raw = safeDecode(segment);
      if (raw === undefined) return { in: "path", at: parameter.name, kind: "invalid" };
    } else if (where === "header") {
      const value = req.headers[parameter.name.toLowerCase()];
      raw = Array.isArray(value) ? value.join(", ") : value;
    } else if (where === "query") {
      raw = url.searchParams.get(parameter.name) ?? undefined;
    } else continue;
    if (raw === undefined) {
      if (parameter.required) return { in: where, at: parameter.name, kind: "missing" };
      continue;
    }
    if (parameter.validate(raw)) continue;
    const issue = parameter.validate.errors?.[0];
    const parsed = scalar(raw);
    if (parsed !== raw && parameter.validate(parsed)) continue;
    if (issue) return classify(where, parameter.name, raw, issue);
  }
  return undefined;
}

function checkBody(
  contract: OperationContract,
  operation: OpenAPIV3.OperationObject,
  req: IncomingMessage,
  body: Buffer,
): Violation | undefined {
  const spec = contract.requestBody;
  if (!spec) return undefined;
  const root = (kind: Violation["kind"]): Violation => ({ in: "body", at: "", kind });
  if (body.length === 0) return spec.required ? root("missing") : undefined;
  const mediaType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
  const documented = Object.keys((operation.requestBody as OpenAPIV3.RequestBodyObject).content);
  if (!documented.some((m) => m.toLowerCase() === mediaType)) return root("not-json");
  let data: unknown;
  try {
    data = JSON.parse(body.toString("utf8"));
  } catch {
    return root("not-json");
  }
  if (spec.validate(data)) return undefined;
  const issue = spec.validate.errors?.[0];
  return issue ? classify("body", "", data, issue) : root("invalid");
}

/**
 * Prism answers a Prefer (or `__code`/`__example` query) it cannot satisfy with its own
 * problem+json; the layer says what is wrong in the envelope instead.
 */
function checkPrefer(
  operation: OpenAPIV3.OperationObject,
  req: IncomingMessage,
  url: URL,
): string | undefined {
  const header = [req.headers.prefer ?? []].flat().join(",");
  const wanted = header ? preferences(header) : queryPreferences(url);
  const statuses = Object.keys(operation.responses);
  let status = statuses.filter((s) => /^2\d\d$/.test(s)).sort()[0] ?? statuses[0];
  const { code, example, dynamic } = wanted;
  if (code !== undefined) {
    if (!/^\d{3}$/.test(code) || !(code in operation.responses || "default" in operation.responses)) {
      return `Prefer code=${code} is not a status ${operation.operationId} documents (${statuses.join(", ")})`;
    }
    status = code in operation.responses ? code : "default";
  }
  if (dynamic !== undefined && dynamic !== "true" && dynamic !== "false") {
    return `Prefer dynamic=${dynamic} must be true or false`;
  }
  if (example === undefined) return undefined;
  const response =
    status === undefined ? undefined : (operation.responses[status] as OpenAPIV3.ResponseObject);
  const names = Object.keys(response?.content?.["application/json"]?.examples ?? {});
  if (names.includes(example)) return undefined;
  return `Prefer example=${example} is not an example of ${operation.operationId}'s ${status} response (${names.join(", ") || "it has none"})`;
}

function preferences(header: string): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {};
  for (const part of header.split(/[,;]/)) {
    const [key, ...rest] = part.split("=");
    if (!key || rest.length === 0) continue;
    found[key.trim().toLowerCase()] = rest
      .join("=")
      .trim()
      .replace(/^"(.*)"$/, "$1");
  }
  return found;
}

function queryPreferences(url: URL): Partial<Record<string, string>> {
  const found: Partial<Record<string, string>> = {};
  for (const key of ["code", "example", "dynamic"]) {
    const value = url.searchParams.get(`__${key}`);
    if (value !== null) found[key] = value;
  }
  return found;
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

function mockError(code: string, message: string) {
  return { error_code: code, error_msg: message };
}

/** Path, header and query values arrive as text; a number or boolean schema wants the parsed value. */
function scalar(raw: string): unknown {
  return /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false)$/.test(raw) ? JSON.parse(raw) : raw;
}

function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
