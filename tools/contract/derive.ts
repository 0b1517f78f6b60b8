// The contract cases, derived from the parsed spec alone: one per operation × documented status ×
// named example, one per named request example, and the negative cases each request schema implies.
// The contract suite runs them against the mock; `npm run test:provider` runs the ones a real server
// can answer against it. Nothing here names an operation, a field or an error code.
import { mappedAnswer, refusalOf } from "../../src/mock/answers.js";
import { servedStatus, statusCode } from "../../src/mock/prefer.js";
import { bySpecificity, routesOn } from "../../src/mock/routes.js";
import type { Violation } from "../../src/mock/types.js";
import { HTTP_METHODS } from "../shared/openapi.js";
import {
  baseRequest,
  type ContractCase,
  type DeriveOptions,
  refusalExpectation,
  refusalName,
} from "./case.js";
import { type ContractSpec, mediaExamples, type Operation, schemaAccepts } from "./contract-spec.js";
import { negativeCases } from "./negative.js";

export function deriveCases(spec: ContractSpec, options: DeriveOptions = {}): ContractCase[] {
  const cases = [
    ...spec.operations.flatMap((op) => [
      ...exampleCases(op, options),
      ...requestCases(op, options),
      ...negativeCases(op, options),
      ...routeCases(spec, op, options),
      ...literalNameCases(spec, op, options),
    ]),
    ...unknownRouteCase(spec, options),
  ];
  return cases
    .filter((c) => fetchReceives(c.expect.status))
    .map((c) => {
      const providerSkip = spec.operations.find((op) => op.operationId === c.operationId)?.providerSkip;
      return providerSkip ? { ...c, providerSkip } : c;
    });
}

/**
 * Whether a fetch client can be answered with `status` at all: a 1xx is never a final response, and
 * the Fetch standard makes a 407 a network error. A case expecting one could never pass.
 */
export function fetchReceives(status: number): boolean {
  return status >= 200 && status !== 407;
}

/**
 * A method no operation serves on the operation's URL (the path with its parameters filled in, which
 * another path's template may match too), once per path, on its first operation.
 */
function routeCases(spec: ContractSpec, op: Operation, options: DeriveOptions): ContractCase[] {
  const onPath = spec.operations.filter((o) => o.path === op.path);
  if (onPath[0] !== op) return [];
  const { body: _body, ...base } = baseRequest(op, options);
  const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(base.pathParams[name] ?? ""),
  );
  const served = routesOn(spec.operations, url).map((o) => o.method);
  // Not OPTIONS (a preflight), HEAD (no body to judge) or TRACE (which fetch refuses to send).
  const method = HTTP_METHODS.find((m) => !["options", "head", "trace"].includes(m) && !served.includes(m));
  if (!method) return [];
  const violation: Violation = { in: "request", at: "", kind: "method-not-allowed" };
  // As the mocks answer it: by the first operation on the URL, the most specific path first.
  const answering = routesOn(spec.operations, url).sort((a, b) => bySpecificity(a.path, b.path))[0] ?? op;
  const refusal = refusalOf(answering, violation);
  // No body: some methods cannot carry one, and the method alone is what is wrong.
  return [
    {
      ...base,
      // The answer is the answering operation's refusal, and is judged by what that one documents.
      operationId: answering.operationId,
      method,
      id: `${op.operationId} ${method.toUpperCase()} ${op.path}`,
      kind: "negative",
      title: `answers ${method.toUpperCase()}, a method the path does not document, with ${refusalName(refusal)}`,
      expect: refusalExpectation(refusal, violation),
      provider: false,
    },
  ];
}

/**
 * A path parameter set to another path's literal segment (e.g. an instance named `image`), where the
 * URL then matches another template too: the request still reaches this operation, the one whose
 * literal segment comes first (`bySpecificity`). Only when this operation wins; never sent to a
 * real server, which would create or delete such a resource.
 */
function literalNameCases(spec: ContractSpec, op: Operation, options: DeriveOptions): ContractCase[] {
  const literals = [...new Set(spec.operations.flatMap((o) => o.path.split("/")))].filter(
    (segment) => segment !== "" && !segment.includes("{"),
  );
  const served = servedStatus(Object.keys(op.responses));
  const base = baseRequest(op, options);
  const cases: ContractCase[] = [];
  for (const parameter of op.parameters.filter((p) => p.in === "path")) {
    for (const literal of literals.filter((l) => schemaAccepts(parameter.schema, l))) {
      const pathParams = { ...base.pathParams, [parameter.name]: literal };
      const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => pathParams[name] ?? "");
      const matching = routesOn(spec.operations, url).filter((o) => o.method === op.method);
      if (matching.length < 2) continue;
      const winner = matching.sort((a, b) => bySpecificity(a.path, b.path))[0];
      if (winner !== op) continue;
      cases.push({
        ...base,
        pathParams,
        id: `${op.operationId} request with ${parameter.name} ${literal}`,
        kind: "request",
        title: `answers ${op.method.toUpperCase()} ${url}, which another path matches too, with ${served}`,
        expect: { status: statusCode(served), ...firstExample(op, served) },
        provider: false,
      });
    }
  }
  return cases;
}

function firstExample(op: Operation, status: string): { example?: { name: string; value: unknown } } {
  const first = mediaExamples(op.responses[status]?.media)[0];
  return first ? { example: first } : {};
}

/** A path the spec does not document, once per spec. */
function unknownRouteCase(spec: ContractSpec, options: DeriveOptions): ContractCase[] {
  const first = spec.operations[0];
  const violation: Violation = { in: "request", at: "", kind: "route-unknown" };
  // As the mocks answer it: the first operation that maps it, else the first operation's fallback.
  const answering = spec.operations.find((o) => mappedAnswer(o.answers, violation)) ?? first;
  if (!first || !answering) return [];
  const refusal = refusalOf(answering, violation);
  const base = baseRequest(first, options);
  return [
    {
      ...base,
      path: "/no-such-route",
      pathParams: {},
      id: "a path the spec does not document",
      kind: "negative",
      title: `answers a path the spec does not document with ${refusalName(refusal)}`,
      expect: refusalExpectation(refusal, violation),
      provider: false,
    },
  ];
}

/** One case per documented status × named example (or one per status without named examples). */
function exampleCases(op: Operation, options: DeriveOptions): ContractCase[] {
  const base = baseRequest(op, options);
  return Object.entries(op.responses).flatMap(([status, { media }]) => {
    const code = preferCode(status);
    // A status that never carries a body (204, 304 …) is served without its example, if it has one.
    const named = NO_BODY_STATUSES.has(code) ? [] : mediaExamples(media);
    if (named.length === 0) {
      return [
        {
          ...base,
          id: `${op.operationId} ${status}`,
          kind: "example" as const,
          title: `serves a ${status} that matches its schema when asked for it`,
          prefer: `code=${code}`,
          expect: { status: code },
          provider: false,
        },
      ];
    }
    return named.map(({ name, value }) => ({
      ...base,
      id: `${op.operationId} ${status} ${name || "example"}`,
      kind: "example" as const,
      title: `serves the ${status} example ${name || "(unnamed)"} when asked for it`,
      prefer: name ? `code=${code}, example=${name}` : `code=${code}`,
      expect: { status: code, example: { name, value } },
      provider: false,
    }));
  });
}

/**
 * One case per named request example (or, without one, the request made of the spec's examples and
 * its schemas' samples): sent as it is, it gets the response the mock serves a valid request.
 */
function requestCases(op: Operation, options: DeriveOptions): ContractCase[] {
  const served = servedStatus(Object.keys(op.responses));
  const bodies = op.requestMedia ? mediaExamples(op.requestMedia.media) : [];
  const requests = bodies.length > 0 ? bodies : [{ name: "", value: undefined }];
  return requests.map(({ name, value }) => {
    const label = name || (op.requestMedia ? "made of the spec's examples" : "without body");
    return {
      ...baseRequest(op, options, value),
      id: `${op.operationId} request ${label}`,
      kind: "request" as const,
      title: `answers the request ${label} with ${served}`,
      expect: { status: statusCode(served), ...firstExample(op, served) },
      provider: true,
    };
  });
}

const NO_BODY_STATUSES = new Set([204, 205, 304]);

/** The status that asks for a documented response with Prefer: its own, or 500 for `default` or a range. */
function preferCode(status: string): number {
  return /^\d{3}$/.test(status) ? Number(status) : 500;
}
