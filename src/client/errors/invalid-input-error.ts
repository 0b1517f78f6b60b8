import { ClientError, type FailureContext, guardFor } from "./base.js";

/** Input that breaks the spec, caught before anything went on the wire. */
export class InvalidInputError extends ClientError {
  override readonly name = "InvalidInputError" as const;
  /** The offending field, as the caller named it (e.g. `tags.color`, `petId`). */
  readonly field: string;
  readonly reason: string;

  constructor(field: string, reason: string, context: FailureContext) {
    super(`${context.operation}: invalid input: ${field} ${reason}`, context);
    this.field = field;
    this.reason = reason;
  }
}

export const isInvalidInputError = guardFor(InvalidInputError, "InvalidInputError");
