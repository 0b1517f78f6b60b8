// `npm run diff -- --base FILE`: which spec of the head one base file is an earlier version of. By
// file name first; a renamed file is still paired when exactly one spec shares its title, or else
// exactly one shares any of its paths. Anything less certain is an error that names the candidates.
import { parse } from "yaml";
import { SpecError, type SpecVersion } from "./spec-version.js";

interface Outline {
  title: string | undefined;
  paths: string[];
}

function outlineOf(text: string): Outline | undefined {
  try {
    const doc = parse(text) as {
      openapi?: unknown;
      info?: { title?: unknown };
      paths?: Record<string, unknown>;
    } | null;
    if (!doc || typeof doc !== "object" || doc.openapi === undefined) return undefined;
    const title = typeof doc.info?.title === "string" ? doc.info.title : undefined;
    return { title, paths: Object.keys(doc.paths ?? {}) };
  } catch {
    return undefined;
  }
}

/** The one head spec the base file matches, by name, title or paths; undefined when nothing is certain. */
function matchOf(name: string, base: SpecVersion, head: Map<string, SpecVersion>): string | undefined {
  if (head.has(name)) return name;
  if (head.size === 1) return [...head.keys()][0];
  const outline = outlineOf(base.text);
  if (!outline) return undefined;
  const outlines = [...head].map(([headName, spec]) => ({ headName, outline: outlineOf(spec.text) }));
  const byTitle = outlines.filter((o) => outline.title !== undefined && o.outline?.title === outline.title);
  if (byTitle.length === 1) return byTitle[0]?.headName;
  const byPath = outlines.filter((o) => o.outline?.paths.some((path) => outline.paths.includes(path)));
  return byPath.length === 1 ? byPath[0]?.headName : undefined;
}

/** The base file and the head spec it matches, under one name, for buildReport. */
export function pairBaseFile(
  baseFile: string,
  base: Map<string, SpecVersion>,
  head: Map<string, SpecVersion>,
  specDir: string,
): { base: Map<string, SpecVersion>; head: Map<string, SpecVersion> } {
  const [entry] = base;
  if (!entry || base.size !== 1) return { base, head };
  const [name, version] = entry;
  // A file that is not OpenAPI is left as it is: comparing it reports what is wrong with it.
  if (!outlineOf(version.text) && !head.has(name)) return { base, head };
  const match = matchOf(name, version, head);
  const matched = match === undefined ? undefined : head.get(match);
  if (match === undefined || !matched) {
    const choices = [...head.keys()].map((spec) => `--spec ${specDir}/${spec}`).join(" or ");
    throw new SpecError(
      `--base ${baseFile}: no spec in ${specDir}/ has its file name, and no single one its title or paths; name the spec to compare it with: ${choices}`,
    );
  }
  return { base: new Map([[match, version]]), head: new Map([[match, matched]]) };
}
