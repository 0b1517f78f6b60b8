// What is wrong with a response to an operation, judged by the spec alone: its status, its media
// type and its body against the schema the spec documents for that status.

import { issuePointer } from "../../src/client/json-pointer.js";
import type { Operation } from "./contract-spec.js";

/** One way a response breaks the contract: where (a JSON pointer into the body, or a part of the response) and how. */
export interface Break {
  pointer: string;
  message: string;
}

export function contractBreaks(
  op: Operation,
  status: number,
  contentType: string | null,
  text: string,
): Break[] {
  const documented =
    op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default;
  // An operation that documents no response at all (OpenAPI 3.1 allows it) promises nothing to break.
  if (Object.keys(op.responses).length === 0) return [];
  if (!documented) {
    return [
      {
        pointer: "status",
        message: `${status} is not a status ${op.operationId} documents (${Object.keys(op.responses).join(", ")})`,
      },
    ];
  }
  if (!documented.validate) return [];
  if (!/^application\/(.+\+)?json/.test(contentType ?? "")) {
    return [{ pointer: "content-type", message: `is ${contentType ?? "missing"}, not application/json` }];
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [{ pointer: "", message: "body is not JSON" }];
  }
  if (documented.validate(body)) return [];
  return (documented.validate.errors ?? []).map((e) => {
    const pointer = issuePointer(e);
    return { pointer: pointer || "/", message: e.message ?? e.keyword };
  });
}
