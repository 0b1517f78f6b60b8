// The IAM token provider's options, checked once when it is made, and the one request body they make.
// Only what the request needs is kept: the options object itself is not held.
import { InvalidInputError } from "../errors/invalid-input-error.js";
import { checkEndpoint, checkMilliseconds, checkOptionsObject, type Fetch, fetchOption } from "../options.js";

export interface IamTokenProviderOptions {
  /** IAM's base URL, e.g. `https://iam.ap-southeast-1.myhuaweicloud.com`; `https:` unless loopback or `allowInsecureHttp`. */
  iamEndpoint: string;
  /** Allow a plain `http:` IAM endpoint on a host that is not loopback (default `false`): the password would cross the network unencrypted. */
  allowInsecureHttp?: boolean;
  /** IAM user name. */
  user: string;
  /** The user's password; sent to IAM only, never logged and never part of an error. */
  password: string;
  /** Name of the account (domain) the user belongs to. */
  domain: string;
  /**
   * The project the token is scoped to: `{ id }` (the project ID of Image Search's paths) or
   * `{ name }` (e.g. the region ID `ap-southeast-1`); a string is a name.
   */
  project: string | { id: string } | { name: string };
  /** A `fetch` to use instead of the global one. */
  fetch?: typeof globalThis.fetch;
  /** How long before `expires_at` a new token is fetched (default 10 minutes; at most half the validity). */
  refreshBeforeMs?: number;
  /** Time limit of one IAM call, in milliseconds (default 30 s). */
  timeoutMs?: number;
  /** The clock, in epoch milliseconds (default `Date.now`). */
  now?: () => number;
}

export const DEFAULT_REFRESH_BEFORE_MS = 10 * 60_000;
const DEFAULT_TIMEOUT_MS = 30_000;

type ProjectScope = { id: string } | { name: string };

/** The password-token request body (spec/iam.openapi.yaml, POST /v3/auth/tokens). */
export interface TokenRequestBody {
  auth: {
    identity: {
      methods: ["password"];
      password: { user: { name: string; password: string; domain: { name: string } } };
    };
    scope: { project: ProjectScope };
  };
}

export interface IamSettings {
  baseUrl: string;
  allowInsecureHttp: boolean;
  refreshBeforeMs: number;
  timeoutMs: number;
  now: () => number;
  fetch: Fetch;
  body: TokenRequestBody;
}

/** Every option checked, in the order they are documented; InvalidInputError names the first wrong one. */
export function iamSettingsOf(options: IamTokenProviderOptions): IamSettings {
  const context = { operation: "iamTokenProvider" };
  checkOptionsObject(options, context);
  const allowInsecureHttp = options.allowInsecureHttp === true;
  const baseUrl = checkEndpoint(options.iamEndpoint, "iamEndpoint", allowInsecureHttp, context);
  for (const field of ["user", "password", "domain"] as const) {
    if (!isNonEmptyString(options[field])) {
      // The reason never quotes the value: it may be the password.
      throw new InvalidInputError(field, "must be a non-empty string", context);
    }
  }
  const project = projectScope(options.project, context);
  const refreshBeforeMs = checkMilliseconds(
    options.refreshBeforeMs ?? DEFAULT_REFRESH_BEFORE_MS,
    "refreshBeforeMs",
    0,
    context,
  );
  const timeoutMs = checkMilliseconds(options.timeoutMs ?? DEFAULT_TIMEOUT_MS, "timeoutMs", 1, context);
  const now = options.now ?? Date.now;
  const fetch = fetchOption(options.fetch, context);
  const body = passwordTokenBody(options, project);
  return { baseUrl, allowInsecureHttp, refreshBeforeMs, timeoutMs, now, fetch, body };
}

function passwordTokenBody(options: IamTokenProviderOptions, project: ProjectScope): TokenRequestBody {
  const { user, password, domain } = options;
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: { user: { name: user, password, domain: { name: domain } } },
      },
      scope: { project },
    },
  };
}

/** The project scope IAM takes, by ID or by name; InvalidInputError names the field that is wrong. */
function isNonEmptyString(value: unknown): value is string {
  return typeof value === "string" && value.length > 0;
}

function projectScope(project: unknown, context: { operation: string }): ProjectScope {
  if (typeof project === "string") {
    if (project.length === 0) throw new InvalidInputError("project", "must be a non-empty string", context);
    return { name: project };
  }
  if (typeof project !== "object" || project === null) {
    throw new InvalidInputError("project", "must be { id } or { name }", context);
  }
  const keys = Object.keys(project);
  const key = keys[0];
  if (keys.length !== 1 || (key !== "id" && key !== "name")) {
    throw new InvalidInputError("project", "must have exactly one of id and name", context);
  }
  const value = (project as Record<string, unknown>)[key];
  if (!isNonEmptyString(value)) {
    throw new InvalidInputError(`project.${key}`, "must be a non-empty string", context);
  }
  return key === "id" ? { id: value } : { name: value };
}
