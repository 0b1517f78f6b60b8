// A contract case as a request: a fetch call against a base URL, or the input the client's method
// takes.
import { camelCase, PROJECT_ID_PARAMETER } from "../../src/client/input-names.js";
import type { ContractCase } from "./case.js";
import { isRecord } from "./is-record.js";

/** The case as a fetch call against `baseUrl`; `prefer` only when asked (never for a real server). */
export function toRequest(
  c: ContractCase,
  baseUrl: string,
  withPrefer: boolean,
): { url: string; init: RequestInit } {
  const path = c.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    encodeURIComponent(c.pathParams[name] ?? ""),
  );
  const headers: Record<string, string> = { ...c.headers };
  let body: string | undefined;
  if (c.body && "json" in c.body) {
    body = JSON.stringify(c.body.json);
    headers["content-type"] = "application/json";
  } else if (c.body) {
    body = c.body.text;
    headers["content-type"] = c.body.contentType ?? "application/json";
  }
  if (withPrefer && c.prefer) headers.prefer = c.prefer;
  return {
    url: `${baseUrl.replace(/\/+$/, "")}${path}`,
    init: { method: c.method.toUpperCase(), headers, ...(body === undefined ? {} : { body }) },
  };
}

/**
 * The case's request as the client takes it: every path parameter but the project (which the
 * client holds) in camelCase, and the body's fields (or `body`, when given, instead).
 */
export function clientInput(c: ContractCase, body?: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(c.pathParams)) {
    if (name !== PROJECT_ID_PARAMETER) input[camelCase(name)] = value;
  }
  const json = body ?? (c.body && "json" in c.body ? c.body.json : undefined);
  return isRecord(json) ? { ...input, ...json } : input;
}
