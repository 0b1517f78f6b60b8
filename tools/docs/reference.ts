// The copy of the spec the API reference renders, made for the people who call the API: code samples
// per operation, how to authenticate and how to mock it up front, each example labelled by the name
// `Prefer` picks it by, and no prose about the spec's own extensions (the mock's `x-` grammar is for
// the spec's maintainers). The spec itself is left as it is.
import type { OpenAPIV3 } from "openapi-types";
import { RESET_PATH } from "../../src/mock/stateful.js";
import { layoutOf } from "../codegen/layout.js";
import { methodNames } from "../codegen/names.js";
import { operationsOf, securityOf } from "../shared/openapi.js";
import { codeSamples, curlSample, type SampleContext, sampleKey } from "./code-samples.js";
import { withoutExtensionProse } from "./extension-prose.js";

const MOCK_URL = "http://127.0.0.1:4010";

/** The reference's copy of `forTools` (the spec as Redocly reads it); `api` is the same spec dereferenced. */
export function referenceCopy(
  forTools: OpenAPIV3.Document,
  api: OpenAPIV3.Document,
  context: SampleContext,
): OpenAPIV3.Document {
  const copy = structuredClone(forTools);
  const samples = codeSamples(api, context);
  for (const [path, item] of Object.entries(copy.paths ?? {})) {
    for (const [method, operation] of Object.entries(item ?? {})) {
      const found = samples.get(sampleKey(path, method));
      if (found && typeof operation === "object") Object.assign(operation, { "x-codeSamples": found });
    }
  }
  labelExamples(copy);
  stripExtensionProse(copy);
  copy.info = {
    ...copy.info,
    description: [copy.info.description, authentication(copy), mocking(api, context.specFile)]
      .filter((part) => part?.trim())
      .join("\n\n"),
  };
  return copy;
}

/** Every description without its sentences about `x-` extensions. */
function stripExtensionProse(node: unknown): void {
  if (node === null || typeof node !== "object") return;
  const record = node as Record<string, unknown>;
  if (typeof record.description === "string") record.description = withoutExtensionProse(record.description);
  for (const child of Object.values(record)) stripExtensionProse(child);
}

/**
 * Each named example, in every map of them, labelled by its name (what `Prefer: example=NAME` takes),
 * its summary moved into its description, and inline, so that an example two maps share is labelled
 * in each by the name that map gives it.
 */
function labelExamples(document: OpenAPIV3.Document): void {
  const shared = (document.components?.examples ?? {}) as Record<string, OpenAPIV3.ExampleObject>;
  const visit = (node: unknown, key: string | undefined): void => {
    if (node === null || typeof node !== "object") return;
    const record = node as Record<string, unknown>;
    if (key === "examples" && !Array.isArray(node) && !isSchemaExamples(record)) {
      for (const [name, value] of Object.entries(record)) record[name] = labelled(name, value, shared);
      return;
    }
    for (const [childKey, child] of Object.entries(record)) visit(child, childKey);
  };
  for (const example of Object.values(shared)) withoutExtensions(example);
  visit(document.paths, undefined);
  visit(document.components?.responses, undefined);
  visit(document.components?.requestBodies, undefined);
  visit(document.components?.parameters, undefined);
}

/** Drops an example's `x-` fields (the mock's policy), which the reference would carry unrendered. */
function withoutExtensions(example: object): void {
  for (const field of Object.keys(example)) {
    if (field.startsWith("x-")) delete (example as Record<string, unknown>)[field];
  }
}

/** Whether an `examples` object is not a map of named examples (each an object with a value or a $ref). */
function isSchemaExamples(record: Record<string, unknown>): boolean {
  return Object.values(record).some((value) => value === null || typeof value !== "object");
}

function labelled(name: string, value: unknown, shared: Record<string, OpenAPIV3.ExampleObject>): unknown {
  const ref = (value as { $ref?: unknown }).$ref;
  const target = typeof ref === "string" ? shared[ref.replace("#/components/examples/", "")] : value;
  if (target === null || typeof target !== "object") return value;
  const { summary, description, ...rest } = target as OpenAPIV3.ExampleObject;
  const kept = { ...rest };
  withoutExtensions(kept);
  const text = [summary, description].filter(Boolean).join("\n\n");
  return { ...kept, summary: name, ...(text ? { description: text } : {}) };
}

/** The "Authentication" section: each security scheme, by the header, query or cookie it travels in. */
function authentication(document: OpenAPIV3.Document): string | undefined {
  const schemes = Object.entries(document.components?.securitySchemes ?? {}) as [
    string,
    OpenAPIV3.SecuritySchemeObject,
  ][];
  if (schemes.length === 0) return undefined;
  const parts = schemes.map(([name, scheme]) => {
    const where =
      scheme.type === "apiKey"
        ? `the \`${scheme.name}\` ${scheme.in === "header" ? "header" : `${scheme.in} parameter`}`
        : scheme.type === "http"
          ? `the \`Authorization\` header (${scheme.scheme})`
          : `${scheme.type}`;
    return `### ${name}\n\nSent in ${where}.${scheme.description ? `\n\n${scheme.description.trim()}` : ""}`;
  });
  return `## Authentication\n\n${parts.join("\n\n")}`;
}

/** The "Mocking" section: serving the spec, forcing an answer with `Prefer`, and the stateful mode. */
function mocking(api: OpenAPIV3.Document, specFile: string): string {
  const lines = [
    "## Mocking",
    `\`npm run mock -- --spec ${specFile}\` serves this API on ${MOCK_URL} from the examples below; it answers a bad request with the error this reference documents for it.`,
  ];
  const forced = forcedAnswer(api);
  if (forced) {
    lines.push(
      `Any documented response can be forced with the \`Prefer\` header, \`Prefer: code=STATUS, example=NAME\`, NAME being the example's label below. For example, ${forced.what}:`,
      `\`\`\`sh\n${forced.curl}\n\`\`\``,
      `From the TypeScript client, per call:\n\n\`\`\`ts\n${forced.client}\n\`\`\``,
    );
  }
  lines.push(
    `\`npm run mock -- --stateful\` remembers what the calls create, add and delete, per project, instead of answering from the examples; \`POST ${MOCK_URL}${RESET_PATH}\` forgets it.`,
  );
  return lines.join("\n\n");
}

/** The first error example of the spec, forced on its operation: as curl, and from the client. */
function forcedAnswer(api: OpenAPIV3.Document): { what: string; curl: string; client: string } | undefined {
  const operations = operationsOf(api);
  const names = methodNames(operations.map((at) => at.operationId));
  for (const [i, at] of operations.entries()) {
    for (const [status, response] of Object.entries(at.operation.responses ?? {})) {
      if (!/^[45]\d\d$/.test(status)) continue;
      const media = Object.values((response as OpenAPIV3.ResponseObject).content ?? {})[0];
      const example = Object.keys(media?.examples ?? {})[0];
      if (example === undefined) continue;
      const prefer = `code=${status}, example=${example}`;
      const credentials = securityOf(api, at.operation)[0] ?? [];
      return {
        what: `the \`${example}\` answer of ${at.operationId}`,
        curl: curlSample(layoutOf(at), MOCK_URL, credentials, [`Prefer: ${prefer}`]),
        client: `await client.${names[i]}(input, { headers: { Prefer: ${JSON.stringify(prefer)} } });`,
      };
    }
  }
  return undefined;
}
