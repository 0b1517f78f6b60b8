// What in an OpenAPI document is a reference, what is literal data, and what is a schema. An example's
// value is data (`example`, an Example Object's `value`, a schema's `default`, `enum`, `const`, OpenAPI
// 3.1's `examples` list): a `$ref` key inside it is data too. Everywhere else an object with a string
// `$ref` is a reference, and an Example Object's `externalValue` is the URL of one.
//
// Which keys are OpenAPI's and which are names the spec chose (a property called `example` is a
// schema, not an example) follows from the keys whose value is a map of names: below such a key come
// names, below a name keywords again. The walk is iterative, so a deep document cannot overflow the
// stack; past `maxDepth` levels it stops and says where.

/** A key or list index, as JSON pointers and the `yaml` package's paths write it. */
export type Path = readonly string[];

export interface RefSite {
  /** Where the object holding `$ref` (or `externalValue`) is. */
  path: Path;
  ref: string;
  /** Whether the reference stands where a schema does. */
  inSchema: boolean;
}

export interface LiteralSite {
  /** Where the literal value is: `parent[key]`. */
  path: Path;
  parent: Record<string, unknown>;
  key: string;
  /** Whether a `$ref` key occurs anywhere in the value. */
  holdsRef: boolean;
}

export interface SpecNodes {
  refs: RefSite[];
  /** The literal values that hold a `$ref` key. */
  literals: LiteralSite[];
  externalValues: RefSite[];
  /** Where the nesting first went past the limit, if it did. */
  tooDeep?: Path;
}

// Keys whose value maps names to objects, and how many levels of names there are (a Callback
// Object maps expressions to path items, so `callbacks` holds names of names).
const NAME_MAPS = new Map<string, number>(
  [
    ...["paths", "webhooks", "properties", "patternProperties", "dependentSchemas", "definitions", "$defs"],
    ...["dependencies", "schemas", "responses", "parameters", "examples", "requestBodies", "headers"],
    ...["securitySchemes", "links", "content", "encoding", "variables", "pathItems", "mapping", "scopes"],
  ].map((key) => [key, 1]),
).set("callbacks", 2);
const LITERAL_KEYWORDS = new Set(["example", "value", "default", "enum", "const"]);
// Keywords whose value is a schema, whose list items are schemas, and whose names name schemas.
const SCHEMA_KEYWORDS = new Set([
  ...["schema", "items", "not", "additionalProperties", "additionalItems", "contains", "propertyNames"],
  ...["if", "then", "else", "unevaluatedItems", "unevaluatedProperties", "contentSchema"],
]);
const SCHEMA_LISTS = new Set(["allOf", "anyOf", "oneOf", "prefixItems", "items"]);
const SCHEMA_NAMES = new Set(["properties", "patternProperties", "dependentSchemas", "definitions", "$defs"]);

/** What a node is, as its place says: keywords (a schema or not), names, a list, or literal data. */
export type State =
  | { kind: "keywords"; schema: boolean }
  | { kind: "names"; levels: number; schema: boolean }
  | { kind: "list"; schema: boolean }
  | { kind: "literal" };

/** The state of a document's root. */
export const DOCUMENT: State = { kind: "keywords", schema: false };

/** A node met on the walk; its path is spelled out only when needed, from its parents. */
interface Entry {
  value: unknown;
  parent: Entry | undefined;
  key: string;
  depth: number;
  state: State;
  literal: LiteralSite | undefined;
}

/** The references, literal values and external example URLs of `document`, one file of a spec. */
export function specNodes(document: unknown, maxDepth: number): SpecNodes {
  const found: SpecNodes = { refs: [], literals: [], externalValues: [] };
  const root: Entry = {
    value: document,
    parent: undefined,
    key: "",
    depth: 0,
    state: DOCUMENT,
    literal: undefined,
  };
  const stack = [root];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const { value, state, literal, depth } = entry;
    if (value === null || typeof value !== "object") continue;
    if (depth > maxDepth) return { ...found, literals: [], tooDeep: pathOf(entry) };
    const node = value as Record<string, unknown>;
    if (literal) {
      if (!Array.isArray(node) && "$ref" in node) literal.holdsRef = true;
    } else record(node, entry, found);
    // Children pushed last first, so that they come off the stack, and are listed, in document order.
    for (const key of Object.keys(node).reverse()) {
      const child = node[key];
      if (child === null || typeof child !== "object") continue;
      const next = childState(state, key, child);
      const at: Entry = { value: child, parent: entry, key, depth: depth + 1, state: next, literal };
      if (!literal && next.kind === "literal") at.literal = literalSite(node, key, pathOf(at), found);
      stack.push(at);
    }
  }
  found.literals = found.literals.filter((site) => site.holdsRef);
  return found;
}

function pathOf(entry: Entry): Path {
  const path: string[] = [];
  for (let at: Entry | undefined = entry; at?.parent; at = at.parent) path.push(at.key);
  return path.reverse();
}

/** The state of the node at `path` in `document` (a document of a spec, or the whole bundled spec). */
export function stateAt(document: unknown, path: Path): State {
  let state = DOCUMENT;
  let node = document;
  for (const key of path) {
    node = node !== null && typeof node === "object" ? (node as Record<string, unknown>)[key] : undefined;
    state = childState(state, key, node);
  }
  return state;
}

/** The state of `child`, found under `key` in a node of state `state`. */
export function childState(state: State, key: string, child: unknown): State {
  if (state.kind === "literal") return state;
  if (state.kind === "list") return { kind: "keywords", schema: state.schema };
  if (state.kind === "names") {
    if (state.levels > 1) return { kind: "names", levels: state.levels - 1, schema: state.schema };
    return { kind: "keywords", schema: state.schema };
  }
  if (child === null || typeof child !== "object") return { kind: "keywords", schema: false };
  if (LITERAL_KEYWORDS.has(key) || (key === "examples" && Array.isArray(child))) return { kind: "literal" };
  if (Array.isArray(child)) return { kind: "list", schema: state.schema && SCHEMA_LISTS.has(key) };
  const levels = NAME_MAPS.get(key);
  const namesSchemas = key === "schemas" || (state.schema && SCHEMA_NAMES.has(key));
  if (levels) return { kind: "names", levels, schema: namesSchemas };
  return { kind: "keywords", schema: state.schema ? SCHEMA_KEYWORDS.has(key) : key === "schema" };
}

function literalSite(
  parent: Record<string, unknown>,
  key: string,
  path: Path,
  found: SpecNodes,
): LiteralSite {
  const site: LiteralSite = { path, parent, key, holdsRef: false };
  found.literals.push(site);
  return site;
}

function record(node: Record<string, unknown>, entry: Entry, found: SpecNodes): void {
  const { state } = entry;
  if (Array.isArray(node) || state.kind === "literal") return;
  const inSchema = state.kind !== "list" && state.schema;
  if (typeof node.$ref === "string") found.refs.push({ path: pathOf(entry), ref: node.$ref, inSchema });
  if (state.kind === "keywords" && typeof node.externalValue === "string") {
    const path = [...pathOf(entry), "externalValue"];
    found.externalValues.push({ path, ref: node.externalValue, inSchema: false });
  }
}
