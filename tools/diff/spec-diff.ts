// What changed between two versions of a spec, one change per line: the operations' contract judged
// by the rules of rules.ts (each change breaking or non-breaking), then what only documents it and
// what no operation uses (info). No library does the judging: the rules are this folder's own.
import { type Change, mergeOccurrences } from "./change.js";
import { documentationChanges } from "./documentation.js";
import { operationChanges } from "./operations.js";
import { newSchemaWalk } from "./schema-diff.js";
import type { ParsedSpec } from "./spec-version.js";

export function compareSpecs(base: ParsedSpec, head: ParsedSpec): Change[] {
  return [
    ...mergeOccurrences(operationChanges(newSchemaWalk(base, head))),
    ...documentationChanges(base, head),
  ];
}
