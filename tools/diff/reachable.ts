// The components a spec's operations use: every `$ref` reached from its paths, followed through the
// components it names, and every security scheme a security requirement names.
import { keysOf } from "../../src/client/json-pointer.js";
import { below, valueAt } from "./located.js";
import { isRecord, type ParsedSpec } from "./spec-version.js";

/** The pointers of the components the operations use: `/components/schemas/Name` … */
export function reachableComponents(spec: ParsedSpec): Set<string> {
  const used = new Set<string>();
  const visit = (node: unknown, inData: boolean): void => {
    if (Array.isArray(node)) for (const item of node) visit(item, inData);
    if (!isRecord(node) || inData) return;
    const ref = node.$ref;
    if (typeof ref === "string" && ref.startsWith("#/components/")) {
      const component = componentOf(decodeURIComponent(ref.slice(1)));
      if (component && !used.has(component)) {
        used.add(component);
        visit(valueAt(spec.raw, component), false);
      }
    }
    for (const [key, value] of Object.entries(node)) {
      if (key === "security") schemesOf(value, used);
      // An example's value or an enum is data: a `$ref` in it names nothing.
      visit(value, key === "example" || key === "enum" || key === "default" || key.startsWith("x-"));
    }
  };
  visit(spec.raw.paths, false);
  schemesOf(spec.raw.security, used);
  return used;
}

/** `/components/<group>/<name>`, the component a pointer is within. */
function componentOf(pointer: string): string | undefined {
  const [root, group, name] = keysOf(pointer);
  return root === "components" && group && name ? below("/components", group, name) : undefined;
}

function schemesOf(security: unknown, used: Set<string>): void {
  if (!Array.isArray(security)) return;
  for (const requirement of security) {
    if (!isRecord(requirement)) continue;
    for (const scheme of Object.keys(requirement)) used.add(below("/components/securitySchemes", scheme));
  }
}
