// The CORS headers both mocks give, as Prism's server gives them: a preflight is answered for any
// path, and every answer lets a browser page on another origin read it.
import type { Call } from "./types.js";

/**
 * Prism's answer to a CORS preflight, which it gives for any path: 204 with no body, the CORS headers
 * and the method asked for allowed. `undefined` for a request that is no preflight.
 */
export function preflightAnswer(
  call: Pick<Call, "method" | "header">,
): { status: 204; headers: Record<string, string> } | undefined {
  return isPreflight(call) ? { status: 204, headers: preflightHeaders(call.header) } : undefined;
}

/** Whether a request is a CORS preflight. */
function isPreflight(call: Pick<Call, "method" | "header">): boolean {
  return (
    call.method.toLowerCase() === "options" &&
    !!call.header("origin") &&
    !!call.header("access-control-request-method")
  );
}

/**
 * The CORS headers of every answer either mock gives, preflights too. A browser refuses credentials
 * with a wildcard origin, so credentials are allowed only to the Origin the request names, echoed
 * with `Vary: Origin`; a wildcard also means nothing for exposed headers then, so they are named.
 */
export function corsHeaders(header: Call["header"], exposed: readonly string[] = []): Record<string, string> {
  const origin = header("origin");
  const requested = header("access-control-request-headers");
  if (!origin) {
    return {
      "access-control-allow-origin": "*",
      "access-control-allow-headers": requested ?? "*",
      "access-control-expose-headers": "*",
    };
  }
  return {
    "access-control-allow-origin": origin,
    "access-control-allow-credentials": "true",
    vary: "Origin",
    ...(requested ? { "access-control-allow-headers": requested } : {}),
    ...(exposed.length > 0 ? { "access-control-expose-headers": exposed.join(", ") } : {}),
  };
}

/** A preflight's answer headers: the CORS headers, and the method asked for allowed. */
function preflightHeaders(header: Call["header"]): Record<string, string> {
  return {
    ...corsHeaders(header),
    "access-control-allow-methods": header("access-control-request-method") ?? "*",
  };
}
