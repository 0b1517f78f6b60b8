// Prism's HTTP engine (@stoplight/prism-http, the version prism-cli runs) in this process, configured
// as `prism mock` configures it. The layer routes each request itself and hands Prism only the one
// operation it picked, so Prism's own router scores one candidate, however many the spec has.
import { Writable } from "node:stream";
import { createLogger, type IPrismOutput } from "@stoplight/prism-core";
import {
  createInstance,
  type IHttpConfig,
  type IHttpOperationConfig,
  type IHttpRequest,
  type IHttpResponse,
  ProblemJsonError,
  resetJSONSchemaGenerator,
  VIOLATIONS,
} from "@stoplight/prism-http";
import type { IHttpOperation } from "@stoplight/types";
import { isLeft } from "fp-ts/lib/Either.js";
import { routedPath } from "../../src/mock/routes.js";
import { cachedOperations, type OperationsCache } from "./operations-cache.js";
import { prismOperations } from "./prism-operations.js";

export interface EngineOptions {
  /** Serve schema-generated data instead of the spec's examples. */
  dynamic?: boolean;
  /** The seed of generated data; Prism's CLI takes it with --seed. */
  seed?: string;
  /** Answer a response that breaks the spec with Prism's problem+json instead of sending it. */
  errors?: boolean;
  /** Where Prism's warnings and errors go, one line each. */
  log?: (line: string) => void;
  /** Keep the operations Prism read from the spec, for the next start (default: read it each time). */
  cache?: OperationsCache;
}

/** What `prism mock` would send: status, headers and the body as text. */
export interface EngineAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Prism's findings as its `sl-violations` header lists them. */
  violations: EngineViolation[];
}

export interface EngineViolation {
  location: string[];
  severity: string;
  code?: string | number;
  message: string;
}

/** What a request may ask of the mocker (Prism reads the same from `Prefer`). */
export type MockPreferences = Partial<Pick<IHttpOperationConfig, "code" | "exampleKey" | "dynamic" | "seed">>;

export interface Engine {
  /** Each operation of the spec, by operationId (as Prism read the document). */
  operations: ReadonlyMap<string, IHttpOperation>;
  answer(request: IHttpRequest, operationId: string, preferences: MockPreferences): Promise<EngineAnswer>;
}

export async function createEngine(spec: string, options: EngineOptions = {}): Promise<Engine> {
  const all = await (options.cache
    ? // Read only when called: mock start-up reads the spec only when the cache misses.
      cachedOperations(spec, prismOperations, options.cache)
    : prismOperations(spec));
  if (all.length === 0) throw new Error(`no operations in ${spec}`);
  // As the CLI does at start-up: json-schema-faker's options back to Prism's defaults.
  resetJSONSchemaGenerator();
  const operations = new Map(all.map((op) => [op.iid ?? `${op.method} ${op.path}`, op]));
  // Prism routes the request again, on its path: a template's part after a `#` is never sent.
  const routable = new Map([...operations].map(([id, op]) => [id, { ...op, path: routedPath(op.path) }]));
  const logger = createLogger("PRISM", { level: "warn" }, lineStream(options.log ?? (() => undefined)));
  const config: IHttpConfig = {
    isProxy: false,
    // The layer in front judges every request (src/mock/policy.ts), as the MSW handlers do: Prism only
    // answers the valid ones, so that the two mocks and the client never disagree on what is valid.
    validateRequest: false,
    // An example answer was checked against its schema when it was generated (the example checks of
    // `npm run check`); generated data, and --errors, which answers a broken one, are checked per answer.
    validateResponse: options.errors === true || options.dynamic === true,
    checkSecurity: false,
    errors: options.errors === true,
    upstreamProxy: undefined,
    mock: {
      dynamic: options.dynamic === true,
      ...(options.seed === undefined ? {} : { seed: options.seed }),
    },
  };
  const prism = createInstance(config, { logger });
  const staticAnswers = new Map<string, EngineAnswer>();

  const answer = async (
    request: IHttpRequest,
    operationId: string,
    preferences: MockPreferences,
  ): Promise<EngineAnswer> => {
    const operation = routable.get(operationId);
    if (!operation) throw new Error(`Prism read no operation ${operationId} from ${spec}`);
    const key = staticKey(operationId, operation, { ...config.mock, ...preferences });
    const kept = key === undefined ? undefined : staticAnswers.get(key);
    if (kept) return kept;
    // A fresh mock config per request: Prism's mocker writes the Accept header's types into it.
    const perRequest = { ...config, mock: { ...config.mock, ...preferences } };
    const result = await prism.request(request, [operation], perRequest)();
    // Prism's refusal (a status or example the operation does not document) is never kept, so the
    // keys kept are the spec's own statuses and example names, whatever a request's Prefer says.
    if (isLeft(result)) return problem(result.left);
    const fresh = answerOf(result.right, config.errors === true);
    if (key !== undefined) staticAnswers.set(key, fresh);
    return fresh;
  };
  return { operations, answer };
}

/**
 * What a static answer depends on. Without generated data (`dynamic`) and without callbacks to run,
 * Prism's mocker answers from the operation and the status and example asked for alone (the layer
 * fixes the Accept header and has judged the request already), so its answer to the first such
 * request serves every later one. `undefined`: the answer is made afresh for each request.
 */
function staticKey(
  operationId: string,
  operation: IHttpOperation,
  asked: MockPreferences,
): string | undefined {
  if (asked.dynamic || (operation.callbacks?.length ?? 0) > 0) return undefined;
  return JSON.stringify([operationId, asked.code ?? null, asked.exampleKey ?? null]);
}

/** Prism's output as `prism mock` sends it, or its problem+json for a broken one under --errors. */
function answerOf({ output, validations }: IPrismOutput<IHttpResponse>, errors: boolean): EngineAnswer {
  const violations = [
    ...validations.input.map((v) => violationOf("request", v)),
    ...validations.output.map((v) => violationOf("response", v)),
  ];
  const broken = violations.filter((v) => v.location[0] === "response" && v.severity === "Error");
  if (errors && broken.length > 0) {
    const detail =
      "Your request/response is not valid and the --errors flag is set, so Prism is generating this error for you.";
    return {
      ...problem(ProblemJsonError.fromTemplate(VIOLATIONS, detail, { validation: broken })),
      violations,
    };
  }
  // Node writes header names as given; Prism's own spell content-type as "Content-type".
  const headers = Object.fromEntries(
    Object.entries(output.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value]),
  );
  return { status: output.statusCode, headers, body: serialize(output.body, headers), violations };
}

const SEVERITIES = ["Error", "Warning", "Information", "Hint"];

function violationOf(
  side: "request" | "response",
  v: { path?: string[]; severity: number; code?: string | number; message: string },
): EngineViolation {
  return {
    location: [side, ...(v.path ?? [])],
    severity: SEVERITIES[v.severity] ?? String(v.severity),
    ...(v.code === undefined ? {} : { code: v.code }),
    message: v.message,
  };
}

function problem(
  error: Error & { status?: number | undefined; additional?: Record<string, unknown> | undefined },
): EngineAnswer {
  const extra = error.additional?.headers;
  return {
    status: error.status ?? 500,
    headers: {
      ...(typeof extra === "object" && extra ? (extra as Record<string, string>) : {}),
      "content-type": "application/problem+json",
    },
    body: JSON.stringify(
      ProblemJsonError.toProblemJson(error as Parameters<typeof ProblemJsonError.toProblemJson>[0]),
    ),
    violations: [],
  };
}

/** The body as Prism's server writes it: JSON for a JSON media type, a string as it is. */
function serialize(body: unknown, headers: Record<string, string>): string {
  const type = headers["content-type"] ?? "";
  if (body === undefined || body === null) return /json/i.test(type) && body === null ? "null" : "";
  if (typeof body === "string" && !/[/+]json\b/i.test(type)) return body;
  return JSON.stringify(body);
}

/** A pino destination that hands each log record's message on as one line. */
function lineStream(log: (line: string) => void): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split("\n")) {
        if (!line.trim()) continue;
        try {
          const record = JSON.parse(line) as { msg?: string; name?: string };
          log(`[${record.name ?? "PRISM"}] ${record.msg ?? line}`);
        } catch {
          log(line);
        }
      }
      done();
    },
  });
}
