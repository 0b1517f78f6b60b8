// The layer's mock mode: it judges each request by the policy both mocks share (src/mock/policy.ts),
// answers a bad one itself with the error example the spec maps to it, answers the stateful mode's
// calls from its state, and hands the rest to Prism's engine with the one operation it was routed to.
import type { IncomingMessage } from "node:http";
import type { IHttpRequest } from "@stoplight/prism-http";
import { formOf, readJson } from "../../src/mock/body.js";
import { preflightAnswer } from "../../src/mock/cors.js";
import { judge } from "../../src/mock/policy.js";
import { mockError, slViolation } from "../../src/mock/report.js";
import { routesOf } from "../../src/mock/routes.js";
import { isReset, type StatefulMock } from "../../src/mock/stateful.js";
import {
  type Call,
  DEFAULT_MAX_BODY_BYTES,
  type Generated,
  type Route,
  type Verdict,
} from "../../src/mock/types.js";
import type { Engine, EngineViolation, MockPreferences } from "./engine.js";
import { type Handler, headerOf, type Report, readBody, send, targetOf, violationHeader } from "./http.js";
import { resetRefusal } from "./reset-guard.js";

export interface MockLayerOptions {
  /** The spec's generated modules: what the layer judges requests by. */
  generated: Generated;
  /** Prism's engine, which answers the requests the layer lets through. */
  engine: Engine;
  /** The stateful mode: answers the valid requests it knows from its state, and the reset. */
  stateful?: StatefulMock;
  /** Prism makes every body up from its schema (`--dynamic`): no example or sample is served. */
  dynamic?: boolean;
  maxBodyBytes?: number;
}

/** A call as the layer read it: its body still the bytes Node gave, for Prism. */
type NodeCall = Call & { body: Buffer };

/** What the layer sends back: a JSON answer, and the violations its `sl-violations` header names. */
interface Reply {
  status: number;
  headers: Record<string, string>;
  text: string;
  violations: EngineViolation[];
}

/** Judges each request, answers a bad one itself, and has Prism's engine answer the rest. */
export function mockHandler(options: MockLayerOptions, report: Report): Handler {
  const routes = routesOf(options.generated);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (req, res) => {
    const call = await callOf(req, maxBodyBytes);
    const preflight = preflightAnswer(call);
    if (preflight) {
      res.writeHead(preflight.status, { ...preflight.headers, "content-length": "0" });
      res.end();
      return report(req, preflight.status, []);
    }
    const { status, headers, text, violations } = await replyTo(options, routes, req, call);
    send(req, res, status, { ...headers, ...violationHeader(violations) }, text);
    report(req, status, violations);
  };
}

async function callOf(req: IncomingMessage, maxBodyBytes: number): Promise<NodeCall> {
  const { pathname, query } = targetOf(req.url ?? "/");
  const { body, tooBig } = await readBody(req, maxBodyBytes);
  const form = await formOf(body, headerOf(req)("content-type"));
  return { method: req.method ?? "GET", pathname, query, header: headerOf(req), body, tooBig, form };
}

/** The reset, a refusal, the stateful mode's answer, or else Prism's. */
async function replyTo(
  options: MockLayerOptions,
  routes: readonly Route[],
  req: IncomingMessage,
  call: NodeCall,
): Promise<Reply> {
  const { stateful } = options;
  if (stateful && isReset(call)) {
    const refusal = resetRefusal(req);
    if (refusal) {
      const text = JSON.stringify(mockError("MOCK.RESET_REFUSED", refusal));
      return { status: 403, headers: {}, text, violations: [] };
    }
    return { status: stateful.answerReset(call.query).status, headers: {}, text: "", violations: [] };
  }
  const verdict = judge(routes, call);
  if (verdict.kind === "refused") {
    const { status, body, violation } = verdict;
    return {
      status,
      headers: {},
      // A documented refusal without a body (`value` undefined) is sent without one.
      text: body === undefined ? "" : JSON.stringify(body),
      violations: violation ? [slViolation(violation)] : [],
    };
  }
  const stored = stateful?.answerJudged(verdict, call);
  if (stored) {
    const text = stored.body === undefined ? "" : JSON.stringify(stored.body);
    return { status: stored.status, headers: {}, text, violations: [] };
  }
  const { route, status, example } = verdict;
  // An operation that documents no response (OpenAPI 3.1 allows it) leaves Prism nothing to mock: it
  // gets a success without a body, as the MSW handlers answer it.
  if (route.statuses.length === 0) return { status: verdict.code, headers: {}, text: "", violations: [] };
  // A JSON response the spec gives no example is served the sample made from its schema, as the MSW
  // handlers serve it: Prism would make up a body that its own check may then refuse.
  if (
    !options.dynamic &&
    !verdict.prefer.dynamic &&
    example === undefined &&
    !route.examples[status] &&
    status in route.samples
  ) {
    return { status: verdict.code, headers: {}, text: JSON.stringify(route.samples[status]), violations: [] };
  }
  return engineReply(options.engine, req, call, verdict);
}

/** Prism's answer to a valid call, for the operation it was routed to and what its `Prefer` chose. */
async function engineReply(
  engine: Engine,
  req: IncomingMessage,
  call: NodeCall,
  verdict: Extract<Verdict, { kind: "valid" }>,
): Promise<Reply> {
  const answer = await engine.answer(
    prismRequest(req, call.pathname, call.query, call.body),
    verdict.route.operationId,
    enginePreferences(verdict),
  );
  return { status: answer.status, headers: answer.headers, text: answer.body, violations: answer.violations };
}

/**
 * What Prism is asked for: the status the policy chose (its first success, else its first documented
 * status, unless `Prefer` chose another), and the rest of what `Prefer` asked for.
 */
function enginePreferences(verdict: Extract<Verdict, { kind: "valid" }>): MockPreferences {
  const { example, dynamic, seed } = verdict.prefer;
  return {
    code: verdict.code,
    ...(example === undefined ? {} : { exampleKey: example }),
    ...(dynamic === undefined ? {} : { dynamic }),
    ...(seed === undefined ? {} : { seed }),
  };
}

/** The request as Prism's server hands it to the engine. */
function prismRequest(
  req: IncomingMessage,
  path: string,
  query: URLSearchParams,
  body: Buffer,
): IHttpRequest {
  // JSON first, whatever the request accepts: the mocks judge and answer in JSON, and Prism would
  // otherwise serve a response's first media type (XML, say) or answer a non-JSON Accept with a 406.
  const headers: Record<string, string> = { accept: "application/json, */*;q=0.1" };
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || name === "accept") continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  const values: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    // Prism's `__server` would have it judge the URL against the spec's servers and answer its own
    // problem+json; the layer serves every server's paths alike, so it is dropped.
    if (key === "__server") continue;
    const all = query.getAll(key);
    values[key] = all.length === 1 ? (all[0] as string) : all;
  }
  return {
    method: (req.method ?? "get").toLowerCase() as IHttpRequest["method"],
    url: { path, query: values },
    headers,
    body: parsedBody(body, headers["content-type"]),
  };
}

/** JSON media types as JSON (the layer has already refused a body that is not), anything else as text. */
function parsedBody(body: Buffer, contentType: string | undefined): unknown {
  if (body.length === 0) return null;
  if (/^application\/([^;]*\+)?json\b/i.test(contentType ?? "")) {
    // judge() has read it already: this is the same reading, not a second parse.
    const reading = readJson(body);
    if (reading.ok) return reading.value;
  }
  return body.toString("utf8");
}
