// One call to IAM for a token: IAM's createUserToken through the generic client (spec/iam.openapi.yaml:
// one attempt, no redirect followed, the body capped and checked), and the token and its dates read
// from its answer. The token is never part of an error, nor of the response an error keeps.
import { createUserToken } from "../../../generated/iam.operations.js";
import type { ResponseInfo } from "../client-options.js";
import { clientOf } from "../create-client.js";
import { IamError, IAM_TOKEN_OPERATION as OPERATION } from "../errors/iam-error.js";
import { UnexpectedResponseError } from "../errors/unexpected-response-error.js";
import { isVisibleAscii } from "../visible-ascii.js";
import type { IamSettings } from "./iam-settings.js";

/** A token as IAM issued it, with its dates on IAM's clock. */
export interface IssuedToken {
  token: string;
  issuedAt: number | undefined;
  expiresAt: number;
}

/** The response header IAM's token comes in. */
const TOKEN_HEADER = "X-Subject-Token";

type TokenCall = (input: object, options: object) => Promise<unknown>;

/** A function that asks IAM for a new token each time it is called. */
export function iamTokenCall(settings: IamSettings): () => Promise<IssuedToken> {
  const client = clientOf(
    [createUserToken],
    {
      endpoint: settings.baseUrl,
      allowInsecureHttp: settings.allowInsecureHttp,
      fetch: settings.fetch as typeof fetch,
      timeoutMs: settings.timeoutMs,
      deadlineMs: settings.timeoutMs,
      retry: false,
      secretResponseHeaders: [TOKEN_HEADER],
      documentedError: ({ body, status, requestId }) => {
        const { error_code, error_msg } = body as { error_code: string; error_msg: string };
        return new IamError(error_code, error_msg, status, requestId);
      },
    },
    "iamTokenProvider",
  );
  const call = client[createUserToken.name] as TokenCall;
  return async () => {
    let answer: ResponseInfo | undefined;
    const body = await call(
      { nocatalog: "true", ...settings.body },
      {
        // As the provider's page shows the request.
        headers: { "Content-Type": "application/json;charset=utf8" },
        onResponse: (info: ResponseInfo) => {
          answer = info;
        },
      },
    );
    return issuedToken(body, answer as ResponseInfo);
  };
}

/** The token and its dates, or the UnexpectedResponseError the answer amounts to. */
function issuedToken(body: unknown, answer: ResponseInfo): IssuedToken {
  const unexpected = (reason: string) => {
    const headers = new Headers(answer.headers);
    headers.delete(TOKEN_HEADER);
    const kept = new Response(null, { status: answer.status, headers });
    return new UnexpectedResponseError(reason, kept, JSON.stringify(body), [], {
      operation: OPERATION,
      requestId: answer.requestId,
    });
  };
  const token = answer.headers.get(TOKEN_HEADER) ?? "";
  if (!isVisibleAscii(token)) throw unexpected(`has no usable ${TOKEN_HEADER} header`);
  const { issued_at, expires_at } = (body as { token: { issued_at?: string; expires_at: string } }).token;
  const expiresAt = Date.parse(expires_at);
  const issuedAt = issued_at === undefined ? undefined : Date.parse(issued_at);
  if (Number.isNaN(expiresAt) || (issuedAt !== undefined && Number.isNaN(issuedAt))) {
    throw unexpected("has a token.expires_at or token.issued_at that is not a date");
  }
  return { token, issuedAt, expiresAt };
}
