import { ClientError, type FailureContext, guardFor } from "./base.js";
import { cut } from "./quote.js";

export const BODY_EXCERPT_LIMIT = 512;

/** Where a body broke the spec's schema, and how. */
export interface SchemaViolation {
  /** JSON pointer into the body, `""` for the body itself. */
  pointer: string;
  message: string;
}

/** A status or body the spec does not document: a gateway's 401/5xx page, HTML, bad JSON, a schema break. */
export class UnexpectedResponseError extends ClientError {
  override readonly name = "UnexpectedResponseError" as const;
  declare readonly status: number;
  /** The first {@link BODY_EXCERPT_LIMIT} characters of the body. */
  readonly bodyExcerpt: string;
  /** For a body that parsed but broke the schema: each violation. Empty otherwise. */
  readonly violations: readonly SchemaViolation[];
  declare readonly response: Response;

  constructor(
    reason: string,
    response: Response,
    body: string,
    violations: readonly SchemaViolation[],
    context: FailureContext,
  ) {
    const excerpt = excerptOf(body);
    const where = cut(violations.map((v) => `${v.pointer || "/"} ${v.message}`).join("; "));
    super(
      `${context.operation} got an undocumented response: ${response.status} ${reason}${where ? ` (${where})` : ""}`,
      { ...context, status: response.status },
    );
    this.bodyExcerpt = excerpt;
    this.violations = violations;
    Object.defineProperty(this, "response", { value: response, enumerable: false });
  }
}

export const isUnexpectedResponseError = guardFor(UnexpectedResponseError, "UnexpectedResponseError");

function excerptOf(body: string): string {
  return body.length > BODY_EXCERPT_LIMIT ? `${body.slice(0, BODY_EXCERPT_LIMIT)}…` : body;
}
