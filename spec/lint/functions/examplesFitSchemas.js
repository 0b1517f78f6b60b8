// Every example carries only the properties its schema declares, and every property it requires, so
// that an example left behind by a renamed or removed field fails the lint where it is written.
// Spectral's own example check lets such an example through: a schema without
// `additionalProperties: false` accepts any extra property. Here a schema's `properties` list is what
// an example may carry, unless the schema allows more explicitly (`additionalProperties: true` or a
// schema). Checked on the unresolved document, so that each finding points at the example's own line.

const MAX_DEPTH = 64;

export default function examplesFitSchemas(document) {
  const findings = new Map();
  const report = (path, message) => findings.set(`${path.join("\u0000")} ${message}`, { message, path });
  for (const { holder, path } of exampleHolders(document, [])) {
    for (const { value, at } of examplesOf(holder, path, document)) {
      for (const finding of check(value, holder.schema, at, document, 0))
        report(finding.path, finding.message);
    }
  }
  for (const { schema, path } of schemasWithExamples(document)) {
    for (const finding of check(schema.example, schema, [...path, "example"], document, 0)) {
      report(finding.path, finding.message);
    }
  }
  return [...findings.values()];
}

function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

// Keys whose value is data (an example, an enum, a default, an extension): never searched for examples.
function isData(key) {
  return (
    key === "example" || key === "examples" || key === "enum" || key === "default" || key.startsWith("x-")
  );
}

/** Media types, parameters and headers: the objects that give a `schema` and examples of it. */
function* exampleHolders(node, path) {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* exampleHolders(item, [...path, i]);
    return;
  }
  if (!isObject(node)) return;
  if (node.schema !== undefined && (node.example !== undefined || isObject(node.examples))) {
    yield { holder: node, path };
  }
  for (const [key, value] of Object.entries(node)) {
    if (!isData(key)) yield* exampleHolders(value, [...path, key]);
  }
}

/** A holder's examples, each with the path of its value: a `$ref` to components.examples is followed. */
function* examplesOf(holder, path, document) {
  if (holder.example !== undefined) yield { value: holder.example, at: [...path, "example"] };
  if (!isObject(holder.examples)) return;
  for (const [name, example] of Object.entries(holder.examples)) {
    const ref = isObject(example) ? example.$ref : undefined;
    const target = typeof ref === "string" ? pointerPath(ref) : undefined;
    const found = target ? valueAt(document, target) : example;
    const at = target ?? [...path, "examples", name];
    if (isObject(found) && "value" in found) yield { value: found.value, at: [...at, "value"] };
  }
}

/** Every schema with an `example` of its own, in components and inline. */
function* schemasWithExamples(document) {
  const seen = new Set();
  const visit = function* (schema, path) {
    if (!isObject(schema) || seen.has(schema) || path.length > MAX_DEPTH) return;
    seen.add(schema);
    if (schema.example !== undefined) yield { schema, path };
    for (const key of ["items", "additionalProperties", "not"]) yield* visit(schema[key], [...path, key]);
    for (const key of ["allOf", "oneOf", "anyOf"]) {
      if (Array.isArray(schema[key]))
        for (const [i, s] of schema[key].entries()) yield* visit(s, [...path, key, i]);
    }
    if (isObject(schema.properties)) {
      for (const [name, s] of Object.entries(schema.properties))
        yield* visit(s, [...path, "properties", name]);
    }
  };
  for (const [name, schema] of Object.entries(document?.components?.schemas ?? {})) {
    yield* visit(schema, ["components", "schemas", name]);
  }
  for (const { holder, path } of exampleHolders(document, []))
    yield* visit(holder.schema, [...path, "schema"]);
}

/** What is wrong with `value` as an example of `schema`, each at its path. */
function check(value, schema, path, document, depth) {
  const resolved = deref(schema, document);
  if (!isObject(resolved) || depth > MAX_DEPTH) return [];
  const alternatives = resolved.oneOf ?? resolved.anyOf;
  if (Array.isArray(alternatives) && alternatives.length > 0) {
    // An example fits one alternative: the closest one speaks for it.
    const own = { ...resolved, oneOf: undefined, anyOf: undefined };
    const tries = alternatives.map((branch) =>
      check(value, { allOf: [own, branch] }, path, document, depth + 1),
    );
    return tries.reduce((best, found) => (found.length < best.length ? found : best));
  }
  const merged = merge(resolved, document, depth);
  if (Array.isArray(value)) {
    return merged.items
      ? value.flatMap((item, i) => check(item, merged.items, [...path, i], document, depth + 1))
      : [];
  }
  return isObject(value) ? checkObject(value, merged, path, document, depth) : [];
}

function checkObject(value, merged, path, document, depth) {
  const found = [];
  for (const [key, item] of Object.entries(value)) {
    const property = merged.properties.get(key);
    if (property !== undefined) found.push(...check(item, property, [...path, key], document, depth + 1));
    else if (isObject(merged.extra))
      found.push(...check(item, merged.extra, [...path, key], document, depth + 1));
    else if (merged.declared && merged.extra !== true) {
      found.push({
        path: [...path, key],
        message: `The example carries \`${key}\`, which its schema does not declare.`,
      });
    }
  }
  for (const name of merged.required) {
    if (!(name in value))
      found.push({ path, message: `The example lacks \`${name}\`, which its schema requires.` });
  }
  return found;
}

/** A schema with its `allOf` members merged: what properties it declares, requires, and allows beyond. */
function merge(schema, document, depth) {
  const merged = { properties: new Map(), required: [], declared: false, extra: undefined, items: undefined };
  const add = (member, level) => {
    const s = deref(member, document);
    if (!isObject(s) || level > MAX_DEPTH) return;
    if (isObject(s.properties)) {
      merged.declared = true;
      for (const [name, property] of Object.entries(s.properties)) {
        if (!merged.properties.has(name)) merged.properties.set(name, property);
      }
    }
    if (Array.isArray(s.required))
      merged.required.push(...s.required.filter((name) => typeof name === "string"));
    if (s.additionalProperties === true || isObject(s.additionalProperties))
      merged.extra ??= s.additionalProperties;
    merged.items ??= s.items;
    if (Array.isArray(s.allOf)) for (const part of s.allOf) add(part, level + 1);
  };
  add(schema, depth);
  return merged;
}

function deref(schema, document) {
  let current = schema;
  for (let hops = 0; hops < 16 && isObject(current) && typeof current.$ref === "string"; hops += 1) {
    const path = pointerPath(current.$ref);
    current = path ? valueAt(document, path) : undefined;
  }
  return current;
}

/** `#/components/examples/a~1b` → components, examples, a/b; undefined for a ref outside the document. */
function pointerPath(ref) {
  if (typeof ref !== "string" || !ref.startsWith("#/")) return undefined;
  return ref
    .slice(2)
    .split("/")
    .map((part) => decodeURIComponent(part).replaceAll("~1", "/").replaceAll("~0", "~"));
}

function valueAt(root, path) {
  let node = root;
  for (const key of path) node = isObject(node) || Array.isArray(node) ? node[key] : undefined;
  return node;
}
