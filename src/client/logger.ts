// What the client tells an optional logger about each call. Redacted by construction: a logger is only
// ever given the fields below, built here from the operation's contract, the attempt's timing and the
// error's type — never a header, a URL, a body, the request or the response — so no token, secret
// key, security token or password can reach it.

/** Any object with these methods, e.g. `console` or a pino logger (fields first, then the message). */
export interface Logger {
  debug(fields: LogFields, message: string): void;
  info(fields: LogFields, message: string): void;
  warn(fields: LogFields, message: string): void;
  error(fields: LogFields, message: string): void;
}

export interface LogFields {
  /** The operation's `operationId`, e.g. `modifyImage`. */
  operation: string;
  /** The HTTP method, upper case. */
  method: string;
  /** The spec's path template, e.g. `/pets/{pet_id}/photos` (no values filled in). */
  path: string;
  /** The attempt, from 1. */
  attempt: number;
  /** Milliseconds from the attempt's start to its end. */
  durationMs: number;
  /** The response's status, when there was a response. */
  status?: number | undefined;
  /** The provider's request id, when the response had one. */
  requestId?: string | undefined;
  /** The error's type (its class name), when the attempt failed. */
  error?: string | undefined;
  /** Before a retry: how long the client waits. */
  delayMs?: number;
  /** Why the client retries, gives up early or asks for a fresh token. */
  reason?: string;
}

export interface AttemptRecord {
  operation: string;
  method: string;
  path: string;
  attempt: number;
  startedAt: number;
}

/** The fields of an attempt that ended with `error` (or succeeded, when `error` is undefined). */
export function attemptFields(
  record: AttemptRecord,
  error: unknown,
  status?: number,
  requestId?: string,
): LogFields {
  const fields: LogFields = {
    operation: record.operation,
    method: record.method.toUpperCase(),
    path: record.path,
    attempt: record.attempt,
    durationMs: Math.round(performance.now() - record.startedAt),
  };
  const failure = error as { name?: unknown; status?: unknown; requestId?: unknown } | undefined;
  const seenStatus = status ?? (typeof failure?.status === "number" ? failure.status : undefined);
  const seenRequestId = requestId ?? (typeof failure?.requestId === "string" ? failure.requestId : undefined);
  if (seenStatus !== undefined) fields.status = seenStatus;
  if (seenRequestId !== undefined) fields.requestId = seenRequestId;
  if (error !== undefined) fields.error = typeof failure?.name === "string" ? failure.name : typeof error;
  return fields;
}

/** Checks that a logger given as an option has the four methods. */
export function isLogger(value: unknown): value is Logger {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return ["debug", "info", "warn", "error"].every((level) => typeof candidate[level] === "function");
}

/**
 * The logger, each method made unable to throw or reject: whatever the logger does, a call's outcome is
 * the call's own (a POST the server carried out still resolves, a retry still happens).
 */
export function safeLogger(logger: Logger): Logger {
  const quiet =
    (level: keyof Logger) =>
    (fields: LogFields, message: string): void => {
      try {
        const result: unknown = logger[level](fields, message);
        if (result instanceof Promise) result.catch(() => {});
      } catch {
        // A logger's failure is the logger's; the call goes on.
      }
    };
  return { debug: quiet("debug"), info: quiet("info"), warn: quiet("warn"), error: quiet("error") };
}
