// generated/NAME.examples.ts: every operation's named request and response examples, typed against
// NAME.ts, and the policy both mocks judge requests by.

import type { Ajv } from "ajv";
import type { OpenAPIV3 } from "openapi-types";
import { fallbackOf, validSample } from "../mock/fallback.js";
import { answersOf } from "../mock/violations.js";
import { jsonMedia, type OperationAt, operationsOf, specAjv } from "../shared/openapi.js";
import { header, key, list, q, sibling } from "./module-text.js";
import { SHARED_TYPES } from "./shared-types-module.js";
import { type RefuseAt, stateExport, statePlan } from "./state/plan.js";

/** A declaration at fault, without its line: for a document read without positions. */
const refuseWithoutLine: RefuseAt = (path, reason) => {
  throw new Error(`${path.join(" > ")}: ${reason}`);
};

/**
 * The named examples in spec order (the mock serves the first one by default), as a typed module:
 * `satisfies` makes the type check prove every example fits the types the client uses. Beside them,
 * the policy of src/mock/policy.ts, with each error example's selectors already parsed.
 */
export function examplesModule(
  api: OpenAPIV3.Document,
  names: { source: string; stem: string },
  refuseAt: RefuseAt = refuseWithoutLine,
): string {
  const { stem } = names;
  const operations = operationsOf(api);
  const ajv = specAjv({}, api);
  return `${header(names.source)}
import type { OperationExamples, OperationPolicy, StatePlan } from ${sibling(SHARED_TYPES)};
import type { paths } from ${sibling(stem)};

export const examples = {
${operations.map(examplesEntry).join("\n")}
};

/**
 * For each JSON response the spec gives no example, a body its schema accepts: what the mocks serve
 * for it, where Prism would make one up that the schema may refuse.
 */
export const samples: Readonly<Record<string, Readonly<Record<string, unknown>>>> = ${JSON.stringify(samplesOf(operations, ajv), null, 2)};

/**
 * What the mocks judge a request by (src/mock/policy.ts): each operation's documented statuses and
 * request media types, and which violations each error example answers (\`x-mock-answers-violation\`).
 */
export const policy = {
${operations.map((at) => policyEntry(at, ajv)).join("\n")}
} as const satisfies Record<string, OperationPolicy>;

${stateExport(statePlan(api, refuseAt))}`;
}

/** One operation's entry of `examples`: its method, path and named JSON examples, typed by its types. */
function examplesEntry({ path, method, operationId, operation: op }: OperationAt): string {
  const body = jsonMedia((op.requestBody as OpenAPIV3.RequestBodyObject | undefined)?.content)?.media;
  const responses = Object.entries(op.responses ?? {}).flatMap(([status, response]) => {
    const media = jsonMedia((response as OpenAPIV3.ResponseObject).content)?.media;
    if (media?.examples) return [`      ${q(status)}: ${namedValues(media.examples, 6)},`];
    // A single unnamed example is the response's first, as Prism serves it; Prefer names none.
    if (media?.example !== undefined)
      return [`      ${q(status)}: ${JSON.stringify({ "": media.example })},`];
    return [];
  });
  return [
    `  ${key(operationId)}: {`,
    `    method: ${q(method)},`,
    `    path: ${q(path)},`,
    `    requestBody: ${body?.examples ? namedValues(body.examples, 4) : "{}"},`,
    "    responses: {",
    ...responses,
    "    },",
    `  } satisfies OperationExamples<paths[${q(path)}][${q(method)}]>,`,
  ].join("\n");
}

/** One operation's entry of `policy`: its statuses, request media types, error answers and fallback. */
function policyEntry({ operationId, operation: op }: OperationAt, ajv: Ajv): string {
  const requestBody = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
  const answers = answersOf(op).map(({ status, name, selectors, message }) => {
    const head = `      { status: ${status}, name: ${q(name)}, ${message ? `message: ${JSON.stringify(message)}, ` : ""}selectors: [`;
    if (selectors.length === 0) return `${head}] },`;
    const lines = selectors.map((v) => `        { in: ${q(v.in)}, at: ${q(v.at)}, kind: ${q(v.kind)} },`);
    return [head, ...lines, "      ] },"].join("\n");
  });
  return [
    `  ${key(operationId)}: {`,
    `    statuses: ${list(Object.keys(op.responses ?? {}))},`,
    `    requestMediaTypes: ${list(Object.keys(requestBody?.content ?? {}))},`,
    "    answers: [",
    ...answers,
    "    ],",
    `    fallback: ${JSON.stringify(fallbackOf(op, ajv))},`,
    "  },",
  ].join("\n");
}

/** Each operation's sample bodies by status, for the JSON responses without an example. */
function samplesOf(operations: OperationAt[], ajv: Ajv): Record<string, Record<string, unknown>> {
  const found: Record<string, Record<string, unknown>> = {};
  for (const { operationId, operation } of operations) {
    for (const [status, response] of Object.entries(operation.responses ?? {})) {
      const media = jsonMedia((response as OpenAPIV3.ResponseObject).content)?.media;
      if (!media?.schema || media.examples || media.example !== undefined) continue;
      const sample = validSample(media.schema as OpenAPIV3.SchemaObject, ajv);
      if (sample === undefined) continue;
      found[operationId] = { ...found[operationId], [status]: sample.value };
    }
  }
  return found;
}

function namedValues(
  examples: Record<string, OpenAPIV3.ReferenceObject | OpenAPIV3.ExampleObject>,
  indent: number,
): string {
  const values = Object.fromEntries(
    Object.entries(examples).map(([name, example]) => [name, (example as OpenAPIV3.ExampleObject).value]),
  );
  return JSON.stringify(values, null, 2).replaceAll("\n", `\n${" ".repeat(indent)}`);
}
