// Parameter values as a request carries them, for the contract cases, written by openapi-fetch's own
// serialisers with each parameter's style, as the client writes them: a path segment (not yet
// percent-encoded), and a query string.
import { serializeArrayParam, serializeObjectParam, serializePrimitiveParam } from "openapi-fetch";
import type { OpenAPIV3 } from "openapi-types";

type Style = { style: string; explode: boolean };

/** The parameter's style and explode, each OpenAPI's default for its location where the spec says none. */
export function styleOf(parameter: OpenAPIV3.ParameterObject): Style {
  const style =
    parameter.style ?? (parameter.in === "query" || parameter.in === "cookie" ? "form" : "simple");
  return { style, explode: parameter.explode ?? style === "form" };
}

/** A path parameter's value as its segment, unencoded: `5`, `a,b`, `.a.b`, `;id=5`. */
export function pathSegment(parameter: OpenAPIV3.ParameterObject, value: unknown): string {
  const options = { ...styleOf(parameter), allowReserved: true } as never;
  const { name } = parameter;
  if (Array.isArray(value)) return serializeArrayParam(name, value, options);
  if (typeof value === "object" && value !== null) {
    return serializeObjectParam(name, value as Record<string, unknown>, options);
  }
  const { style } = styleOf(parameter);
  if (style === "label") return `.${String(value)}`;
  if (style === "matrix")
    return `;${serializePrimitiveParam(name, value as string, { allowReserved: true })}`;
  return String(value);
}

/** The query string of the values, each by its parameter's style (`form`, exploded, by default). */
export function queryString(
  query: Readonly<Record<string, unknown>>,
  styles: Readonly<Record<string, Style>> = {},
): string {
  return Object.entries(query)
    .flatMap(([name, value]) => {
      if (value === undefined || value === null) return [];
      const options = (styles[name] ?? { style: "form", explode: true }) as never;
      if (Array.isArray(value)) return value.length === 0 ? [] : [serializeArrayParam(name, value, options)];
      if (typeof value === "object")
        return [serializeObjectParam(name, value as Record<string, unknown>, options)];
      return [serializePrimitiveParam(name, value as string)];
    })
    .join("&");
}
