// ajv's standalone code for a spec's validators, made into the body of generated/NAME.validators.ts:
// each validator exported under its name, and a failure carrying what its readers read and nothing more.
//
// The rewrites below read ajv's code, never the spec's text in it: each string literal (an enum value,
// a property name, a pattern) is set aside by TypeScript's scanner before they run and put back after.
import type { Ajv } from "ajv";
import standalone from "ajv/dist/standalone/index.js";
import ts from "typescript";

/** The validators `ajv` holds, exported under the names of `exportsByName`. */
export function standaloneCode(ajv: Ajv, exportsByName: Record<string, string>): string {
  const strings = stringTable();
  const code = strings.setAside(standalone.default(ajv, exportsByName).replace(/^"use strict";/, ""));
  // No reader of a failure looks at where in the schema it failed, only at where in the value and why.
  const lean = pushedInPlace(code.replace(/schemaPath:"[^"]*",(?=keyword:)/g, ""));
  return strings.restore(withoutUnusedArguments(inlineAllowedValues(withoutErrorCount(lean), strings)));
}

/** The string literals of code set aside, and the code with stand-ins for them. */
interface StringTable {
  /** `code` with each non-empty string literal replaced by its stand-in, `"\u0000N"`. */
  setAside(code: string): string;
  /** `code` with each stand-in replaced by the literal it stands for. */
  restore(code: string): string;
}

const STAND_IN = /"\\u0000(\d+)"/g;

/**
 * A table of string literals. Each literal is found by TypeScript's scanner, so no rewrite of code
 * whose literals are set aside can see or change spec text, and a stand-in cannot be mistaken for a
 * literal: the literals are gone while the rewrites run. The same literal has the same stand-in.
 */
function stringTable(): StringTable {
  const literals: string[] = [];
  const index = new Map<string, number>();
  const standIn = (text: string): string => {
    if (!index.has(text)) index.set(text, literals.push(text) - 1);
    return `"\\u0000${index.get(text)}"`;
  };
  return {
    setAside(code) {
      const scanner = ts.createScanner(ts.ScriptTarget.Latest, true, ts.LanguageVariant.Standard, code);
      let masked = "";
      let copied = 0;
      for (let token = scanner.scan(); token !== ts.SyntaxKind.EndOfFileToken; token = scanner.scan()) {
        const text = scanner.getTokenText();
        if (token !== ts.SyntaxKind.StringLiteral || text.length <= 2) continue;
        masked += `${code.slice(copied, scanner.getTokenStart())}${standIn(text)}`;
        copied = scanner.getTokenEnd();
      }
      return masked + code.slice(copied);
    },
    restore: (code) => code.replace(STAND_IN, (_, n: string) => literals[Number(n)] ?? ""),
  };
}

const PUSH = /;if\(vErrors === null\)\{vErrors = \[(err\d+)\];\}else \{vErrors\.push\(\1\);\}/g;

/**
 * Each failure is pushed onto the list where it is made, `(vErrors ??= []).push({...})`, rather than
 * named and then added by a branch of its own: the same checks in about a third less code. One pass:
 * each push's `const errN = ` is the nearest before it (a validator's failures are numbered apart).
 */
function pushedInPlace(code: string): string {
  const pieces: string[] = [];
  let from = 0;
  for (const match of code.matchAll(PUSH)) {
    const declaration = `const ${match[1]} = `;
    const at = code.lastIndexOf(declaration, match.index);
    if (at < from) continue;
    pieces.push(
      code.slice(from, at),
      "(vErrors ??= []).push(",
      code.slice(at + declaration.length, match.index),
      ");",
    );
    from = match.index + match[0].length;
  }
  pieces.push(code.slice(from));
  return pieces.join("");
}

const CONTEXT_PARAMETERS = '{instancePath="", parentData, parentDataProperty, rootData=data}={}';

/**
 * Each validator takes where its value sits (`instancePath`, `parentData`, `parentDataProperty`,
 * `rootData`) for the validators it calls. Where none calls another (every schema inlined), nothing
 * passes them, so each validator takes its value alone and a failure's path is written out.
 */
function withoutUnusedArguments(code: string): string {
  const declared = code.split(CONTEXT_PARAMETERS).length - 1;
  const read = (code.match(/\b(parentData|parentDataProperty|rootData)\b/g) ?? []).length;
  if (read !== 3 * declared) return code;
  const written = code
    .replaceAll(`, ${CONTEXT_PARAMETERS}`, "")
    .replaceAll("{instancePath,", '{instancePath:"",')
    .replace(/instancePath:instancePath\+/g, "instancePath:");
  // Anything else that reads the argument keeps the code as ajv wrote it.
  return /\binstancePath\b(?!:)/.test(written)
    ? code.replaceAll(CONTEXT_PARAMETERS, '{instancePath=""}={}')
    : written;
}

/**
 * A validator counts its failures so that a branch of `anyOf` or `oneOf` can take back its own; where
 * no validator has such a branch, the list of failures says as much, and the count goes.
 */
function withoutErrorCount(code: string): string {
  const counted = code
    .replaceAll("let errors = 0;", "")
    .replaceAll("errors++;", "")
    .replaceAll("return errors === 0;", "return vErrors === null;");
  return /(?<!\.)\berrors\b/.test(counted) ? code : counted;
}

const SCHEMA_DECLARATION = /const (schema\d+) = (?=[{[])/g;
const ALLOWED_VALUES = /allowedValues:\s*(schema\d+)((?:\.[A-Za-z_$][\w$]*|\[(?:\d+|"(?:[^"\\]|\\.)*")\])+)/g;

/**
 * An enum failure names its allowed values by a reference into the whole schema, which keeps the schema
 * (its every keyword) in the module; the values are written out instead, and a schema nothing else
 * refers to is dropped.
 */
function inlineAllowedValues(code: string, strings: StringTable): string {
  const schemas = new Map<string, { text: string; value: unknown }>();
  for (const match of code.matchAll(SCHEMA_DECLARATION)) {
    const start = (match.index ?? 0) + match[0].length;
    const text = code.slice(start, jsonEnd(code, start));
    schemas.set(match[1] ?? "", { text: `${match[0]}${text};`, value: JSON.parse(strings.restore(text)) });
  }
  const inlined = code.replace(ALLOWED_VALUES, (whole, name: string, path: string) => {
    const value = valueAt(schemas.get(name)?.value, strings.restore(path));
    return Array.isArray(value) ? `allowedValues:${strings.setAside(JSON.stringify(value))}` : whole;
  });
  return withoutUnreferenced(inlined, schemas);
}

const SCHEMA_NAME = /\bschema\d+\b/g;

/**
 * The code without each schema constant no other text refers to, taken in order of declaration (so
 * that dropping one can free those only it referred to). One count of every name, not a search of the
 * whole code per constant: a large spec has thousands.
 */
function withoutUnreferenced(code: string, schemas: Map<string, { text: string }>): string {
  const uses = namesIn(code);
  const dropped: { at: number; end: number }[] = [];
  for (const [name, { text }] of schemas) {
    const at = code.indexOf(text);
    if (at < 0 || (uses.get(name) ?? 0) > (namesIn(text).get(name) ?? 0)) continue;
    dropped.push({ at, end: at + text.length });
    for (const [inner, count] of namesIn(text)) uses.set(inner, (uses.get(inner) ?? 0) - count);
  }
  dropped.sort((a, b) => a.at - b.at);
  const pieces: string[] = [];
  let from = 0;
  for (const { at, end } of dropped) {
    pieces.push(code.slice(from, at));
    from = end;
  }
  pieces.push(code.slice(from));
  return pieces.join("");
}

/** How many times each `schemaN` name occurs in `text` as a word. */
function namesIn(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const [name] of text.matchAll(SCHEMA_NAME)) counts.set(name, (counts.get(name) ?? 0) + 1);
  return counts;
}

/** The index just past the JSON object or array that starts at `start`. */
function jsonEnd(code: string, start: number): number {
  let depth = 0;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (c === '"') {
      for (i++; code[i] !== '"'; i++) if (code[i] === "\\") i++;
    } else if (c === "{" || c === "[") {
      depth++;
    } else if ((c === "}" || c === "]") && --depth === 0) {
      return i + 1;
    }
  }
  throw new Error("ajv's standalone code has a schema constant that does not end");
}

/** The value at a property path such as `.properties.status.enum` or `["x-y"][0]`. */
function valueAt(root: unknown, path: string): unknown {
  let value = root;
  for (const [, name, index, quoted] of path.matchAll(
    /\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g,
  )) {
    const key = name ?? index ?? (quoted === undefined ? "" : (JSON.parse(quoted) as string));
    value = value !== null && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
