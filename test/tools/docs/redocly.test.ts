// Redocly's recommended ruleset (redocly.yaml) on every spec: a linter nobody here wrote. No error
// may remain, and every warning must be one redocly.yaml keeps on purpose.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, test } from "vitest";
import { redoclyBin } from "../../../tools/docs/docs.js";

interface Problem {
  ruleId: string;
  severity: string;
  message: string;
}

async function lint(
  spec: string,
): Promise<{ totals: { errors: number; warnings: number }; problems: Problem[] }> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [redoclyBin(), "lint", spec, "--format=json"],
    {
      // The update check and telemetry would wait on the network.
      env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true" },
    },
  );
  return JSON.parse(stdout);
}

describe("Redocly's recommended ruleset", () => {
  test("finds no error in the Image Search spec, and warns only of the provider's overlapping paths", async () => {
    const { totals, problems } = await lint("spec/image-search.openapi.yaml");

    expect(totals.errors).toBe(0);
    expect(problems.map((p) => `${p.severity} ${p.ruleId}`)).toEqual(["warn no-ambiguous-paths"]);
    expect(problems[0]?.message).toContain("/v1/{project_id}/service/{instance_name}");
  }, 120_000);

  test("finds nothing in the Image Search v2 spec", async () => {
    const { totals, problems } = await lint("spec/image-search-v2.openapi.yaml");

    expect({ totals, problems }).toMatchObject({ totals: { errors: 0, warnings: 0 }, problems: [] });
  }, 120_000);

  test("finds nothing in the IAM spec", async () => {
    const { totals, problems } = await lint("spec/iam.openapi.yaml");

    expect({ totals, problems }).toMatchObject({ totals: { errors: 0, warnings: 0 }, problems: [] });
  }, 120_000);
});
