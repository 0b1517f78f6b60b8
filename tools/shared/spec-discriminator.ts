// OpenAPI's discriminator picks one `oneOf` branch by the value of one property; JSON Schema's `oneOf`
// knows no such thing, so a value that two branches both describe (they differ only by what that
// property holds) matches "more than one schema" and every validator refuses it, the spec's own
// examples included. Here each branch of a discriminated `oneOf` says which values select it: the
// mapping's keys that lead to it, else its schema's name, as OpenAPI reads a discriminator. A branch
// no value can be found for leaves the `oneOf` as an `anyOf`, which refuses no value the spec allows.
import type { OpenAPIV3 } from "openapi-types";

type Node = Record<string, unknown>;
interface Discriminator {
  propertyName: string;
  mapping?: Record<string, string>;
}

const isNode = (value: unknown): value is Node => value !== null && typeof value === "object";

/** `document` (dereferenced: spec-deref.ts) with each discriminated `oneOf`'s branches selected by their values. */
export function withDiscriminatedBranches<T extends object>(document: T): T {
  const schemas = ((document as OpenAPIV3.Document).components?.schemas ?? {}) as Record<string, unknown>;
  const names = new Map<unknown, string>(Object.entries(schemas).map(([name, schema]) => [schema, name]));
  const seen = new Set<object>();
  const visit = (value: unknown): void => {
    if (!isNode(value) || seen.has(value)) return;
    seen.add(value);
    for (const child of Object.values(value)) visit(child);
    if (Array.isArray(value) || !Array.isArray(value.oneOf)) return;
    const discriminator = discriminatorOf(value);
    if (discriminator) selectBranches(value, discriminator, schemas, names);
  };
  visit(document);
  return document;
}

/** The node's own discriminator, else the one every branch inherits from an `allOf` member. */
function discriminatorOf(node: Node): Discriminator | undefined {
  if (isDiscriminator(node.discriminator)) return node.discriminator;
  const inherited = (node.oneOf as unknown[]).map((branch) =>
    isNode(branch) && Array.isArray(branch.allOf)
      ? (branch.allOf as unknown[])
          .map((m) => (isNode(m) ? m.discriminator : undefined))
          .find(isDiscriminator)
      : undefined,
  );
  const [first] = inherited;
  return first && inherited.every((d) => d?.propertyName === first.propertyName) ? first : undefined;
}

function isDiscriminator(value: unknown): value is Discriminator {
  return isNode(value) && typeof value.propertyName === "string";
}

function selectBranches(
  node: Node,
  { propertyName, mapping = {} }: Discriminator,
  schemas: Record<string, unknown>,
  names: Map<unknown, string>,
): void {
  const branches = node.oneOf as unknown[];
  const target = (ref: unknown) =>
    typeof ref === "string" ? schemas[ref.replace(/^#\/components\/schemas\//, "")] : undefined;
  const values = branches.map((branch) => {
    const mapped = Object.keys(mapping).filter((key) => target(mapping[key]) === branch);
    const ref = isNode(branch) && typeof branch.$ref === "string" ? branch.$ref : undefined;
    const name = names.get(branch) ?? (ref === undefined ? undefined : ref.split("/").pop());
    return mapped.length > 0 ? mapped : name === undefined ? [] : [name];
  });
  if (values.some((v) => v.length === 0)) {
    if (node.anyOf === undefined) {
      node.anyOf = branches;
      delete node.oneOf;
    }
    return;
  }
  node.oneOf = branches.map((branch, i) => ({
    allOf: [branch, { properties: { [propertyName]: { enum: values[i] } }, required: [propertyName] }],
  }));
}
