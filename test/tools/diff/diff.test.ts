// `npm run diff` as a command: what it prints (text, JSON), the client types and the bump, how it
// chooses its base, its answers to bad input, and that no valid pair of specs makes it fail. The
// verdict of each rule is pinned in rules.test.ts; here each run goes through `cli()` in-process (a
// few as real processes, for the exit status), on the fixture's base spec and its named changes.
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { fc, test as fcTest } from "@fast-check/vitest";
import { afterAll, beforeAll, describe, expect, onTestFinished, test } from "vitest";
import { parse, stringify } from "yaml";
import { cli } from "../../../tools/diff/diff.js";
import { readBase, readHead } from "../../../tools/diff/read.js";
import { buildReport, type DiffReport } from "../../../tools/diff/report.js";
import { BASE_SPEC as BASE, mutated, operation, writeMutated } from "../../fixtures/diff/mutations.js";
import { hostileSpec, placeOf, SECRET, startsAt } from "../../support/hostile.js";
import { type SpecChange, type SpecDocument, writeSpecDocument } from "../../support/spec-file.js";

const SPEC_FILE = "image-search.openapi.yaml";
/** A public spec the generic pipeline takes as it is: JSON, with query parameters. */
const PETSTORE = "node_modules/@readme/oas-examples/3.0/json/petstore.json";
const leaves = leafPaths(parse(await readFile(BASE, "utf8")));
const work = await mkdtemp(join(tmpdir(), "diff-"));
afterAll(() => rm(work, { recursive: true, force: true }));

interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npm run diff -- …args` in-process: the exit code it would exit with, and what it would print. */
async function diff(args: string[], cwd = process.cwd()): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await cli(args, {
    cwd,
    stdout: (text) => {
      stdout += `${text}\n`;
    },
    stderr: (text) => {
      stderr += `${text}\n`;
    },
  });
  return { code, stdout, stderr };
}

const folder = (name: string, ...changes: Parameters<typeof writeMutated>[1][]) =>
  writeMutated(join(work, name), ...changes);

// Each run parses and validates two specs and generates their types: on a machine that runs the
// whole suite beside other work that takes seconds, so every test and hook may take two minutes.
const SLOW = 120_000;

describe("npm run diff", { timeout: SLOW }, () => {
  describe("the text report", () => {
    test("prints each change on one line naming operation, location and field, then its rule and place", async () => {
      const head = await folder("limit-50", "search-limit-maximum-50");
      const { code, stdout } = await diff(["--base", BASE, "--spec", head]);
      expect(code).toBe(1);
      expect(stdout).toContain(
        [
          "Breaking (1)",
          "  - searchImages: request body field limit: maximum lowered 100 → 50 (requests that were valid are refused)",
          `    request-constraint-tightened at ${join(head, SPEC_FILE)}:`,
        ].join("\n"),
      );
      const [, line] = /request-constraint-tightened at \S+:(\d+) (\S+)/.exec(stdout) ?? [];
      const lines = (await readFile(join(head, SPEC_FILE), "utf8")).split("\n");
      expect(lines[Number(line) - 1]?.trim()).toBe("maximum: 50");
      expect(stdout).toContain("/components/schemas/SearchImagesRequest/properties/limit/maximum");
      expect(stdout).toContain("Non-breaking: none\nInfo: none\n");
      expect(stdout).toContain("Suggested bump: major (1.0.0 → 2.0.0); info.version is still 1.0.0");
      expect(stdout).toContain(`Breaking changes against ${BASE}: the check fails (exit 1).`);
    });

    test("says so, suggests no bump and exits 0 when nothing changed", async () => {
      const { code, stdout } = await diff(["--base", BASE, "--spec", BASE]);
      expect(code).toBe(0);
      expect(stdout).toContain("Breaking: none\nNon-breaking: none\nInfo: none\nClient types: none changed");
      expect(stdout).toContain("Suggested bump: none (no change)");
    });

    test("places a removal in the base's file, where it was written", async () => {
      const head = await folder("result-optional", "match-score-added");
      const { stdout } = await diff(["--base", join(head, SPEC_FILE), "--spec", BASE]);
      expect(stdout).toContain(`response-property-removed at ${join(head, SPEC_FILE)}:`);
    });
  });

  describe("--json", () => {
    test("carries each change's rule id, level, operation, location, field and JSON pointer", async () => {
      const head = await folder("sim-renamed", "sim-renamed-similarity");
      const { code, stdout } = await diff(["--json", "--base", BASE, "--spec", head]);
      const [spec] = (JSON.parse(stdout) as DiffReport).specs;
      expect(code).toBe(1);
      expect(spec?.breaking).toEqual([
        {
          rule: "response-property-removed",
          level: "breaking",
          operation: "searchImages",
          location: "200 response",
          field: "result[].sim",
          places: [{ operation: "searchImages", location: "200 response", field: "result[].sim" }],
          what: "removed",
          message:
            "searchImages: 200 response field result[].sim: removed (clients that read it find it gone)",
          file: BASE,
          line: expect.any(Number),
          pointer: "/components/schemas/SearchMatch/properties/sim",
        },
      ]);
      expect(spec?.nonBreaking.map((c) => [c.rule, c.field, c.pointer])).toEqual([
        [
          "response-property-added",
          "result[].similarity",
          "/components/schemas/SearchMatch/properties/similarity",
        ],
      ]);
    });

    test("names a parameter's field by the parameter's name", async () => {
      const head = await folder("region", "list-required-region");
      const { stdout } = await diff(["--json", "--base", BASE, "--spec", head]);
      const [change] = (JSON.parse(stdout) as DiffReport).specs[0]?.breaking ?? [];
      expect(change).toMatchObject({
        rule: "request-parameter-added-required",
        operation: "listInstances",
        location: "query parameter region",
        field: "region",
        pointer: "/paths/~1v1~1{project_id}~1service/get/parameters/6",
      });
    });
  });

  describe("client types", () => {
    let report: DiffReport;
    beforeAll(async () => {
      const head = await folder("note-required", "modify-note-required");
      report = await buildReport(BASE, await readBase(BASE, "spec"), await readHead(head));
    }, SLOW);

    test("lists the changed generated types with their exported names and the changed lines", () => {
      expect(report.specs[0]?.types.find((t) => t.name === "components.schemas.ModifyImageRequest")).toEqual({
        name: "components.schemas.ModifyImageRequest",
        exports: ["SchemaModifyImageRequest"],
        change: "changed",
        via: [],
        lines: ["+ note: string;"],
      });
    });

    test("marks a type changed through a type it refers to", () => {
      expect(report.specs[0]?.types.find((t) => t.name === "operations.modifyImage")?.via).toEqual([
        "components.schemas.ModifyImageRequest",
      ]);
    });

    test("reports added and removed operations", async () => {
      const removed = await folder("list-removed", "list-instances-removed");
      const [gone, back] = await Promise.all([
        buildReport(BASE, await readBase(BASE, "spec"), await readHead(removed)),
        buildReport("x", await readBase(join(removed, SPEC_FILE), "spec"), await readHead(BASE)),
      ]);
      expect(gone.specs[0]?.types.find((t) => t.name === "operations.listInstances")?.change).toBe("removed");
      expect(back.specs[0]?.types.find((t) => t.name === "operations.listInstances")?.change).toBe("added");
    });

    test("ignores an edited description or example, which only change the types' comments", async () => {
      const head = await folder("docs-only", "modify-image-description", "modify-image-example-edited");
      const docs = await buildReport(BASE, await readBase(BASE, "spec"), await readHead(head));
      expect(docs.specs[0]?.types).toEqual([]);
      expect(docs.specs[0]?.bump).toBe("patch");
    });
  });

  describe("any OpenAPI 3.0 file", () => {
    test("reads a spec written as JSON, and places its changes on the JSON's lines", async () => {
      const file = join(work, "json", SPEC_FILE);
      await folder("json");
      await writeFile(file, JSON.stringify(await mutated("instance-status-paused"), null, 2));
      const { code, stdout } = await diff(["--base", BASE, "--spec", file]);
      expect(code).toBe(1);
      const [, line] = /response-enum-value-added at \S+:(\d+)/.exec(stdout) ?? [];
      const lines = (await readFile(file, "utf8")).split("\n");
      expect(lines[Number(line) - 1]?.trim()).toBe('"PAUSED"');
    });

    test("finds a folder's specs by their openapi field: a public JSON spec not named *.openapi.yaml, its new required query parameter breaking", async () => {
      const pets = async (name: string, change: SpecChange = () => {}) => {
        const dir = join(work, name);
        await mkdir(dir, { recursive: true });
        const spec = JSON.parse(await readFile(PETSTORE, "utf8")) as SpecDocument;
        change(spec);
        await writeFile(join(dir, "petstore.json"), JSON.stringify(spec, null, 2));
        await writeFile(join(dir, "notes.yaml"), "title: notes kept beside the spec, not a spec\n");
        return dir;
      };
      const limit = { name: "limit", in: "query", required: true, schema: { type: "integer" } } as const;
      const [base, head] = await Promise.all([
        pets("pets-base"),
        pets("pets-head", (spec) => operation(spec, "findPetsByTags").parameters?.push(limit)),
      ]);
      const { code, stdout } = await diff(["--json", "--base", base, "--spec", head]);
      expect(code).toBe(1);
      const [spec, ...others] = (JSON.parse(stdout) as DiffReport).specs;
      expect(others).toEqual([]);
      expect(spec?.spec).toBe("petstore.json");
      expect(spec?.breaking.map((c) => c.message)).toEqual([
        "findPetsByTags: query parameter limit: added as required (requests without it are refused)",
      ]);
      const [change] = spec?.breaking ?? [];
      expect(change?.file).toBe(join(head, "petstore.json"));
      const lines = (await readFile(join(head, "petstore.json"), "utf8")).split("\n");
      expect(lines[Number(change?.line)]?.trim()).toBe('"name": "limit",');
      expect(spec?.types.find((t) => t.name === "operations.findPetsByTags")?.lines).toEqual([
        "+ limit: number;",
      ]);
    });

    test("places a change made in a part another file holds in that file, at its line", async () => {
      const write = async (name: string, maximum: number) => {
        const dir = join(work, name);
        await mkdir(dir, { recursive: true });
        const limit = { name: "limit", in: "query", schema: { $ref: "parts.yaml#/Limit" } };
        const ok = {
          description: "The items.",
          content: { "application/json": { schema: { type: "object" } } },
        };
        const api = { openapi: "3.0.3", info: { title: "Parts", version: "1.0.0" } };
        const paths = {
          "/items": { get: { operationId: "listItems", parameters: [limit], responses: { 200: ok } } },
        };
        await writeFile(join(dir, "api.yaml"), stringify({ ...api, paths }));
        await writeFile(join(dir, "parts.yaml"), stringify({ Limit: { type: "integer", maximum } }));
        return dir;
      };
      const [base, head] = await Promise.all([write("parts-base", 100), write("parts-head", 50)]);
      const { code, stdout } = await diff(["--json", "--base", base, "--spec", head]);
      expect(code).toBe(1);
      const [change, ...others] = (JSON.parse(stdout) as DiffReport).specs[0]?.breaking ?? [];
      expect(others).toEqual([]);
      expect(change?.message).toBe(
        "listItems: query parameter limit: maximum lowered 100 → 50 (requests that were valid are refused)",
      );
      expect(change?.file).toBe(join(head, "parts.yaml"));
      const lines = (await readFile(join(head, "parts.yaml"), "utf8")).split("\n");
      expect(lines[Number(change?.line) - 1]?.trim()).toBe("maximum: 50");
    });

    test("compares two unrelated specs without failing: every operation of the base is removed", async () => {
      const { code, stdout } = await diff(["--json", "--base", "spec/iam.openapi.yaml", "--spec", BASE]);
      const [spec] = (JSON.parse(stdout) as DiffReport).specs;
      expect(code).toBe(1);
      expect(spec?.breaking.map((c) => c.message)).toEqual([
        "createUserToken: POST /v3/auth/tokens removed (calls to it fail)",
      ]);
    });

    fcTest.prop([fc.integer({ min: 0, max: leaves.length - 1 }), fc.boolean()], { numRuns: 12 })(
      "any value of the base changed for another of its type is judged, in either direction, or refused as invalid",
      async (index, reverse) => {
        const path = leaves[index] ?? [];
        const spec = parse(await readFile(BASE, "utf8"));
        replaceLeaf(spec, path);
        const file = join(work, `leaf-${index}.openapi.yaml`);
        await writeFile(file, stringify(spec));
        const [base, head] = reverse ? [file, BASE] : [BASE, file];
        const { code, stdout, stderr } = await diff(["--json", "--base", base, "--spec", head]);
        if (code === 2) {
          // Refused by the loader or as invalid OpenAPI: the message starts with the file.
          expect(stderr.startsWith(`${file}:`), stderr).toBe(true);
          return;
        }
        const report = JSON.parse(stdout) as DiffReport;
        expect(code).toBe(report.breaking ? 1 : 0);
        for (const change of report.specs.flatMap((s) => [...s.breaking, ...s.nonBreaking])) {
          // The line starts with the operations the change reaches (or names the unused component).
          expect(change.message.startsWith(change.operation ?? "components"), change.message).toBe(true);
        }
      },
      180_000,
    );
  });

  describe("choosing the base", () => {
    const git = promisify(execFile);
    let repo: string;
    let untagged: string;

    async function makeRepo(tag: boolean): Promise<string> {
      const dir = await mkdtemp(join(tmpdir(), "diff-repo-"));
      await cp(dirname(BASE), join(dir, "spec"), { recursive: true });
      const run = (...args: string[]) => git("git", args, { cwd: dir });
      await run("init", "-q");
      await run("add", ".");
      await run(
        "-c",
        "user.name=test",
        "-c",
        "user.email=test@example.com",
        "commit",
        "-q",
        "-m",
        "spec 1.0.0",
      );
      if (tag) await run("tag", "v1.0.0");
      await writeMutated(join(dir, "spec"), "modify-result-optional");
      return dir;
    }

    beforeAll(async () => {
      [repo, untagged] = await Promise.all([makeRepo(true), makeRepo(false)]);
    }, SLOW);
    afterAll(() => Promise.all([repo, untagged].map((dir) => rm(dir, { recursive: true, force: true }))));

    test("compares with the newest v* tag when no --base is given", async () => {
      const { code, stdout } = await diff([], repo);
      expect(code).toBe(1);
      expect(stdout).toContain("base  v1.0.0:spec/image-search.openapi.yaml (info.version 1.0.0)");
      expect(stdout).toContain("Breaking changes against v1.0.0: the check fails (exit 1).");
    });

    test("reads the spec at a git ref given as --base", async () => {
      const { code, stdout } = await diff(["--json", "--base", "HEAD"], repo);
      expect(code).toBe(1);
      expect(JSON.parse(stdout).specs[0].base.label).toBe("HEAD:spec/image-search.openapi.yaml");
    });

    test("reads the same spec file at the ref when --spec names one file", async () => {
      const { code, stdout } = await diff(["--json", "--base", "HEAD", "--spec", `spec/${SPEC_FILE}`], repo);
      expect(code).toBe(1);
      const [spec] = (JSON.parse(stdout) as DiffReport).specs;
      expect(spec?.base?.label).toBe("HEAD:spec/image-search.openapi.yaml");
      expect(spec?.breaking.map((c) => c.rule)).toEqual(["response-property-became-optional"]);
    });

    test("reads the specs at a ref by their openapi field whatever their names, and names the ref's file and line when the loader refuses one", async () => {
      const dir = await mkdtemp(join(tmpdir(), "diff-repo-"));
      onTestFinished(() => rm(dir, { recursive: true, force: true }));
      const spec = join(dir, "spec", "search.yml");
      const run = (...args: string[]) => git("git", args, { cwd: dir });
      const commit = async (tag: string) => {
        await run("add", ".");
        await run("-c", "user.name=test", "-c", "user.email=test@example.com", "commit", "-q", "-m", tag);
        await run("tag", tag);
      };
      await mkdir(join(dir, "spec"));
      await writeFile(join(dir, "spec", "notes.yaml"), "title: notes kept beside the spec, not a spec\n");
      await writeSpecDocument(spec, await mutated());
      await run("init", "-q");
      await commit("good");
      const outside = (doc: SpecDocument) => {
        const ok = operation(doc, "searchImages").responses["200"] as { content: Record<string, object> };
        ok.content["application/json"] = { schema: { $ref: "../secret.json" } };
      };
      await writeSpecDocument(spec, await mutated(outside));
      const refused = placeOf(spec, "$ref: ../secret.json").replace(spec, "bad:spec/search.yml");
      await commit("bad");
      await writeSpecDocument(spec, await mutated("modify-result-optional"));

      const good = await diff(["--json", "--base", "good"], dir);
      expect(good.code).toBe(1);
      const report = JSON.parse(good.stdout) as DiffReport;
      expect(report.specs.map((s) => [s.spec, s.base?.label])).toEqual([
        ["search.yml", "good:spec/search.yml"],
      ]);
      expect(report.specs[0]?.breaking.map((c) => c.rule)).toEqual(["response-property-became-optional"]);

      const bad = await diff(["--base", "bad"], dir);
      expect({ code: bad.code, stdout: bad.stdout }).toEqual({ code: 2, stdout: "" });
      expect(bad.stderr).toContain(`${refused}: $ref ../secret.json leads outside the spec's folder`);
    });

    test("says plainly that there is no base, and exits 0, when no v* tag exists", async () => {
      const { code, stdout } = await diff([], untagged);
      expect({ code, stdout: stdout.trim() }).toEqual({
        code: 0,
        stdout:
          "No base to compare with: no v* tag is reachable from HEAD. Pass --base <git-ref or file>, or tag a release (git tag v1.0.0).",
      });
    });
  });

  describe("bad input", () => {
    let bad: string;
    beforeAll(async () => {
      bad = await mkdtemp(join(tmpdir(), "diff-bad-"));
      await writeFile(join(bad, "not-openapi.yaml"), "title: a plain YAML file\n");
      await writeFile(join(bad, "broken.yaml"), "openapi: 3.0.3\npaths: [\n");
      const v31 = await mutated((spec) => Object.assign(spec, { openapi: "3.1.0" }));
      const invalid = await mutated((spec) => Reflect.deleteProperty(spec.info, "version"));
      await writeFile(join(bad, "v31.yaml"), stringify(v31));
      await writeFile(join(bad, "invalid.yaml"), stringify(invalid));
    }, SLOW);
    afterAll(() => rm(bad, { recursive: true, force: true }));

    const cases = [
      {
        label: "an unknown git ref",
        base: "no-such-ref",
        message: "--base no-such-ref: no such file, and not a git ref",
      },
      {
        label: "a file that is not OpenAPI",
        base: "not-openapi.yaml",
        message: "not-openapi.yaml is not an OpenAPI document",
      },
      {
        label: "a file that is not YAML, at its line",
        base: "broken.yaml",
        message: /broken\.yaml:\d+:\d+: not valid YAML: /,
      },
      {
        label: "an OpenAPI 3.1 file",
        base: "v31.yaml",
        message: "v31.yaml is OpenAPI 3.1.0; npm run diff reads OpenAPI 3.0.x only",
      },
      {
        label: "an invalid OpenAPI 3.0 file, at the node at fault",
        base: "invalid.yaml",
        message:
          /invalid\.yaml:\d+:\d+: not a valid OpenAPI document: \/info must have required property 'version'/,
      },
    ];
    test.each(cases)("exits 2 with a message naming $label", async ({ base, message }) => {
      const path = base.endsWith(".yaml") ? join(bad, base) : base;
      const { code, stdout, stderr } = await diff(["--base", path]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(stderr).toMatch(message);
      if (path !== base) expect(stderr).toContain(path);
    });

    test.each([
      ["base", ["--base", hostileSpec("parent-ref"), "--spec", BASE]],
      ["head", ["--base", BASE, "--spec", hostileSpec("parent-ref")]],
    ])("exits 2 naming the file and line when the loader refuses the %s", async (_side, args) => {
      const { code, stdout, stderr } = await diff(args);
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(startsAt(stderr, hostileSpec("parent-ref"), "$ref: ../secret.json", 1), stderr).toBe(true);
      expect(stderr).toContain("$ref ../secret.json leads outside the spec's folder");
      expect(stderr).not.toContain(SECRET);
    });

    test("exits 2 naming a spec folder that does not exist", async () => {
      const { code, stderr } = await diff(["--base", BASE, "--spec", join(bad, "nowhere")]);
      expect(code).toBe(2);
      expect(stderr).toContain(`cannot read the spec folder ${join(bad, "nowhere")}`);
    });
  });

  describe("a --base file named differently from its spec", () => {
    let renamedDir: string;
    const specs = ["iam.openapi.yaml", "image-search.openapi.yaml"];
    type Doc = { info: { title: string }; paths: Record<string, unknown> };
    /** The current spec saved under another name, changed by `change`. */
    async function renamed(name: string, change: (doc: Doc) => void = () => {}) {
      const doc = parse(await readFile("spec/image-search.openapi.yaml", "utf8")) as Doc;
      change(doc);
      await writeFile(join(renamedDir, name), stringify(doc));
      return join(renamedDir, name);
    }
    beforeAll(async () => {
      renamedDir = await mkdtemp(join(tmpdir(), "diff-pair-"));
    }, SLOW);
    afterAll(() => rm(renamedDir, { recursive: true, force: true }));

    test("is paired with the one spec that shares its title, and only that one is compared", async () => {
      const { code, stdout, stderr } = await diff(["--json", "--base", await renamed("old.yaml")]);
      expect({ code, stderr }).toEqual({ code: 0, stderr: "" });
      const report = JSON.parse(stdout) as DiffReport;
      expect(report.specs.map((s) => [s.spec, s.bump])).toEqual([["image-search.openapi.yaml", "none"]]);
    });

    test("is paired by its paths when its title changed too", async () => {
      const base = await renamed("retitled.yaml", (doc) => {
        doc.info.title = "An older title";
      });
      const { code, stdout } = await diff(["--json", "--base", base]);
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as DiffReport).specs.map((s) => s.spec)).toEqual([
        "image-search.openapi.yaml",
      ]);
    });

    test("with no obvious match, exits 2 naming the specs it could be compared with", async () => {
      const base = await renamed("unrelated.yaml", (doc) => {
        doc.info.title = "Something else";
        doc.paths = {};
      });
      const { code, stdout, stderr } = await diff(["--base", base]);
      expect({ code, stdout }).toEqual({ code: 2, stdout: "" });
      expect(stderr).toContain(`--base ${base}: no spec in spec/ has its file name`);
      for (const spec of specs) expect(stderr).toContain(`--spec spec/${spec}`);
    });

    test("is compared with the spec file that --spec names", async () => {
      const base = await renamed("unrelated.yaml", (doc) => {
        doc.info.title = "Something else";
      });
      const { code, stdout } = await diff([
        "--json",
        "--base",
        base,
        "--spec",
        "spec/image-search.openapi.yaml",
      ]);
      expect(code).toBe(0);
      expect((JSON.parse(stdout) as DiffReport).specs.map((s) => s.spec)).toEqual([
        "image-search.openapi.yaml",
      ]);
    });
  });

  describe("--help", () => {
    test("documents every option, --spec among them, and exits 0", async () => {
      const { code, stdout } = await diff(["--help"]);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: npm run diff -- \[options\]/);
      for (const option of ["--base REF|FILE", "--spec DIR|FILE", "--json", "--changelog", "--help"]) {
        expect(stdout).toContain(option);
      }
    });

    test("refuses an unknown option, naming it", async () => {
      const { code, stderr } = await diff(["--chagelog"]);
      expect(code).toBe(2);
      expect(stderr.trim()).toBe(
        "npm run diff: unknown option --chagelog. Run `npm run diff -- --help` for the options.",
      );
    });
  });

  describe("as a process", () => {
    const run = (head: string) =>
      promisify(execFile)("npm", ["run", "--silent", "diff", "--", "--base", BASE, "--spec", head]).then(
        ({ stdout }) => ({ code: 0, stdout }),
        (error: { code: number; stdout: string }) => ({ code: error.code, stdout: error.stdout }),
      );

    test(
      "exits 1 on a breaking change next to an addition in the same schema, and prints both",
      async () => {
        const { code, stdout } = await run(
          await folder("pattern-and-note", "modify-path-pattern", "modify-note-optional"),
        );
        expect(code).toBe(1);
        expect(stdout).toContain(
          "Breaking (1)\n  - modifyImage: request body field path: pattern ^https?:// added",
        );
        expect(stdout).toContain(
          "Non-breaking (1)\n  - modifyImage: request body field note: added as optional",
        );
      },
      SLOW,
    );

    test(
      "exits 0 on a change that breaks nothing",
      async () => {
        const { code, stdout } = await run(await folder("note-only", "modify-note-optional"));
        expect(code).toBe(0);
        expect(stdout).toContain("No breaking change against");
      },
      SLOW,
    );
  });
});

/** Every path to a scalar of `doc`, as property lists. */
function leafPaths(doc: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (doc === null || typeof doc !== "object") return at.length > 0 ? [at] : [];
  return Object.entries(doc).flatMap(([key, value]) =>
    leafPaths(value, [...at, Array.isArray(doc) ? Number(key) : key]),
  );
}

/** Replaces the scalar at `path` with another of its type: a number plus one, a flipped flag, a longer string. */
function replaceLeaf(spec: unknown, path: (string | number)[]): void {
  let node = spec as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1) as string | number;
  const value = node[last];
  node[last] =
    typeof value === "number" ? value + 1 : typeof value === "boolean" ? !value : `${String(value)}x`;
}
