// The mock checks itself: Prism validates every response it serves against the spec, reports what
// breaks it in the `sl-violations` header, and with --errors (as the global setup runs it) replaces
// such a response with its own problem+json (of its own error types). Either fails the test that received it.
import { expect } from "vitest";

export interface PrismViolation {
  location: string[];
  severity: string;
  message: string;
}

/** The violations Prism reports about the response itself (not about the request). */
export function responseViolations(response: Response): PrismViolation[] {
  const header = response.headers.get("sl-violations");
  if (!header) return [];
  const all = JSON.parse(header) as PrismViolation[];
  return all.filter((v) => v.location[0] === "response");
}

export async function expectHonestMock(response: Response): Promise<void> {
  const where = responseViolations(response).map((v) => `${v.location.join(".")} ${v.message}`);
  expect(where, "Prism found the response breaking the spec").toEqual([]);
  if (!/problem\+json/.test(response.headers.get("content-type") ?? "")) return;
  // A spec may document problem+json errors of its own: Prism's errors are the ones of its own types.
  const text = await response.clone().text();
  expect(text, "Prism answered with its own error").not.toMatch(/stoplight\.io\/prism\/errors#/);
}
