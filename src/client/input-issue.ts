// How a validator's first issue with a caller's input is told: the field, as the caller named it, and why.
import type { ValidationIssue } from "../../generated/shared-types.js";
import { issuePointer, keysOf } from "./json-pointer.js";

/** The field at fault: `prefix` (the input's name), then the keys of the issue's pointer, in dots. */
export function issueField(prefix: string, issue: ValidationIssue | undefined): string {
  if (!issue) return prefix;
  return [prefix, ...keysOf(issuePointer(issue))].filter(Boolean).join(".");
}

export function issueReason(issue: ValidationIssue | undefined): string {
  if (!issue) return "is invalid";
  if (issue.keyword === "required") return "is required";
  if (issue.keyword === "minLength" && issue.params.limit === 1) return "must not be empty";
  return issue.message ?? `breaks ${issue.keyword}`;
}
