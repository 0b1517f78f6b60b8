// One attempt of a call: openapi-fetch builds and sends the request (its path, query, headers and
// body), through a transport bounded by the attempt's time limit and the caller's signal, and reads
// the body under the client's limits; the answer is then read by the one reader of answers.
import type { Client } from "openapi-fetch";
import type { OperationContract } from "../../generated/shared-types.js";
import { BodyLimitError, readLimitedText } from "./body-reader.js";
import type { CallOptions } from "./client-options.js";
import type { CredentialValues } from "./credentials.js";
import { isClientError } from "./errors/base.js";
import { NetworkError } from "./errors/network-error.js";
import { ResponseTooLargeError } from "./errors/response-too-large-error.js";
import { TimeoutError } from "./errors/timeout-error.js";
import { UnexpectedResponseError } from "./errors/unexpected-response-error.js";
import { describe } from "./failure-detail.js";
import { pathTemplateOf } from "./path-template.js";
import type { PreparedRequest } from "./request.js";
import { failureContext } from "./request-id.js";
import { keptResponse, readAnswer } from "./response.js";
import type { Settings } from "./settings.js";
import { attemptTransport } from "./transport.js";

/** The time limit of one attempt: its own, cut short by what is left of the call's deadline. */
export interface AttemptLimit {
  ms: number;
  /** What a TimeoutError reports: the attempt's limit or the call's deadline. */
  reportedMs: number;
  limit: "attempt" | "call";
}

/** What one attempt sends. */
export interface AttemptRequest {
  contract: OperationContract;
  prepared: PreparedRequest;
  credentials: CredentialValues;
  callOptions: CallOptions;
}

// biome-ignore lint/suspicious/noExplicitAny: the contract, generated from the same spec, types the call
export type RawClient = Client<any>;

/** Sends one attempt and reads its answer: the result, with the response it came in. */
export async function sendAttempt(
  raw: RawClient,
  settings: Settings,
  sent: AttemptRequest,
  limit: AttemptLimit,
): Promise<{ result: unknown; response: Response }> {
  const operation = sent.contract.operationId;
  const timer = new AbortController();
  const timeout = setTimeout(
    () => timer.abort(new TimeoutError(limit.reportedMs, { operation }, limit.limit)),
    limit.ms,
  );
  const callSignal = sent.callOptions.signal;
  const signal = callSignal ? AbortSignal.any([callSignal, timer.signal]) : timer.signal;
  let received: Response | undefined;
  let failureText: Promise<string> | undefined;
  const transport = attemptTransport(settings.baseFetch, signal, settings.maxResponseBytes, operation);
  try {
    const { data, response } = await raw.request(
      sent.contract.method as "get",
      pathTemplateOf(sent.contract),
      {
        ...fetchInit(sent),
        // A success's body comes back as its stream, read here under the limits. openapi-fetch reads
        // a failure's itself and hands it over parsed when it parses, so that a JSON string could not
        // be told from text that is not JSON: a copy of it is read here as text (the transport caps both).
        parseAs: "stream",
        fetch: async (request: Request) => {
          received = await transport(request);
          if (!received.ok) {
            failureText = received.clone().text();
            // openapi-fetch's own read fails alike, and that failure is the one the attempt reports.
            failureText.catch(() => {});
          }
          return received;
        },
      },
    );
    const value = response.ok ? await successText(data, response, settings, signal) : await failureText;
    const result = readAnswer(sent.contract, response, { ok: response.ok, value }, settings);
    return { result, response };
  } catch (cause) {
    if (callSignal?.aborted) throw callSignal.reason;
    throw attemptFailure(cause, operation, received, settings);
  } finally {
    clearTimeout(timeout);
  }
}

/** A success's body as text, read under the limits; `undefined` when openapi-fetch found no body. */
function successText(
  data: unknown,
  response: Response,
  settings: Settings,
  signal: AbortSignal,
): Promise<string> | undefined {
  if (!(data instanceof ReadableStream)) return undefined;
  return readLimitedText(data, response, settings.maxResponseBytes, signal);
}

/** openapi-fetch's options for the request: parameters, credentials, the caller's headers and the body. */
function fetchInit({ prepared, credentials, callOptions }: AttemptRequest) {
  const cookies = [...prepared.cookies, ...credentials.cookie];
  const headers: Record<string, string> = { ...callOptions.headers };
  if (cookies.length > 0) headers.Cookie = cookies.join("; ");
  if (prepared.contentType && !/^multipart\//i.test(prepared.contentType))
    headers["Content-Type"] = prepared.contentType;
  return {
    params: {
      path: prepared.params.path,
      query: { ...prepared.params.query, ...credentials.query },
      // openapi-fetch merges params.header last: a credential wins over a caller's header of its name.
      header: { ...prepared.params.header, ...credentials.header },
    },
    headers,
    body: prepared.body,
    querySerializer: prepared.querySerializer,
    ...(prepared.bodySerializer ? { bodySerializer: prepared.bodySerializer } : {}),
  };
}

/** What a failed attempt amounts to: the client's own error as it is, a limit passed, else the network. */
function attemptFailure(
  cause: unknown,
  operation: string,
  received: Response | undefined,
  settings: Pick<Settings, "baseUrl" | "secretResponseHeaders">,
): unknown {
  if (isClientError(cause)) return cause;
  if (cause instanceof BodyLimitError && received) {
    const context = { ...failureContext(operation, received), status: received.status };
    if (cause.limit === "bytes") return new ResponseTooLargeError(cause.maxBytes, context);
    const kept = keptResponse(received, settings.secretResponseHeaders);
    return new UnexpectedResponseError("has a body nested too deeply to check", kept, "", [], context);
  }
  return new NetworkError(describe(cause), { operation, cause }, hostAndPort(settings.baseUrl));
}

/** The server a call was sent to, as `host:port` (the scheme's port when the endpoint names none). */
function hostAndPort(endpoint: string): string {
  const url = new URL(endpoint);
  return `${url.hostname}:${url.port || (url.protocol === "https:" ? "443" : "80")}`;
}
