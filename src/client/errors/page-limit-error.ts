import { ClientError, type FailureContext, guardFor } from "./base.js";

/**
 * Paging through a cursor operation reached its bound on pages (`maxPages`) while the service still
 * gave a cursor: the items read so far were yielded, the rest were not read. A service that keeps
 * answering with a cursor would otherwise be called without end.
 */
export class PageLimitError extends ClientError {
  override readonly name = "PageLimitError" as const;
  /** The bound that was reached. */
  readonly maxPages: number;

  constructor(maxPages: number, context: FailureContext) {
    super(
      `${context.operation} had more pages after ${maxPages}, the bound on pages; raise maxPages to read further`,
      context,
    );
    this.maxPages = maxPages;
  }
}

export const isPageLimitError = guardFor(PageLimitError, "PageLimitError");
