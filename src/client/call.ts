// One call of an operation: its input checked once, then attempts until one succeeds, the error is not
// worth another, the attempts run out or the call's deadline passes; a refused credential is renewed once.
import type { OperationContract } from "../../generated/shared-types.js";
import { type AttemptLimit, type RawClient, sendAttempt } from "./attempt.js";
import { retryDelay, sleep } from "./backoff.js";
import type { CallOptions } from "./client-options.js";
import {
  type ChosenCredential,
  type CredentialSources,
  chosenCredentials,
  credentialValues,
} from "./credentials.js";
import { type ClientError, isClientError } from "./errors/base.js";
import { TimeoutError } from "./errors/timeout-error.js";
import { attemptFields, type LogFields, type Logger } from "./logger.js";
import type { OperationCall } from "./operations.js";
import { checkHeaders, checkMilliseconds } from "./options.js";
import { prepareRequest } from "./request.js";
import { requestIdOf } from "./request-id.js";
import type { Settings } from "./settings.js";

const IDEMPOTENT_METHODS = new Set(["get", "head", "put", "delete", "options", "trace"]);

/** The client's calls, each made of attempts sent through `raw`. */
export function operationCaller(settings: Settings, raw: RawClient): OperationCall {
  const sources: CredentialSources = {
    auth: settings.auth,
    token: settings.token,
    signs: settings.sign !== undefined,
  };
  const chosen = new WeakMap<OperationContract, ChosenCredential[]>();
  const credentialsOf = (contract: OperationContract) => {
    const found = chosen.get(contract) ?? chosenCredentials(contract, sources);
    chosen.set(contract, found);
    return found;
  };
  return async (contract, input, callOptions = {}) => {
    const operation = contract.operationId;
    const limits = callLimits(settings, callOptions, operation);
    const prepared = prepareRequest(contract, input, settings.defaults);
    const call = { contract, prepared, callOptions, credentials: credentialsOf(contract) };
    return attemptsOf(settings, raw, call, limits);
  };
}

interface Call {
  contract: OperationContract;
  prepared: ReturnType<typeof prepareRequest>;
  callOptions: CallOptions;
  credentials: ChosenCredential[];
}

async function attemptsOf(
  settings: Settings,
  raw: RawClient,
  call: Call,
  limits: CallLimits,
): Promise<unknown> {
  const { contract, callOptions } = call;
  const operation = contract.operationId;
  const { logger, retry } = settings;
  const attempts = isIdempotent(contract, call.prepared.body) ? retry.attempts : 1;
  const deadline = new CallDeadline(limits.deadlineMs, callOptions.signal, operation);
  let refusal: { refresh: boolean; refused: Map<string, string> | undefined } = {
    refresh: false,
    refused: undefined,
  };
  let refreshed = false;
  try {
    for (let attemptNumber = 1; ; attemptNumber++) {
      callOptions.signal?.throwIfAborted();
      const credentials = await credentialValues(call.credentials, refusal, () => deadline.signal, operation);
      const startedAt = performance.now();
      const record = {
        operation,
        method: contract.method,
        path: contract.path,
        attempt: attemptNumber,
        startedAt,
      };
      try {
        const limit = deadline.attemptLimit(limits.timeoutMs);
        const { result, response } = await sendAttempt(raw, settings, { ...call, credentials }, limit);
        logger?.debug(
          attemptFields(record, undefined, response.status, requestIdOf(response)),
          "attempt succeeded",
        );
        callOptions.onResponse?.({
          status: response.status,
          headers: response.headers,
          requestId: requestIdOf(response),
        });
        return result;
      } catch (error) {
        if (callOptions.signal?.aborted || !isClientError(error)) throw error;
        const fields = attemptFields(record, error);
        logger?.debug(fields, "attempt failed");
        // A refused credential gets one more attempt with a fresh one, outside the retry budget.
        if (!refreshed && hasTokenFunction(call.credentials) && isRefusal(settings, error)) {
          logger?.info({ ...fields, reason: "token refused" }, "asks for a fresh token");
          refusal = { refresh: true, refused: credentials.sent };
          refreshed = true;
          attemptNumber--;
          continue;
        }
        refusal = { refresh: false, refused: undefined };
        const delayMs = retryDelay(error, attemptNumber, retry);
        const giveUp = giveUpReason(error, delayMs, attemptNumber, attempts, deadline.endAt);
        if (giveUp !== undefined || delayMs === undefined) throw failed(logger, fields, giveUp, error);
        logger?.warn({ ...fields, delayMs, reason: `${fields.error} is retried` }, "retries");
        retry.onRetry?.({ operation, attempt: attemptNumber, delayMs, error });
        await sleep(delayMs, callOptions.signal);
      }
    }
  } finally {
    deadline.clear();
  }
}

interface CallLimits {
  timeoutMs: number;
  deadlineMs: number;
}

/** Each attempt's limit and the whole call's, the call's own options checked. */
function callLimits(settings: Settings, callOptions: CallOptions, operation: string): CallLimits {
  const context = { operation };
  const timeoutMs =
    callOptions.timeoutMs === undefined
      ? settings.timeoutMs
      : checkMilliseconds(callOptions.timeoutMs, "timeoutMs", 1, context);
  const deadlineMs =
    callOptions.deadlineMs === undefined
      ? settings.deadlineMs
      : checkMilliseconds(callOptions.deadlineMs, "deadlineMs", 1, context);
  if (callOptions.headers) checkHeaders(callOptions.headers, "headers", context);
  return { timeoutMs, deadlineMs };
}

/**
 * The whole call's deadline: what is left of it bounds each attempt, and its signal (with the caller's)
 * ends a wait for a token. Its timer is made only when something waits on it.
 */
class CallDeadline {
  readonly endAt: number;
  #controller: AbortController | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly deadlineMs: number,
    readonly callSignal: AbortSignal | undefined,
    readonly operation: string,
  ) {
    this.endAt = performance.now() + deadlineMs;
  }

  /** Aborts with a TimeoutError when the deadline passes, or with the caller's reason. */
  get signal(): AbortSignal {
    if (!this.#controller) {
      const controller = new AbortController();
      const reason = new TimeoutError(this.deadlineMs, { operation: this.operation }, "call");
      this.#timer = setTimeout(() => controller.abort(reason), Math.max(0, this.endAt - performance.now()));
      this.#controller = controller;
    }
    const own = this.#controller.signal;
    return this.callSignal ? AbortSignal.any([this.callSignal, own]) : own;
  }

  /** The next attempt's limit: its own, or what is left of the deadline when that is shorter. */
  attemptLimit(timeoutMs: number): AttemptLimit {
    const left = this.endAt - performance.now();
    if (left <= 0) throw new TimeoutError(this.deadlineMs, { operation: this.operation }, "call");
    return left < timeoutMs
      ? { ms: left, reportedMs: this.deadlineMs, limit: "call" }
      : { ms: timeoutMs, reportedMs: timeoutMs, limit: "attempt" };
  }

  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
  }
}

/**
 * Whether the call may be sent again: as the spec's `x-idempotent` says when it says (always, never,
 * or when the body fits its schema), else by the method's HTTP semantics.
 */
function isIdempotent(contract: OperationContract, body: unknown): boolean {
  const { idempotent } = contract;
  if (idempotent === undefined) return IDEMPOTENT_METHODS.has(contract.method);
  return typeof idempotent === "boolean" ? idempotent : idempotent(body);
}

function hasTokenFunction(credentials: readonly ChosenCredential[]): boolean {
  return credentials.some((c) => typeof c.source === "function");
}

function isRefusal(settings: Settings, error: ClientError): boolean {
  return settings.isCredentialRefusal ? settings.isCredentialRefusal(error) : error.status === 401;
}

/** The error a call ends with, logged with why it is not retried. */
function failed(
  logger: Logger | undefined,
  fields: LogFields,
  giveUp: string | undefined,
  error: ClientError,
): ClientError {
  logger?.error({ ...fields, reason: giveUp ?? "not retried" }, "call failed");
  return error;
}

/** Why a failed call is not retried, or `undefined` when it is. */
function giveUpReason(
  error: ClientError,
  delayMs: number | undefined,
  attemptNumber: number,
  attempts: number,
  endAt: number,
): string | undefined {
  // The timer may fire a fraction of a millisecond before the clock reaches the deadline: once the
  // call's deadline ended an attempt, the call is over, whatever the clock says is left.
  if (error instanceof TimeoutError && error.limit === "call") return "the call's deadline passed";
  if (delayMs === undefined) return "not retried";
  if (attemptNumber >= attempts) return "no attempts left";
  if (performance.now() + delayMs >= endAt) return "the wait would pass the call's deadline";
  return undefined;
}
