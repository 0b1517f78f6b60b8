// An operation's security as clients meet it: the alternatives it accepts (its own `security`, else
// the document's), each a set of schemes with their scopes, and how each scheme carries its credential.
// Narrowed when a way a client could authenticate is no longer accepted; widened when a new one is.
import { type Finding, type Occurrence, occurrenceOf, type Where } from "./change.js";
import { at, below, type Located, sameContract, valueAt } from "./located.js";
import type { SchemaWalk } from "./schema-diff.js";
import { isRecord, type ParsedSpec } from "./spec-version.js";

/** One alternative: each scheme it needs, with the scopes it asks for. */
type Alternative = Map<string, string[]>;

/** Where an operation's security is written, and the alternatives it accepts. */
export function securityOf(
  spec: ParsedSpec,
  operation: Located,
): { located: Located; alternatives: Alternative[] } {
  const own = isRecord(operation.value) ? operation.value.security : undefined;
  const located =
    own !== undefined ? at(operation, "security") : { value: spec.raw.security, pointer: "/security" };
  const list = Array.isArray(located.value) ? located.value : [];
  const alternatives = list
    .filter(isRecord)
    .map(
      (requirement) =>
        new Map(
          Object.entries(requirement).map(([scheme, scopes]) => [
            scheme,
            Array.isArray(scopes) ? scopes.map(String) : [],
          ]),
        ),
    );
  // No requirement at all: anyone may call.
  return { located, alternatives: alternatives.length > 0 ? alternatives : [new Map()] };
}

/** Whether a client that authenticates with `held` satisfies `needed`. */
function satisfies(held: Alternative, needed: Alternative): boolean {
  return [...needed].every(([scheme, scopes]) => {
    const has = held.get(scheme);
    return has !== undefined && scopes.every((scope) => has.includes(scope));
  });
}

function label(alternative: Alternative): string {
  return [...alternative]
    .map(([scheme, scopes]) => (scopes.length > 0 ? `${scheme} [${scopes.join(", ")}]` : scheme))
    .join(" + ");
}

export function securityChanges(
  walk: SchemaWalk,
  operation: string,
  base: Located,
  head: Located,
): Occurrence[] {
  const [before, after] = [securityOf(walk.baseSpec, base), securityOf(walk.headSpec, head)];
  const where: Where = { operation, location: "security", direction: "request" };
  const headAt = { spec: walk.headSpec, pointer: after.located.pointer };
  const findings: Finding[] = [];
  for (const old of before.alternatives) {
    if (!after.alternatives.some((now) => satisfies(old, now))) {
      findings.push({
        rule: "security-narrowed",
        field: [],
        what: `${label(old)} no longer accepted`,
        at: headAt,
      });
    }
  }
  for (const now of after.alternatives) {
    if (!before.alternatives.some((old) => satisfies(now, old))) {
      const what = now.size === 0 ? "calls without credentials now accepted" : `${label(now)} now accepted`;
      findings.push({ rule: "security-widened", field: [], what, at: headAt });
    }
  }
  findings.push(...schemeFindings(walk, before.alternatives, after.alternatives));
  return findings.map((finding) => occurrenceOf(where, finding));
}

/** Each scheme both versions use, compared: its type and where its credential goes. */
function schemeFindings(walk: SchemaWalk, before: Alternative[], after: Alternative[]): Finding[] {
  const used = (alternatives: Alternative[]) => new Set(alternatives.flatMap((a) => [...a.keys()]));
  const [earlier, now] = [used(before), used(after)];
  return [...now]
    .filter((scheme) => earlier.has(scheme))
    .flatMap((scheme): Finding[] => {
      const pointer = below("/components/securitySchemes", scheme);
      const [from, to] = [valueAt(walk.baseSpec.raw, pointer), valueAt(walk.headSpec.raw, pointer)];
      if (sameContract(walk.baseSpec, { value: from, pointer }, walk.headSpec, { value: to, pointer }))
        return [];
      const [was, is] = [describeScheme(from), describeScheme(to)];
      const what = was === is ? `scheme ${scheme} changed` : `scheme ${scheme} changed: ${was} → ${is}`;
      return [{ rule: "security-scheme-changed", field: [], what, at: { spec: walk.headSpec, pointer } }];
    });
}

function describeScheme(scheme: unknown): string {
  if (!isRecord(scheme)) return "undefined";
  const { type, in: where, name, scheme: http } = scheme;
  if (type === "apiKey") return `apiKey in ${String(where)} ${String(name)}`;
  if (type === "http") return `http ${String(http)}`;
  return String(type);
}
