// Compares the client types openapi-typescript generates for two versions of a spec. Each entry —
// `paths[…]`, `components.<group>.<name>`, `operations.<id>` and every other exported type — is
// compared by shape (printed without comments, so a description edit changes nothing), and an entry
// also counts as changed when an entry it refers to changed.
import { diffLines } from "diff";
import ts from "typescript";

export interface TypeChange {
  /** `components.schemas.ModifyImageRequest`, `operations.modifyImage`, `paths["/v1/…"]` … */
  name: string;
  /** The exported aliases of the entry (`SchemaModifyImageRequest`). */
  exports: string[];
  change: "added" | "removed" | "changed";
  /** For an entry whose own shape is the same: the changed entries it refers to. */
  via: string[];
  /** The shape's changed lines, `+ …` and `- …`. */
  lines: string[];
}

interface Entry {
  shape: string;
  refs: string[];
}

interface TypeModule {
  entries: Map<string, Entry>;
  exports: Map<string, string[]>;
}

const printer = ts.createPrinter({ removeComments: true });
const REF = /\b(components)\[["'](\w+)["']\]\[["']([^"']+)["']\]|\b(operations)\[["']([^"']+)["']\]/g;

export function diffTypes(baseSource: string | undefined, headSource: string | undefined): TypeChange[] {
  const base = readModule(baseSource);
  const head = readModule(headSource);
  const names = [...new Set([...base.entries.keys(), ...head.entries.keys()])];
  const own = new Map<string, TypeChange["change"]>();
  for (const name of names) {
    const before = base.entries.get(name);
    const after = head.entries.get(name);
    if (!before) own.set(name, "added");
    else if (!after) own.set(name, "removed");
    else if (before.shape !== after.shape) own.set(name, "changed");
  }
  // Spread "changed" to every entry that refers to a changed one, until nothing more changes.
  const via = new Map<string, string[]>();
  for (let grew = true; grew; ) {
    grew = false;
    for (const [name, entry] of head.entries) {
      if (own.has(name) || via.has(name)) continue;
      const changedRefs = entry.refs.filter((ref) => own.has(ref) || via.has(ref));
      if (changedRefs.length > 0) {
        via.set(name, changedRefs);
        grew = true;
      }
    }
  }
  return names
    .filter((name) => own.has(name) || via.has(name))
    .map((name) => ({
      name,
      exports: head.exports.get(name) ?? base.exports.get(name) ?? [],
      change: own.get(name) ?? "changed",
      via: via.get(name) ?? [],
      lines:
        own.get(name) === "changed"
          ? changedLines(base.entries.get(name)?.shape ?? "", head.entries.get(name)?.shape ?? "")
          : [],
    }));
}

function readModule(source: string | undefined): TypeModule {
  const entries = new Map<string, Entry>();
  const exports = new Map<string, string[]>();
  if (source === undefined) return { entries, exports };
  const file = ts.createSourceFile("types.ts", source, ts.ScriptTarget.Latest, true);
  const add = (name: string, node: ts.Node) => {
    const shape = printer.printNode(ts.EmitHint.Unspecified, node, file);
    const refs = [...shape.matchAll(REF)].map((m) => (m[1] ? `${m[1]}.${m[2]}.${m[3]}` : `${m[4]}.${m[5]}`));
    entries.set(name, { shape, refs: [...new Set(refs)] });
  };
  for (const statement of file.statements) {
    if (ts.isInterfaceDeclaration(statement)) {
      const interfaceName = statement.name.text;
      for (const member of statement.members) {
        const key = memberName(member, file);
        if (interfaceName === "components") {
          const group = ts.isPropertySignature(member) ? member.type : undefined;
          if (group && ts.isTypeLiteralNode(group)) {
            for (const item of group.members) add(`components.${key}.${memberName(item, file)}`, item);
          }
        } else if (interfaceName === "paths") add(`paths[${JSON.stringify(key)}]`, member);
        else add(`${interfaceName}.${key}`, member);
      }
    } else if (ts.isTypeAliasDeclaration(statement)) {
      const alias = statement.name.text;
      // How openapi-typescript writes an empty group (`webhooks`, `$defs`, `operations` with none).
      if (statement.type.getText(file) === "Record<string, never>") continue;
      const target = [...statement.type.getText(file).matchAll(REF)][0];
      if (target?.[1] && target[0] === statement.type.getText(file)) {
        const name = `${target[1]}.${target[2]}.${target[3]}`;
        exports.set(name, [...(exports.get(name) ?? []), alias]);
      } else add(alias, statement);
    }
  }
  return { entries, exports };
}

function memberName(member: ts.TypeElement, file: ts.SourceFile): string {
  const name = member.name;
  if (!name) return member.getText(file);
  return ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name)
    ? name.text
    : name.getText(file);
}

function changedLines(before: string, after: string): string[] {
  return diffLines(before, after).flatMap((part) => {
    if (!part.added && !part.removed) return [];
    const sign = part.added ? "+" : "-";
    return part.value
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => `${sign} ${line.trim()}`);
  });
}
