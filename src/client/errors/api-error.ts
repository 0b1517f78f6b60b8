import { ClientError, type FailureContext, guardFor } from "./base.js";
import { cut } from "./quote.js";

/**
 * The service answered with an error response the spec documents (a `default` response included):
 * `status`, and `body` parsed and checked against the documented schema.
 */
export class ApiError<Body = unknown> extends ClientError {
  override readonly name = "ApiError" as const;
  declare readonly status: number;
  /** The response's body, as the spec documents it for the status. */
  readonly body: Body;
  /** The response; its body has been read. Not enumerable, so logging the error stays short. */
  declare readonly response: Response;

  constructor(body: Body, response: Response, context: FailureContext) {
    const shown =
      body === undefined ? "" : `: ${cut(typeof body === "string" ? body : JSON.stringify(body))}`;
    super(`${context.operation} failed with ${response.status}${shown}`, {
      ...context,
      status: response.status,
    });
    this.body = body;
    Object.defineProperty(this, "response", { value: response, enumerable: false });
  }
}

export const isApiError = guardFor(ApiError, "ApiError");
