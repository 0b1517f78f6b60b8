// The operations of two versions of a spec, paired by method and path: removed, added, or compared
// part by part (its id and lifecycle, security, parameters, request body, responses).

import { type Finding, type Occurrence, occurrenceOf, type Where } from "./change.js";
import { at, below, type Located, resolve } from "./located.js";
import { parameterChanges, parametersOf } from "./parameters.js";
import { requestBodyChanges } from "./request-body.js";
import { responseChanges } from "./responses.js";
import type { SchemaWalk } from "./schema-diff.js";
import { securityChanges } from "./security.js";
import { isRecord, type ParsedSpec } from "./spec-version.js";
import { unjudgedFindings } from "./unjudged.js";

export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export interface Operation {
  method: string;
  path: string;
  pathItem: Located;
  located: Located;
  operationId: string | undefined;
}

/** Every operation of a spec by `METHOD path`, in the document's order. */
export function operationsOf(spec: ParsedSpec): Map<string, Operation> {
  const found = new Map<string, Operation>();
  const paths = isRecord(spec.raw.paths) ? spec.raw.paths : {};
  for (const path of Object.keys(paths)) {
    const pathItem = resolve(spec, { value: paths[path], pointer: below("/paths", path) });
    for (const method of METHODS) {
      const located = resolve(spec, at(pathItem, method));
      if (!isRecord(located.value)) continue;
      const id = located.value.operationId;
      const operationId = typeof id === "string" ? id : undefined;
      found.set(`${method.toUpperCase()} ${path}`, { method, path, pathItem, located, operationId });
    }
  }
  return found;
}

export function operationChanges(walk: SchemaWalk): Occurrence[] {
  const [base, head] = [operationsOf(walk.baseSpec), operationsOf(walk.headSpec)];
  return [...new Set([...head.keys(), ...base.keys()])].flatMap((key) => {
    const [before, after] = [base.get(key), head.get(key)];
    const name = after?.operationId ?? before?.operationId ?? key;
    const where: Where = { operation: name, location: "operation", direction: "request" };
    if (before && after) return compareOperation(walk, name, before, after);
    const added = before === undefined;
    const place = added
      ? { spec: walk.headSpec, pointer: after?.located.pointer ?? "" }
      : { spec: walk.baseSpec, pointer: before.located.pointer };
    const finding: Finding = {
      rule: added ? "operation-added" : "operation-removed",
      field: [],
      what: `${key} ${added ? "added" : "removed"}`,
      at: place,
    };
    return [occurrenceOf(where, finding)];
  });
}

// What the walk judges of an operation; `servers` only says where it is deployed.
const JUDGED = new Set([
  "operationId",
  "deprecated",
  "security",
  "parameters",
  "requestBody",
  "responses",
  "servers",
]);

function compareOperation(walk: SchemaWalk, name: string, base: Operation, head: Operation): Occurrence[] {
  const where: Where = { operation: name, location: "operation", direction: "request" };
  const headAt = (key: string) => ({ spec: walk.headSpec, pointer: below(head.located.pointer, key) });
  const own: Finding[] = [];
  if (base.operationId !== head.operationId) {
    const what = `operationId changed ${base.operationId ?? "(none)"} → ${head.operationId ?? "(none)"}`;
    own.push({ rule: "operation-id-changed", field: [], what, at: headAt("operationId") });
  }
  const flag = (operation: Operation) =>
    isRecord(operation.located.value) && operation.located.value.deprecated === true;
  if (flag(base) !== flag(head)) {
    const now = flag(head);
    own.push({
      rule: now ? "deprecated" : "deprecation-withdrawn",
      field: [],
      what: now ? "deprecated" : "no longer deprecated",
      at: headAt("deprecated"),
    });
  }
  own.push(...unjudgedFindings(walk.baseSpec, base.located, walk.headSpec, head.located, JUDGED));
  const parameterLists = (operation: Operation) => [
    at(operation.pathItem, "parameters"),
    at(operation.located, "parameters"),
  ];
  return [
    ...own.map((finding) => occurrenceOf(where, finding)),
    ...securityChanges(walk, name, base.located, head.located),
    ...parameterChanges(
      walk,
      name,
      parametersOf(walk, "base", parameterLists(base)),
      parametersOf(walk, "head", parameterLists(head)),
    ),
    ...requestBodyChanges(walk, name, at(base.located, "requestBody"), at(head.located, "requestBody")),
    ...responseChanges(walk, name, at(base.located, "responses"), at(head.located, "responses")),
  ];
}
