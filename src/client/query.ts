// A query string as OpenAPI serialises each parameter: `form` and exploded unless the spec says
// otherwise (`tags=a&tags=b`, an object's fields as `k=v`), built with openapi-fetch's own serialisers.
import {
  createQuerySerializer,
  serializeArrayParam,
  serializeObjectParam,
  serializePrimitiveParam,
} from "openapi-fetch";
import type { OperationContract, ParameterContract } from "../../generated/shared-types.js";

export type QuerySerializer = (query: Record<string, unknown>) => string;

/** OpenAPI's defaults for every query parameter: openapi-fetch's object default is `deepObject`. */
const OPENAPI_DEFAULTS = createQuerySerializer({
  array: { style: "form", explode: true },
  object: { style: "form", explode: true },
});
const serializers = new WeakMap<OperationContract, QuerySerializer>();

/** The operation's query serialiser: OpenAPI's defaults, or each parameter's own style where it has one. */
export function querySerializerFor(contract: OperationContract): QuerySerializer {
  let serializer = serializers.get(contract);
  if (!serializer) {
    const query = contract.parameters.filter((p) => p.in === "query");
    const styled = query.some((p) => p.style !== undefined || p.explode !== undefined || p.allowReserved);
    serializer = styled ? styledSerializer(query) : OPENAPI_DEFAULTS;
    serializers.set(contract, serializer);
  }
  return serializer;
}

function styledSerializer(parameters: readonly ParameterContract[]): QuerySerializer {
  const byName = new Map(parameters.map((p) => [p.name, p]));
  return (query) =>
    Object.entries(query)
      .map(([name, value]) => serialized(name, value, byName.get(name)))
      .filter(Boolean)
      .join("&");
}

function serialized(name: string, value: unknown, p: ParameterContract | undefined): string {
  if (value === undefined || value === null) return "";
  const style = p?.style ?? "form";
  const options = {
    style,
    explode: p?.explode ?? style === "form",
    allowReserved: p?.allowReserved === true,
  };
  if (Array.isArray(value))
    return value.length === 0 ? "" : serializeArrayParam(name, value, options as never);
  if (typeof value === "object")
    return serializeObjectParam(name, value as Record<string, unknown>, options as never);
  return serializePrimitiveParam(name, value as string, options);
}
