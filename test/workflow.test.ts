// The CI workflow users of the repo get: it parses, runs the suite, and gates breaking spec changes.
import { readFile } from "node:fs/promises";
import { describe, expect, test } from "vitest";
import { parse } from "yaml";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  if?: string;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { types?: string[] } | undefined>;
  jobs: Record<string, Job>;
}

const workflow = parse(await readFile(".github/workflows/contract.yml", "utf8")) as Workflow;
const runs = (job: Job | undefined) => (job?.steps ?? []).flatMap((s) => (s.run ? [s.run] : []));

describe(".github/workflows/contract.yml", () => {
  test("installs from the lockfile, audits what ships and runs npm test on pushes and pull requests", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    expect(runs(workflow.jobs.test)).toEqual(["npm ci", "npm run audit:ship", "npm test"]);
  });

  test("on pull requests, compares the spec with the base branch from the full history", () => {
    const gate = workflow.jobs["breaking-changes"];
    expect(gate?.if).toBe("github.event_name == 'pull_request'");
    expect(gate?.steps[0]).toMatchObject({ uses: "actions/checkout@v4", with: { "fetch-depth": 0 } });
    const script = runs(gate).find((run) => run.includes("npm run"));
    expect(script).toContain('npm run --silent diff -- --base "origin/$BASE_REF"');
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(gate?.steps.find((s) => s.run === script)?.env?.BASE_REF).toBe("${{ github.base_ref }}");
  });

  test("fails on breaking changes unless the pull request carries the breaking-change-approved label", () => {
    const step = workflow.jobs["breaking-changes"]?.steps.find((s) => s.env?.APPROVED);
    expect(step?.env?.APPROVED).toBe(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
      "${{ contains(github.event.pull_request.labels.*.name, 'breaking-change-approved') }}",
    );
    expect(step?.run).toContain('if [ "$status" -eq 1 ] && [ "$APPROVED" = "true" ]; then');
    expect(step?.run).toContain('exit "$status"');
    // Labelling re-runs the gate.
    expect(workflow.on.pull_request?.types).toEqual(expect.arrayContaining(["labeled", "unlabeled"]));
  });
});
