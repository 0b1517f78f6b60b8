// The CI workflow users of the repo get: it parses, runs the suite, and gates breaking spec changes.
import { readFile } from "node:fs/promises";
import semver from "semver";
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
  strategy?: { "fail-fast"?: boolean; matrix?: { node?: string[] } };
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

  test("tests on every Node version engines accepts: its floor, 22 and the current LTS, 24", async () => {
    const { engines } = JSON.parse(await readFile("package.json", "utf8")) as { engines: { node: string } };
    const job = workflow.jobs.test;
    const versions = job?.strategy?.matrix?.node ?? [];
    expect(versions).toEqual(expect.arrayContaining(["22", "24"]));
    // The floor itself: the lowest version engines accepts.
    expect(versions).toContain(semver.minVersion(engines.node)?.version.replace(/\.0$/, ""));
    for (const version of versions)
      expect(semver.satisfies(semver.coerce(version) ?? "", engines.node), version).toBe(true);
    expect(job?.strategy?.["fail-fast"]).toBe(false);
    const setup = job?.steps.find((s) => s.uses?.startsWith("actions/setup-node"));
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a GitHub Actions expression, not a template
    expect(setup?.with?.["node-version"]).toBe("${{ matrix.node }}");
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
