import { ClientError, type FailureContext, guardFor } from "./base.js";
import { cut } from "./quote.js";

/**
 * The server answered with a redirect (3xx), which the provider never documents. No redirect is
 * followed, to the same origin or another: the credentials and the body stay where they were sent.
 */
export class RedirectError extends ClientError {
  override readonly name = "RedirectError" as const;
  /** The 3xx status, or 0 for a browser's opaque redirect (which hides status and target). */
  declare readonly status: number;
  /** The origin of the `Location` target (never its path or query), or `undefined` when unknown. */
  readonly targetOrigin: string | undefined;

  constructor(status: number, targetOrigin: string | undefined, context: FailureContext) {
    const target = targetOrigin === undefined ? "an unknown target" : cut(targetOrigin);
    super(`${context.operation} was redirected (${status}) to ${target}; redirects are not followed`, {
      ...context,
      status,
    });
    this.targetOrigin = targetOrigin;
  }
}

export const isRedirectError = guardFor(RedirectError, "RedirectError");
