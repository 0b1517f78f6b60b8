// The net under the rules: a field of an OpenAPI object (a parameter, a response, an operation …)
// that no rule judges, changed in a way clients could see, is one `unjudged-change` finding, breaking,
// so that nothing goes through the gate unseen.
import type { Finding } from "./change.js";
import { at, isAnnotation, type Located, sameContract } from "./located.js";
import { isRecord, type ParsedSpec } from "./spec-version.js";

export function unjudgedFindings(
  baseSpec: ParsedSpec,
  base: Located,
  headSpec: ParsedSpec,
  head: Located,
  judged: ReadonlySet<string>,
): Finding[] {
  const keys = new Set([
    ...Object.keys(isRecord(base.value) ? base.value : {}),
    ...Object.keys(isRecord(head.value) ? head.value : {}),
  ]);
  return [...keys].flatMap((key): Finding[] => {
    if (judged.has(key) || isAnnotation(key)) return [];
    const [before, after] = [at(base, key), at(head, key)];
    if (sameContract(baseSpec, before, headSpec, after)) return [];
    const what =
      before.value === undefined
        ? `${key} added`
        : after.value === undefined
          ? `${key} removed`
          : `${key} changed`;
    const place =
      after.value === undefined
        ? { spec: baseSpec, pointer: before.pointer }
        : { spec: headSpec, pointer: after.pointer };
    return [{ rule: "unjudged-change", field: [], what, at: place }];
  });
}
