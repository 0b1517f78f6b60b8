// The contract cases come from the spec alone: a spec with one more named example or one more
// response yields exactly the cases for them, with no test code touched. Shown on two fixture specs
// that differ by one example and one response, and on the real spec.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { stringify } from "yaml";
import { mappedAnswer, refusalOf } from "../../../src/mock/answers.js";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { deriveCases } from "../../../tools/contract/derive.js";
import { toRequest } from "../../../tools/contract/send.js";
import { answersOf, parseSelector } from "../../../tools/mock/violations.js";
import { SPEC_PATH } from "../../support/spec.js";

const FIXTURE = "test/fixtures/check-image.openapi.yaml";
const GROWN = "test/fixtures/check-image-more.openapi.yaml";

describe("deriveCases", () => {
  test("derives one forced case per documented status and named example of the real spec", async () => {
    const spec = await loadContractSpec(SPEC_PATH);
    const ids = deriveCases(spec)
      .filter((c) => c.kind === "example")
      .map((c) => c.id);

    expect(ids).toContain("modifyImage 200 success");
    expect(ids).toContain("modifyImage 400 path-null");
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("adding a named example and a response to a spec adds exactly their cases", async () => {
    const before = deriveCases(await loadContractSpec(FIXTURE));
    const after = deriveCases(await loadContractSpec(GROWN));

    const added = after.filter((c) => !before.some((b) => b.id === c.id));
    expect(after.length).toBe(before.length + 2);
    expect(added.map((c) => [c.id, c.prefer, c.expect.status])).toEqual([
      ["checkImage 200 missing", "code=200, example=missing", 200],
      ["checkImage 500 gateway", "code=500, example=gateway", 500],
    ]);
  });

  test("derives negative cases from the fixture's own schemas and mapping", async () => {
    const cases = deriveCases(await loadContractSpec(FIXTURE)).filter((c) => c.kind === "negative");
    const byId = Object.fromEntries(cases.map((c) => [c.id, c.expect.example?.name]));

    expect(byId).toMatchObject({
      "checkImage header X-Auth-Token missing (no X-Auth-Token header)": "header-missing",
      "checkImage body /path type (/path of the wrong type)": "path-null",
      "checkImage body not-json (a body that is not JSON)": "path-null",
    });
    // `path` is optional there, so dropping it is no negative case.
    expect(Object.keys(byId).some((id) => id.includes("/path missing"))).toBe(false);
  });

  test("binds parameters to given values, and never sends Prefer to a real server", async () => {
    const spec = await loadContractSpec(SPEC_PATH);
    const bindings = { project_id: "proj", instance_name: "inst", "X-Auth-Token": "tok" };
    for (const c of deriveCases(spec, { bindings }).filter((c) => c.provider)) {
      const { url, init } = toRequest(c, "https://example.test", false);
      const expected = c.path.replace("{project_id}", "proj").replace("{instance_name}", "inst");
      expect(new URL(url).pathname, c.id).toBe(expected);
      expect(expected, c.id).toMatch(/^\/v1\/proj\/(service|service\/inst|inst\/image(\/.*)?)$/);
      expect(init.headers, c.id).not.toHaveProperty("prefer");
    }
  });

  test("marks every case of an operation with x-provider-verification skip, and no other", async () => {
    const spec = await loadContractSpec(SPEC_PATH);
    const cases = deriveCases(spec);
    const skipped = spec.operations.filter((op) => op.providerSkip);

    expect(skipped.length).toBeGreaterThan(0);
    for (const op of spec.operations) {
      for (const c of cases.filter((c) => c.operationId === op.operationId)) {
        expect(c.providerSkip, c.id).toBe(op.providerSkip);
      }
    }
  });
});

describe("x-mock-answers-violation", () => {
  const answers = answersOf({
    responses: {
      "400": {
        description: "",
        content: {
          "application/json": {
            examples: {
              first: { value: 1 },
              any: { value: 2, "x-mock-answers-violation": ["body * missing"] } as object,
              named: { value: 3, "x-mock-answers-violation": ["body /path missing"] } as object,
            },
          },
        },
      },
    },
  });

  test("a selector naming the field wins over a wildcard", () => {
    expect(mappedAnswer(answers, { in: "body", at: "/path", kind: "missing" })?.name).toBe("named");
    expect(mappedAnswer(answers, { in: "body", at: "/tags", kind: "missing" })?.name).toBe("any");
  });

  test("an unmapped violation gets no named example, not even the first 400 one (that is kept for Prefer)", () => {
    expect(mappedAnswer(answers, { in: "header", at: "X", kind: "empty" })).toBeUndefined();
  });

  test("an unmapped violation gets the operation's fallback: its 400, a body naming what was wrong", () => {
    const fallback = {
      status: 400,
      documented: true,
      value: { code: 400, message: "" },
      describe: ["message"],
      codes: [],
    };

    expect(refusalOf({ answers, fallback }, { in: "query", at: "limit", kind: "invalid" })).toEqual({
      status: 400,
      name: undefined,
      body: { code: 400, message: "query limit invalid" },
      documented: true,
    });
  });

  test.for(["body", "body /path nothing", "cookie x missing", "body a b missing"])(
    "refuses the malformed selector %s",
    (text) => {
      expect(() => parseSelector(text)).toThrow(/x-mock-answers-violation/);
    },
  );
});

describe("a method no path serves", () => {
  test("is judged by the operation whose refusal answers it, where two paths match the URL", async () => {
    const answered = (status: string) => ({
      [status]: {
        description: status,
        content: { "application/json": { schema: { type: "object" }, example: {} } },
      },
    });
    // `/things/{name}` and `/things/{id}` match the same URLs; only one of them documents a refusal.
    const spec = {
      openapi: "3.0.3",
      info: { title: "Things", version: "1" },
      paths: {
        "/things/{id}": {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" }, example: "a" }],
          delete: { operationId: "deleteThing", responses: { ...answered("200"), ...answered("403") } },
        },
        "/things/{name}": {
          parameters: [
            { name: "name", in: "path", required: true, schema: { type: "string" }, example: "a" },
          ],
          get: { operationId: "getThing", responses: answered("200") },
        },
      },
    };
    const dir = await mkdtemp(join(tmpdir(), "derive-"));
    try {
      await writeFile(join(dir, "things.openapi.yaml"), stringify(spec));
      const contract = await loadContractSpec(join(dir, "things.openapi.yaml"));
      const cases = deriveCases(contract).filter((c) => c.expect.violation?.kind === "method-not-allowed");

      expect(cases.map((c) => c.id).sort()).toEqual([
        "deleteThing PUT /things/{id}",
        "getThing PUT /things/{name}",
      ]);
      for (const c of cases) {
        const judge = contract.operations.find((op) => op.operationId === c.operationId);
        expect(Object.keys(judge?.responses ?? {}), c.id).toContain(String(c.expect.status));
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe("the valid request of a spec nobody here wrote", () => {
  const STYLES = createRequire(import.meta.url).resolve(
    "@readme/oas-examples/3.0/json/parameters-style.json",
  );

  test("fills a required object path parameter whose properties are all optional, so its segment is not empty", async () => {
    const spec = await loadContractSpec(STYLES);
    const request = deriveCases(spec).find((c) => c.operationId === "paths_standard" && c.kind === "request");
    const { url } = toRequest(request ?? fail("paths_standard has no request case"), "http://mock", false);
    const segments = new URL(url).pathname.split("/");
    expect(segments.slice(-3).every((segment) => segment !== "")).toBe(true);
  });
});

function fail(message: string): never {
  throw new Error(message);
}

describe("the cases of a spec that documents every HTTP status", () => {
  const STATUSES = createRequire(import.meta.url).resolve(
    "@readme/oas-examples/3.0/json/http-status-codes.json",
  );

  test("expect no status a fetch client is never answered with: a 1xx, which is never final, or a 407, a network error to fetch", async () => {
    const cases = deriveCases(await loadContractSpec(STATUSES));
    const statuses = new Set(cases.map((c) => c.expect.status));
    expect([...statuses].filter((s) => s < 200 || s === 407)).toEqual([]);
    expect(statuses).toContain(418);
  });
});

describe("the cases of a spec with an Accept header parameter", () => {
  const README = createRequire(import.meta.url).resolve("@readme/oas-examples/3.1/json/readme.json");

  test("hold no bad value of it, since OpenAPI says such a parameter's definition is ignored", async () => {
    const cases = deriveCases(await loadContractSpec(README)).filter((c) => c.operationId === "askOwlbot");
    expect(cases.length).toBeGreaterThan(0);
    expect(cases.filter((c) => c.expect.violation?.at.toLowerCase() === "accept")).toEqual([]);
  });
});
