// The path template openapi-fetch fills in: the spec's, with each path parameter's style where it is
// not `simple` written the way openapi-fetch's path serialiser reads it (`{.name}`, `{;name*}`).
import type { OperationContract } from "../../generated/shared-types.js";

const templates = new WeakMap<OperationContract, string>();

export function pathTemplateOf(contract: OperationContract): string {
  let template = templates.get(contract);
  if (template === undefined) {
    template = contract.path;
    for (const p of contract.parameters) {
      if (p.in !== "path" || (p.style === undefined && p.explode === undefined)) continue;
      const prefix = p.style === "label" ? "." : p.style === "matrix" ? ";" : "";
      template = template.replace(`{${p.name}}`, `{${prefix}${p.name}${p.explode ? "*" : ""}}`);
    }
    templates.set(contract, template);
  }
  return template;
}
