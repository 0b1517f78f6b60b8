// One call to IAM for a token: the POST, its answer read as a capped stream with no redirect followed
// (it would carry the password), and the token and its dates read from that answer. The token is
// never part of an error, nor the response an error keeps.
import createClient from "openapi-fetch";
import type { paths } from "../../../generated/iam.js";
import { responses } from "../../../generated/iam.validators.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../body-reader.js";
import { IamError, IAM_TOKEN_OPERATION as OPERATION } from "../errors/iam-error.js";
import { TimeoutError } from "../errors/timeout-error.js";
import { UnexpectedResponseError } from "../errors/unexpected-response-error.js";
import { type Answer, exchange, exchangeFailure } from "../exchange.js";
import { isVisibleAscii } from "../visible-ascii.js";
import { requestIdOf, validateDeep } from "../wire.js";
import type { IamSettings } from "./iam-settings.js";

/** A token as IAM issued it, with its dates on IAM's clock. */
export interface IssuedToken {
  token: string;
  issuedAt: number | undefined;
  expiresAt: number;
}

/** A function that asks IAM for a new token each time it is called. */
export function iamTokenCall(settings: IamSettings): () => Promise<IssuedToken> {
  const client = createClient<paths>({ baseUrl: settings.baseUrl, fetch: settings.fetch });
  return async () => {
    const { response, text } = await postTokenRequest(client, settings);
    return readTokenResponse(response, text);
  };
}

/** One POST to IAM, its body read as a capped stream; no redirect followed. */
async function postTokenRequest(
  client: ReturnType<typeof createClient<paths>>,
  settings: IamSettings,
): Promise<Answer> {
  const { timeoutMs, fetch, body, bodyText } = settings;
  const timeout = new AbortController();
  const timer = setTimeout(() => timeout.abort(), timeoutMs);
  try {
    return await exchange(
      (transport) =>
        client.POST("/v3/auth/tokens", {
          params: { query: { nocatalog: "true" } },
          body,
          bodySerializer: () => bodyText,
          headers: { "Content-Type": "application/json;charset=utf8" },
          fetch: transport,
        }),
      (request) => fetch(request, { signal: timeout.signal, redirect: "manual" }),
      DEFAULT_MAX_RESPONSE_BYTES,
      OPERATION,
    );
  } catch (cause) {
    const timedOut = timeout.signal.aborted
      ? new TimeoutError(timeoutMs, { operation: OPERATION })
      : undefined;
    throw exchangeFailure(cause, OPERATION, timedOut);
  } finally {
    clearTimeout(timer);
  }
}

/** The token and its dates, or the IamError or UnexpectedResponseError the answer amounts to. */
function readTokenResponse(response: Response, text: string): IssuedToken {
  const context = { operation: OPERATION, requestId: requestIdOf(response) };
  // The error keeps a copy of the response without X-Subject-Token: the error must not carry the token.
  const unexpected = (reason: string) =>
    new UnexpectedResponseError(reason, withoutToken(response), text, [], context);
  const validate = responses[OPERATION][String(response.status)];
  if (!validate) throw unexpected("is not a status the IAM spec documents");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw unexpected(text === "" ? "has an empty body" : "has a body that is not JSON");
  }
  const valid = validateDeep(validate, body);
  if (valid === undefined) throw unexpected("has a body nested too deeply to check");
  if (!valid) throw unexpected("has a body that breaks the IAM spec's schema");
  if (!response.ok) {
    const { error_code, error_msg } = body as { error_code: string; error_msg: string };
    throw new IamError(error_code, error_msg, response.status, context.requestId);
  }
  const token = response.headers.get("x-subject-token") ?? "";
  if (!isVisibleAscii(token)) throw unexpected("has no usable X-Subject-Token header");
  const { issued_at, expires_at } = (body as { token: { issued_at?: string; expires_at: string } }).token;
  const expiresAt = Date.parse(expires_at);
  const issuedAt = issued_at === undefined ? undefined : Date.parse(issued_at);
  if (Number.isNaN(expiresAt) || (issuedAt !== undefined && Number.isNaN(issuedAt))) {
    throw unexpected("has a token.expires_at or token.issued_at that is not a date");
  }
  return { token, issuedAt, expiresAt };
}

function withoutToken(response: Response): Response {
  const headers = new Headers(response.headers);
  headers.delete("x-subject-token");
  return new Response(null, { status: response.status, statusText: response.statusText, headers });
}
