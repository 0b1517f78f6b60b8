// generated/shared-types.ts: the types every spec's generated modules are written against.
import { header } from "./module-text.js";

/** The one module, beside every spec's, that states the types they all share. */
export const SHARED_TYPES = "shared-types";

/**
 * The types the validators, examples and policy of every spec are written against, stated once. The
 * client and the mocks read generated modules through them; they import nothing hand-written.
 */
export function sharedTypesModule(): string {
  return `${header("its own template")}\n\n${TYPES}`;
}

const TYPES = `/** One way in which a value fails a schema, as ajv reports it. */
export interface ValidationIssue {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}

/** A compiled validator: true when the value fits; otherwise \`errors\` says why. */
export interface Validate {
  (data: unknown): boolean;
  errors?: ValidationIssue[] | null;
}

/**
 * One operation as generated/<spec>.validators.ts exports it, on its own (by its operationId) and in
 * the \`operations\` table.
 */
export interface OperationContract<Id extends string = string> {
  operationId: Id;
  method: string;
  path: string;
  parameters: readonly { name: string; in: string; required: boolean; validate: Validate }[];
  /** Alternatives, each the credentials sent together; \`[]\` when the operation needs none. */
  security: readonly (readonly { scheme: string; in: string; name: string }[])[];
  requestBody: { required: boolean; validate: Validate } | undefined;
  responses: Readonly<Record<string, Validate>>;
}

type JsonOf<T> = T extends { content: { "application/json": infer Body } } ? Body : never;

/** Named examples, by example name, in the order of the spec. */
export type NamedExamples<T> = Readonly<Record<string, T>>;

/** What generated/<spec>.examples.ts's \`examples\` holds for an operation of generated/<spec>.ts. */
export interface OperationExamples<Operation extends { requestBody?: unknown; responses: object }> {
  method: string;
  path: string;
  requestBody: NamedExamples<JsonOf<Operation["requestBody"]>>;
  responses: { [Status in keyof Operation["responses"]]?: NamedExamples<JsonOf<Operation["responses"][Status]>> };
}

/**
 * What generated/<spec>.examples.ts's \`policy\` holds for one operation: its documented statuses
 * (\`default\` included), its request media types, and each named JSON example of an error response
 * with the violations it answers (\`x-mock-answers-violation\`), in spec order.
 */
export interface OperationPolicy {
  statuses: readonly string[];
  requestMediaTypes: readonly string[];
  answers: readonly {
    status: number;
    name: string;
    /** Top-level keys of the example whose text names the field at fault in \`{field}\` (\`x-mock-message\`). */
    message?: Readonly<Record<string, string>>;
    selectors: readonly { in: string; at: string; kind: string }[];
  }[];
}
`;
