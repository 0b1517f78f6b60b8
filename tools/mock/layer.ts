// A thin HTTP layer around Prism's engine. In mock mode (mock-handler.ts) it judges each request with
// the policy both mocks share (src/mock/policy.ts: the validators and the error mapping compiled into
// generated/), answers a bad one itself with the error example the spec maps to it, and hands the rest
// to Prism's engine in this process (tools/mock/engine.ts) with the one operation it was routed to. In
// pass-through mode (pass-through.ts) it only forwards to an upstream and reports what Prism found
// there (`npm run verify`).
import { Agent, createServer, type IncomingMessage, type Server } from "node:http";
import { mockError } from "../../src/mock/report.js";
import type { Credential } from "../shared/openapi.js";
import { credentialSecrets } from "./credential-secrets.js";
import type { EngineViolation } from "./engine.js";
import { type Report, send } from "./http.js";
import { type MockLayerOptions, mockHandler } from "./mock-handler.js";
import { type PassThroughOptions, passThroughHandler } from "./pass-through.js";

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

interface Reporting {
  onExchange?: (exchange: Exchange) => void;
  /** Where the spec's security schemes put credentials: their values are the exchange's secrets. */
  credentials?: readonly Pick<Credential, "in" | "name">[];
}

export type LayerOptions = (MockLayerOptions & Reporting) | (PassThroughOptions & Reporting);

export function createLayer(options: LayerOptions): Server {
  const agent = new Agent({ keepAlive: true });
  const report = reporter(options.onExchange, options.credentials ?? []);
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

/** Hands each exchange to `onExchange`, with the request's credentials as the secrets not to print. */
function reporter(
  onExchange: Reporting["onExchange"],
  credentials: NonNullable<Reporting["credentials"]>,
): Report {
  return (req: IncomingMessage, status: number, violations: PrismViolation[]) => {
    if (!onExchange) return;
    const secrets = credentialSecrets(req, credentials);
    onExchange({ method: req.method ?? "", url: req.url ?? "", status, violations, secrets });
  };
}
