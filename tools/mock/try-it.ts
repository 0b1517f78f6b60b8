// The stateful mock's "Try it" lines: a flow that works in order. For each resource the plan makes
// stateful (parents first): create one from the create's request example, read it, list, check, search,
// update and replace it, the same for the resources that live in it, delete it, and read it again
// (the documented not-found answer). Each call names the key the create stored.
import type { IHttpOperation } from "@stoplight/types";
import type { OpenAPIV3 } from "openapi-types";
import type { Generated, StatefulOperation } from "../../src/mock/types.js";
import { DESCRIBES_NOTHING, sampleOf } from "./sample.js";
import { curlExamples } from "./server.js";

const BEFORE: readonly StatefulOperation["role"][] = [
  "create",
  "read",
  "list",
  "exists",
  "search",
  "update",
  "replace",
];

/** The calls of the flow, in order, as curl lines; empty when the plan makes nothing stateful. */
export function flowLines(
  generated: Generated,
  operations: readonly IHttpOperation[],
  url: string,
): string[] {
  const plan = generated.state?.operations ?? {};
  const byResource = new Map<string, [string, StatefulOperation][]>();
  for (const entry of Object.entries(plan)) {
    byResource.set(entry[1].resource, [...(byResource.get(entry[1].resource) ?? []), entry]);
  }
  const keys = new Map<string, string>();
  const lines: string[] = [];
  const visit = (resource: string) => {
    const ops = byResource.get(resource) ?? [];
    const create = ops.find(([, op]) => op.role === "create");
    if (!create) return;
    keys.set(resource, keyOf(generated, create[0], create[1]));
    const ordered = BEFORE.flatMap((role) => ops.filter(([, op]) => op.role === role));
    for (const entry of ordered) lines.push(...call(generated, operations, url, entry, keys));
    for (const [child, [[, op]] = [["", undefined]]] of byResource) {
      if (op?.parent?.resource === resource) visit(child);
    }
    for (const entry of ops.filter(([, op]) => op.role === "delete"))
      lines.push(...call(generated, operations, url, entry, keys));
    const after = ops.find(([, op]) => op.role === "read" || op.role === "exists");
    if (after && ops.some(([, op]) => op.role === "delete"))
      lines.push(...call(generated, operations, url, after, keys));
  };
  for (const [resource, ops] of byResource) if (!ops[0]?.[1].parent) visit(resource);
  return lines;
}

/** The key the create's request example gives its item, else the first one the mock makes. */
function keyOf(generated: Generated, operationId: string, op: StatefulOperation): string {
  const body = firstRequestExample(generated, operationId);
  const pointer = op.key?.in === "body" ? op.key.pointer : op.keyField;
  const given = pointer
    .split("/")
    .slice(1)
    .reduce<unknown>((v, k) => (v as Record<string, unknown>)?.[k], body);
  return given === undefined || typeof given === "object" ? "1" : String(given);
}

function firstRequestExample(generated: Generated, operationId: string): unknown {
  const named = (generated.examples[operationId] as { requestBody?: Record<string, unknown> } | undefined)
    ?.requestBody;
  return Object.values(named ?? {})[0];
}

/** One call of the flow: its path parameters the scope's sample values and the stored keys. */
function call(
  generated: Generated,
  operations: readonly IHttpOperation[],
  url: string,
  [operationId, op]: [string, StatefulOperation],
  keys: ReadonlyMap<string, string>,
): string[] {
  const operation = operations.find((o) => o.iid === operationId);
  if (!operation) return [];
  const key = keys.get(op.resource) ?? "1";
  const values = new Map<string, string>();
  if (op.key?.in === "path") values.set(op.key.name, key);
  if (op.parent) values.set(op.parent.param, keys.get(op.parent.resource) ?? "1");
  const media = operation.request?.body?.contents?.find((c) => /json/i.test(c.mediaType));
  // A create without a request example sends the smallest body its schema accepts.
  let body =
    firstRequestExample(generated, operationId) ??
    (op.role === "create" && media?.schema
      ? sampleOf(media.schema as unknown as OpenAPIV3.SchemaObject, {
          status: 200,
          describe: DESCRIBES_NOTHING,
          fill: true,
        })
      : undefined);
  if (op.key?.in === "body" && body && typeof body === "object" && op.role !== "create") {
    body = { ...(body as Record<string, unknown>), [op.key.pointer.slice(1)]: key };
  }
  const withBody: IHttpOperation = media
    ? {
        ...operation,
        request: {
          ...operation.request,
          body: {
            ...operation.request?.body,
            id: "",
            contents: [
              { ...media, examples: body === undefined ? [] : [{ id: "", key: "flow", value: body }] },
            ],
          },
        },
      }
    : operation;
  return curlExamples([withBody], url, (name) => values.get(name));
}
