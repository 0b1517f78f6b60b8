// What changed between two versions of a spec, one change per line: the operations' contract judged
// by the rules of rules.ts (each change breaking or non-breaking), then what only documents it and
// what no operation uses (info). No library does the judging: the rules are this folder's own.
import type { Change } from "./change.js";
import { documentationChanges } from "./documentation.js";
import { operationChanges } from "./operations.js";
import { newSchemaWalk } from "./schema-diff.js";
import type { ParsedSpec } from "./spec-version.js";

export function compareSpecs(base: ParsedSpec, head: ParsedSpec): Change[] {
  const changes = [...operationChanges(newSchemaWalk(base, head)), ...documentationChanges(base, head)];
  // A component two locations of one operation share is one change there, not two.
  const seen = new Set<string>();
  return changes.filter((change) => {
    const key = `${change.rule} ${change.message} ${change.pointer}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
