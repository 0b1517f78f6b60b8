// A contract case as a request: a fetch call against a base URL, or the input a client's method takes.
import type { OpenAPIV3 } from "openapi-types";
import { formFields } from "../../src/client/request.js";
import { isFormMediaType } from "../../src/mock/body.js";
import { jsonValue } from "../../src/mock/parameters.js";
import { isJsonParameter } from "../shared/openapi.js";
import type { ContractCase } from "./case.js";
import type { Operation } from "./contract-spec.js";
import { isRecord } from "./is-record.js";
import { pathSegment, queryString } from "./serialize.js";

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
  let body: string | FormData | undefined;
  if (c.body && "json" in c.body && isFormMediaType(c.body.mediaType ?? "")) {
    body = formBody(c.body.json, c.body.mediaType as string);
    // A multipart body's Content-Type carries its boundary, which fetch writes.
    if (typeof body === "string") headers["content-type"] = c.body.mediaType as string;
  } else if (c.body && "json" in c.body) {
    body = JSON.stringify(c.body.json);
    headers["content-type"] = c.body.mediaType ?? "application/json";
  } else if (c.body) {
    body = c.body.text;
    headers["content-type"] = c.body.contentType ?? "application/json";
  }
  if (withPrefer && c.prefer) headers.prefer = c.prefer;
  const search = queryString(c.query, c.queryStyles);
  return {
    url: `${baseUrl.replace(/\/+$/, "")}${path}${search ? `?${search}` : ""}`,
    // A redirect is the answer to judge, never followed: it may point anywhere, another origin too.
    init: {
      method: c.method.toUpperCase(),
      headers,
      redirect: "manual",
      ...(body === undefined ? {} : { body }),
    },
  };
}

/**
 * The case's request as a client's method takes it: each parameter by its input name (path values
 * read back to their schema's type), the credentials left to the client, and the body's fields (or
 * `body`, when given, instead).
 */
export function clientInput(c: ContractCase, op: Operation, body?: unknown): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  const credentials = new Set(op.security.flat().map((credential) => credential.name));
  for (const { parameter, input: name } of op.inputs) {
    if (credentials.has(parameter.name)) continue;
    const sent =
      parameter.in === "path"
        ? c.pathParams[parameter.name]
        : parameter.in === "query"
          ? c.query[parameter.name]
          : c.headers[parameter.name];
    if (sent === undefined) continue;
    // The typed value the case was made of, unless the case changed what it sends.
    const value = c.values?.[parameter.name];
    const json = isJsonParameter(parameter);
    const written = json
      ? JSON.stringify(value)
      : parameter.in === "path"
        ? pathSegment(parameter, value)
        : parameter.in === "query"
          ? value
          : String(value);
    input[name] =
      value !== undefined && written === sent
        ? value
        : json
          ? jsonValue(String(sent))
          : typed(sent, parameter.schema as OpenAPIV3.SchemaObject | undefined);
  }
  // A body of bytes goes as it is, under `body`: it has no fields.
  if (body === undefined && op.rawBody && c.body && "text" in c.body) return { ...input, body: c.body.text };
  const json = body ?? (c.body && "json" in c.body ? c.body.json : undefined);
  if (json === undefined) return input;
  return op.bodyInput === "fields" && isRecord(json) ? { ...input, ...json } : { ...input, body: json };
}

/** Text read back to the type a schema wants (`5` for an integer), anything else as it is. */
function typed(value: unknown, schema: OpenAPIV3.SchemaObject | undefined): unknown {
  if (typeof value !== "string") return value;
  if (schema?.type === "integer" || schema?.type === "number") return Number(value);
  if (schema?.type === "boolean") return value === "true";
  return value;
}

/** A body's fields as a form of the media type, written as the client writes one. */
export function formBody(value: unknown, mediaType: string): string | FormData {
  const fields = isRecord(value) ? value : {};
  if (/^multipart\//i.test(mediaType)) return formFields(fields, new FormData());
  return formFields(fields, new URLSearchParams()).toString();
}
