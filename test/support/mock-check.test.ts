// The check the suites hold every mock answer to: Prism's own errors fail it, a spec's own problem+json
// errors (as public specs document them) do not.
import { expect, test } from "vitest";
import { expectHonestMock } from "./mock-check.js";

const problem = (type: string) =>
  new Response(JSON.stringify({ type, title: "Bad Request", status: 400 }), {
    status: 400,
    headers: { "content-type": "application/problem+json" },
  });

test("passes a problem+json error the spec documents itself", async () => {
  await expect(expectHonestMock(problem("https://example.com/errors/bad-request"))).resolves.toBeUndefined();
});

test("fails Prism's own problem+json error", async () => {
  await expect(expectHonestMock(problem("https://stoplight.io/prism/errors#VIOLATIONS"))).rejects.toThrow(
    /Prism answered with its own error/,
  );
});
