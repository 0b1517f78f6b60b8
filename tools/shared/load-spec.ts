// The one way every command loads a spec: its files read within limits, every reference checked
// before it is followed (inside the spec's folder; a URL only when allowed, and only to a public
// address), literal data left as written, and the whole bundled into one document whose references
// are all internal. A spec that cannot be loaded so is refused with a SpecLoadError that names the
// file and line at fault; commands exit 2 on it.
//
// It does not check the document against the OpenAPI schema: `npm run lint:spec` reports that as
// Spectral's findings, and the commands that need a valid document check it with validate-spec.ts.
import type { OpenAPIV3 } from "openapi-types";
import { bundleFiles } from "./spec-bundle.js";
import { refCycles } from "./spec-cycles.js";
import { deref } from "./spec-deref.js";
import { withDiscriminatedBranches } from "./spec-discriminator.js";
import { readSpecFiles, type SpecFile } from "./spec-files.js";
import { positionAt } from "./spec-lines.js";
import { type SourcePosition, SpecLoadError } from "./spec-load-error.js";
import { type Path, type RefSite, type SpecNodes, specNodes } from "./spec-nodes.js";
import { originsOf, positionIn } from "./spec-origins.js";
import { isRef, pointerOf, pointerPath, refEnd } from "./spec-pointers.js";
import { DEFAULT_LIMITS, type SpecLimits } from "./spec-text.js";

export { SpecLoadError } from "./spec-load-error.js";
export type { SpecLimits } from "./spec-text.js";

export interface LoadOptions {
  /** Follow references to http(s) URLs (to public addresses only). Off unless a command's flag says. */
  allowRemote?: boolean;
  limits?: Partial<SpecLimits>;
  /** The spec's text, when it is not to be read from its file (an edited or older version of it). */
  text?: string;
}

export interface LoadedSpec {
  /** The spec file's absolute path. */
  file: string;
  /** The spec as one document: the parts of other files brought in, every reference internal (`#/…`). */
  document: OpenAPIV3.Document;
  /** Every file read, by absolute path or URL, the spec first: its text and parsed value. */
  files: ReadonlyMap<string, SpecFile>;
  /** The references and the literal values holding a `$ref` key, of `document`. */
  nodes: SpecNodes;
  /** Where the node at a path (or JSON pointer) of `document` is written: file, line and column. */
  positionOf(path: Path | string): SourcePosition;
  /** What a node of `document` stands for: the node itself, or the end of the references it is. */
  resolve<T>(node: T | OpenAPIV3.ReferenceObject): T;
  /**
   * `document` without references but those on a cycle (spec-deref.ts), each discriminated `oneOf`
   * branch saying which values select it (spec-discriminator.ts); made once, on first call.
   */
  dereferenced(): OpenAPIV3.Document;
}

/** The spec at `path`, loaded; throws SpecLoadError naming the file and line when it is refused. */
export async function loadSpec(path: string, options: LoadOptions = {}): Promise<LoadedSpec> {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const { root, files } = await readSpecFiles(path, {
    allowRemote: options.allowRemote ?? false,
    limits,
    ...(options.text === undefined ? {} : { text: options.text }),
  });
  checkTargets(files);
  const origins = originsOf(files);
  const document = await bundleFiles(root, files).catch((error: Error) => {
    throw error instanceof SpecLoadError ? error : new SpecLoadError(root, `not bundled: ${error.message}`);
  });
  const positionOf = (at: Path | string) => positionIn(document, root, origins, pathOf(at));
  const nodes = files.size === 1 ? root.nodes : specNodes(document, Number.POSITIVE_INFINITY);
  for (const site of nodes.refs) {
    if (!site.ref.startsWith("#")) {
      throw new SpecLoadError(
        positionOf([...site.path, "$ref"]),
        `$ref ${site.ref} is literal data in the file that holds it, but a reference where it is used`,
      );
    }
  }
  const cycles = refCycles(document, nodes.refs);
  if (cycles.forbidden) {
    const { site, nodes: around } = cycles.forbidden;
    throw new SpecLoadError(
      positionOf([...site.path, "$ref"]),
      `$ref ${site.ref} closes a cycle of references through what is not a schema: ` +
        `${around.join(" → ")}. Only a schema may contain itself`,
    );
  }
  return loaded(root, files, document as OpenAPIV3.Document, nodes, cycles.cyclic, positionOf);
}

function loaded(
  root: SpecFile,
  files: ReadonlyMap<string, SpecFile>,
  document: OpenAPIV3.Document,
  nodes: SpecNodes,
  cyclic: ReadonlySet<RefSite>,
  positionOf: (at: Path | string) => SourcePosition,
): LoadedSpec {
  const documents = new Map([[root.file, { value: document as unknown }]]);
  let copy: OpenAPIV3.Document | undefined;
  return {
    file: root.file,
    document,
    files,
    nodes,
    positionOf,
    resolve: <T>(node: T | OpenAPIV3.ReferenceObject) =>
      (isRef(node) ? refEnd(documents, root.file, node.$ref).value : node) as T,
    dereferenced: () => {
      copy ??= withDiscriminatedBranches(
        deref(document, root.file, new Set([...cyclic].map((site) => pointerOf(site.path)))),
      );
      return copy;
    },
  };
}

/** Every reference of every file leads somewhere; throws SpecLoadError at the first that does not. */
function checkTargets(files: ReadonlyMap<string, SpecFile>): void {
  for (const file of files.values()) {
    for (const site of file.nodes.refs) {
      try {
        refEnd(files, file.file, site.ref);
      } catch (error) {
        throw new SpecLoadError(
          positionAt(file, [...site.path, "$ref"]),
          `$ref ${site.ref}: ${(error as Error).message}`,
        );
      }
    }
  }
}

function pathOf(at: Path | string): Path {
  if (typeof at !== "string") return at;
  return pointerPath(at.startsWith("#") ? at : `#${at}`) ?? [];
}
