// JSON pointers (RFC 6901) as the client, the mocks and the contract cases name a field at fault: a
// key as a segment and back, a pointer's keys, and where a schema issue of the generated validators is.
import type { ValidationIssue } from "../../generated/shared-types.js";

/** A key as one segment of a pointer: `~` and `/` escaped. */
export function escapeSegment(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}

/** A pointer's segment as the key it names. */
export function unescapeSegment(segment: string): string {
  return segment.replaceAll("~1", "/").replaceAll("~0", "~");
}

/** The keys a pointer names, outermost first: `/a~1b/c` → `a/b`, `c`; `""` (the whole value) → none. */
export function keysOf(pointer: string): string[] {
  return pointer.split("/").slice(1).map(unescapeSegment);
}

/**
 * The pointer of the value a schema issue is about. Ajv points a missing property's issue at the
 * object that lacks it; the field at fault is the property, so its key is added.
 */
export function issuePointer(issue: Pick<ValidationIssue, "instancePath" | "params">): string {
  const missing = issue.params.missingProperty;
  return typeof missing === "string" ? `${issue.instancePath}/${escapeSegment(missing)}` : issue.instancePath;
}
