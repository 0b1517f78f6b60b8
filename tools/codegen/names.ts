// The names generated code gives a spec's operations: a client's method name for each operationId, and
// the name its contract is exported by, which must also be a name a module can declare.
import { camelCase } from "../../src/client/input-names.js";

// Words a module cannot declare (strict mode, ES modules), and the names the operations module
// declares or imports itself.
const UNDECLARABLE = new Set(
  (
    "break case catch class const continue debugger default delete do else enum export extends false finally " +
    "for function if import in instanceof new null return super switch this throw true try typeof var void " +
    "while with yield let static implements interface package private protected public await arguments eval " +
    "undefined NaN Infinity operations servers validators v paths components Credential OperationContract " +
    "Operations Schemas Schema"
  ).split(" "),
);

/**
 * An operationId as a method name: camelCase as input names are (`find_pet` → `findPet`), then each
 * run of characters an identifier cannot hold dropped and the letter after it upper-cased
 * (`find pet by id` → `findPetById`, `images/modify-image` → `imagesModifyImage`).
 */
export function methodName(operationId: string): string {
  const name = camelCase(operationId).replace(/[^A-Za-z0-9_$]+(.?)/g, (_, next: string) =>
    next.toUpperCase(),
  );
  return /^[A-Za-z_$]/.test(name) ? name : `_${name}`;
}

/**
 * The method name of every operationId, in order, each unique: a later operationId whose name an
 * earlier one took gets a number after it.
 */
export function methodNames(operationIds: readonly string[]): string[] {
  const taken = new Set<string>();
  return operationIds.map((id) => {
    const base = methodName(id);
    let name = base;
    for (let n = 2; taken.has(name) || name === "__proto__"; n++) name = `${base}${n}`;
    taken.add(name);
    return name;
  });
}

/** The name a module exports the contract of the method `name` by: `name`, unless a module cannot declare it. */
export function exportName(name: string): string {
  return UNDECLARABLE.has(name) || /^security_\d+$/.test(name) ? `${name}Operation` : name;
}
