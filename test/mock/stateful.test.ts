// The stateful mock on the Image Search spec's x-mock-state declarations: what each operation does to
// a project's state and answers, its search rules, its caps, isolation and reset, and its guard
// against answers the spec forbids. The expected error envelopes, the declarations and the response
// schemas come from the spec, parsed here.
import { readFile } from "node:fs/promises";
import { build } from "esbuild";
import { describe, expect, test } from "vitest";
import { examples, policy, samples, state } from "../../generated/image-search.examples.js";
import { operations } from "../../generated/image-search.operations.js";
import { judge } from "../../src/mock/policy.js";
import { routesOf } from "../../src/mock/routes.js";
import {
  createStatefulMock,
  isReset,
  RESET_PATH,
  STATEFUL_LIMITS,
  type StatefulAnswer,
  type StatefulMock,
  type StatefulMockOptions,
} from "../../src/mock/stateful.js";
import type { Call } from "../../src/mock/types.js";
import { TEST_TOKEN } from "../support/secrets.js";
import {
  compileSchema,
  expectValid,
  jsonRequest,
  jsonResponse,
  loadSpec,
  namedExamples,
  operationById,
} from "../support/spec.js";

const api = await loadSpec();
const OPERATION_IDS = [
  "createInstance",
  "getInstance",
  "deleteInstance",
  "addImage",
  "checkImage",
  "modifyImage",
  "deleteImage",
  "searchImages",
] as const;
type OperationId = (typeof OPERATION_IDS)[number];
const schemas = Object.fromEntries(
  OPERATION_IDS.map((id) => [id, compileSchema(jsonResponse(operationById(api, id), "200"))]),
);

/** A named 400 example of an operation, as the spec holds it. */
function specError(operationId: OperationId, name: string): unknown {
  const found = namedExamples(jsonResponse(operationById(api, operationId), "400")).find(
    (e) => e.name === name,
  );
  if (!found) throw new Error(`${operationId} has no 400 example ${name}`);
  return found.value;
}

const GENERATED = { operations, examples, policy, samples, state };
const newMock = (options: StatefulMockOptions = {}) => createStatefulMock(GENERATED, options);

/** The case of x-mock-state's `errors` each old rule of the mock is now declared as, per operation. */
type Case = "missing" | "parent" | "conflict" | "noKey" | "full" | "empty";
const ON_INSTANCE = (operationId: OperationId): Case =>
  operationId.endsWith("Instance") ? "missing" : "parent";

/** The operation's x-mock-state, as the spec holds it. */
function declarationOf(operationId: OperationId): { errors?: Record<string, string> } {
  const operation = operationById(api, operationId) as unknown as { "x-mock-state"?: object };
  return operation["x-mock-state"] ?? {};
}

/** The named example the operation's x-mock-state declares for a case, as the spec holds it. */
function declaredError(operationId: OperationId, refusal: Case): string {
  const declared = declarationOf(operationId).errors?.[refusal];
  if (!declared) throw new Error(`${operationId} declares no ${refusal} error`);
  return declared;
}

const refusedBy = (operationId: OperationId, refusal: Case | "unknownInstance"): StatefulAnswer => ({
  status: 400,
  body: specError(
    operationId,
    declaredError(operationId, refusal === "unknownInstance" ? ON_INSTANCE(operationId) : refusal),
  ),
});

const PROJECT = "0123456789abcdef0123456789abcdef";
const LIBRARY = "lib";

/** Calls the stateful mock as the mocks do after judge(); every 200 answer is held to the spec. */
function call(
  mock: StatefulMock,
  operationId: OperationId,
  body?: unknown,
  { instance = LIBRARY, project = PROJECT } = {},
): StatefulAnswer {
  const params = { project_id: project, instance_name: instance };
  const answer = mock.answer({ operationId, params, body });
  if (!answer) throw new Error(`the stateful mock does not answer ${operationId}`);
  if (answer.status === 200) expectValid(schemas[operationId] as never, answer.body);
  return answer;
}

function withLibrary(options: StatefulMockOptions = {}, project = PROJECT): StatefulMock {
  const mock = newMock(options);
  expect(call(mock, "createInstance", { name: LIBRARY, model: "common-search" }, { project }).status).toBe(
    200,
  );
  return mock;
}

const image = (n: number) => `https://bucketName.obs.myhuaweicloud.com/image/${n}.jpg`;

describe("instances", () => {
  test("a new project holds no instance: getInstance of any name gets IS.0007", () => {
    const answer = call(newMock(), "getInstance");

    expect(answer).toEqual(refusedBy("getInstance", "unknownInstance"));
    expect(answer.body).toMatchObject({ error_code: "IS.0007" });
  });

  test("createInstance answers the details: the request's fields, the example's status, registered now", () => {
    const mock = newMock({ now: () => 1_700_000_000_000 });
    const request = namedExamples(jsonRequest(operationById(api, "createInstance")))[0]?.value;
    const template = namedExamples(jsonResponse(operationById(api, "createInstance"), "200"))[0]?.value;

    const answer = call(mock, "createInstance", request);

    expect(answer).toEqual({
      status: 200,
      body: {
        instanceName: "test_instance",
        domain: (template as { domain: string }).domain,
        desc: "register service for user model test.",
        registerDate: 1_700_000_000_000,
        expiredDate: -1,
        level: 30000000,
        tags: ["tag1", "tag2"],
        status: "NORMAL",
      },
    });
    expect(call(mock, "getInstance", undefined, { instance: "test_instance" })).toEqual(answer);
  });

  test("createInstance without a level gets the example's level, the documented default", () => {
    const answer = call(newMock(), "createInstance", { name: "a", model: "common-search" });

    expect(answer.body).toMatchObject({ level: 30000000 });
    expect(answer.body).not.toHaveProperty("desc");
    expect(answer.body).not.toHaveProperty("tags");
  });

  test("createInstance with a name the project holds gets IS.0007", () => {
    const mock = withLibrary();

    expect(call(mock, "createInstance", { name: LIBRARY, model: "common-search" })).toEqual(
      refusedBy("createInstance", "conflict"),
    );
  });

  test("deleteInstance removes it with its library; every call on it then gets IS.0007", () => {
    const mock = withLibrary();
    call(mock, "addImage", { path: image(1) });

    expect(call(mock, "deleteInstance").status).toBe(200);
    expect(call(mock, "deleteInstance")).toEqual(refusedBy("deleteInstance", "unknownInstance"));
    expect(call(mock, "getInstance")).toEqual(refusedBy("getInstance", "unknownInstance"));
    expect(call(mock, "checkImage", { path: image(1) })).toEqual(refusedBy("checkImage", "unknownInstance"));
    expect(call(mock, "createInstance", { name: LIBRARY, model: "common-search" }).status).toBe(200);
    expect(call(mock, "checkImage", { path: image(1) }).body).toEqual({ exist: "false" });
  });

  test("deleteInstance answers the spec's 200 example", () => {
    const success = namedExamples(jsonResponse(operationById(api, "deleteInstance"), "200"))[0]?.value;

    expect(call(withLibrary(), "deleteInstance")).toEqual({ status: 200, body: success });
  });
});

describe("images", () => {
  test("addImage stores the image by path; checkImage says so, for that instance only", () => {
    const mock = withLibrary();
    call(mock, "createInstance", { name: "other", model: "common-search" });

    expect(call(mock, "checkImage", { path: image(1) }).body).toEqual({ exist: "false" });
    expect(call(mock, "addImage", { path: image(1), tags: { a: "1" } }).status).toBe(200);
    expect(call(mock, "checkImage", { path: image(1) }).body).toEqual({ exist: "true" });
    expect(call(mock, "checkImage", { path: image(1) }, { instance: "other" }).body).toEqual({
      exist: "false",
    });
  });

  test("image calls on an instance the project does not hold get IS.0007", () => {
    const mock = withLibrary();
    for (const [operationId, body] of [
      ["addImage", { path: image(1) }],
      ["checkImage", { path: image(1) }],
      ["modifyImage", { path: image(1), tags: {} }],
      ["deleteImage", { path: image(1) }],
      ["searchImages", { path: image(1) }],
    ] as const) {
      expect(call(mock, operationId, body, { instance: "nope" }), operationId).toEqual(
        refusedBy(operationId, "unknownInstance"),
      );
    }
  });

  test("addImage of a path the library holds replaces its tags and does not count it twice", () => {
    const mock = withLibrary({ caps: { image: 1 } });
    call(mock, "addImage", { path: image(1), tags: { a: "1" } });

    expect(call(mock, "addImage", { path: image(1), tags: { b: "2" } }).status).toBe(200);
    expect(call(mock, "searchImages", { tags: { b: "2" } }).body).toMatchObject({ count: 1 });
    expect(call(mock, "searchImages", { tags: { a: "1" } }).body).toMatchObject({ count: 0 });
  });

  test("modifyImage replaces the tags; modify and delete of a path not held get IS.0016", () => {
    const mock = withLibrary();
    call(mock, "addImage", { path: image(1), tags: { a: "1" } });

    expect(call(mock, "modifyImage", { path: image(1), tags: { a: "2" } }).status).toBe(200);
    expect(call(mock, "searchImages", { tags: { a: "2" } }).body).toMatchObject({ count: 1 });
    expect(call(mock, "modifyImage", { path: image(2), tags: {} })).toEqual(
      refusedBy("modifyImage", "missing"),
    );
    expect(call(mock, "deleteImage", { path: image(2) })).toEqual(refusedBy("deleteImage", "missing"));
    expect(refusedBy("deleteImage", "missing").body).toMatchObject({ error_code: "IS.0016" });
  });

  test("deleteImage removes the image; checkImage then says false", () => {
    const mock = withLibrary();
    call(mock, "addImage", { path: image(1) });

    expect(call(mock, "deleteImage", { path: image(1) }).status).toBe(200);
    expect(call(mock, "checkImage", { path: image(1) }).body).toEqual({ exist: "false" });
  });

  test("checkImage and deleteImage without a path get the check page's IS.0003", () => {
    const mock = withLibrary();

    expect(call(mock, "checkImage", {})).toEqual(refusedBy("checkImage", "noKey"));
    expect(call(mock, "deleteImage", {})).toEqual(refusedBy("deleteImage", "noKey"));
    expect(refusedBy("checkImage", "noKey").body).toMatchObject({ error_code: "IS.0003" });
  });
});

const SEARCH_DEFAULTS = {
  limit: state.operations.searchImages.search.page.defaultLimit,
  offset: state.operations.searchImages.search.page.defaultOffset,
};

describe("search (the mock's rules, not the provider's)", () => {
  function library(): StatefulMock {
    const mock = withLibrary();
    call(mock, "addImage", { path: image(1), tags: { color: "red", shape: "round" } });
    call(mock, "addImage", { path: image(2), tags: { color: "red" } });
    call(mock, "addImage", { path: image(3), tags: { color: "blue", shape: "round" } });
    return mock;
  }
  const found = (answer: StatefulAnswer) =>
    (answer.body as { result: { path: string; sim: number }[] }).result.map((m) => [m.path, m.sim]);

  test("by tags: the images that carry every given key with that value, sim 1.0, in the order added", () => {
    const mock = library();

    expect(found(call(mock, "searchImages", { tags: { color: "red" } }))).toEqual([
      [image(1), 1],
      [image(2), 1],
    ]);
    expect(found(call(mock, "searchImages", { tags: { color: "red", shape: "round" } }))).toEqual([
      [image(1), 1],
    ]);
    expect(found(call(mock, "searchImages", { tags: { color: "green" } }))).toEqual([]);
    expect(found(call(mock, "searchImages", { tags: { constructor: "x" } }))).toEqual([]);
  });

  test("by path: that image first with sim 1.0, then the others with sim 0.0 in the order added", () => {
    expect(found(call(library(), "searchImages", { path: image(2) }))).toEqual([
      [image(2), 1],
      [image(1), 0],
      [image(3), 0],
    ]);
  });

  test("by path and tags: the tags filter, the path ranks", () => {
    expect(found(call(library(), "searchImages", { path: image(3), tags: { shape: "round" } }))).toEqual([
      [image(3), 1],
      [image(1), 0],
    ]);
  });

  test("by file: every image with sim 0.0, whatever the path, since the spec says file wins", () => {
    expect(found(call(library(), "searchImages", { file: "/9j/4AAQ", path: image(2) }))).toEqual([
      [image(1), 0],
      [image(2), 0],
      [image(3), 0],
    ]);
  });

  test("limit and offset cut the page; count is every match", () => {
    const answer = call(library(), "searchImages", { path: image(1), offset: 1, limit: 1 });

    expect(answer.body).toMatchObject({ count: 3 });
    expect(found(answer)).toEqual([[image(2), 0]]);
  });

  test("with no limit, the spec's default limit of results", () => {
    const mock = withLibrary();
    for (let n = 0; n < SEARCH_DEFAULTS.limit + 5; n++) call(mock, "addImage", { path: image(n) });
    const answer = call(mock, "searchImages", { path: image(0) });

    expect(answer.body).toMatchObject({ count: SEARCH_DEFAULTS.limit + 5 });
    expect(found(answer)).toHaveLength(SEARCH_DEFAULTS.limit);
  });

  test("its defaults of limit and offset are the spec's request defaults", () => {
    const schema = jsonRequest(operationById(api, "searchImages")).schema as {
      properties: Record<string, { default?: unknown }>;
    };

    expect(SEARCH_DEFAULTS).toEqual({
      limit: schema.properties.limit?.default,
      offset: schema.properties.offset?.default,
    });
  });

  test("with nothing to search by (no file, path or tags, or only empty ones) gets IS.0001", () => {
    const mock = library();
    const refused = refusedBy("searchImages", "empty");

    expect(call(mock, "searchImages", {})).toEqual(refused);
    expect(call(mock, "searchImages", { file: "", path: "", tags: {}, limit: 5 })).toEqual(refused);
  });
});

describe("isolation and reset", () => {
  test("two projects' states are independent", () => {
    const mock = withLibrary();
    withLibraryIn(mock, "project-b");
    call(mock, "addImage", { path: image(1) });

    expect(call(mock, "checkImage", { path: image(1) }, { project: "project-b" }).body).toEqual({
      exist: "false",
    });
    call(mock, "deleteInstance", undefined, { project: "project-b" });
    expect(call(mock, "getInstance").status).toBe(200);
  });

  test("reset() empties every project; reset(id) only that one", () => {
    const mock = withLibrary();
    withLibraryIn(mock, "project-b");

    mock.reset({ project_id: "project-b" });
    expect(call(mock, "getInstance", undefined, { project: "project-b" }).status).toBe(400);
    expect(call(mock, "getInstance").status).toBe(200);
    mock.reset();
    expect(call(mock, "getInstance").status).toBe(400);
    expect(mock.scopes).toBe(0);
  });

  test("answerReset reads project_id from the query and answers 204", () => {
    const mock = withLibrary();
    withLibraryIn(mock, "project-b");

    expect(mock.answerReset(new URLSearchParams({ project_id: "project-b" }))).toEqual({
      status: 204,
      body: undefined,
    });
    expect(mock.scopes).toBe(1);
    mock.answerReset(new URLSearchParams());
    expect(mock.scopes).toBe(0);
  });

  function withLibraryIn(mock: StatefulMock, project: string): void {
    call(mock, "createInstance", { name: LIBRARY, model: "common-search" }, { project });
  }
});

describe("bounded", () => {
  const capped = (operationId: OperationId) => refusedBy(operationId, "full");

  test("an instance past the spec's cap (here lowered to 2) gets IS.0011; deleting one makes room", () => {
    const mock = withLibrary({ caps: { instance: 2 } });
    call(mock, "createInstance", { name: "second", model: "common-search" });

    expect(call(mock, "createInstance", { name: "third", model: "common-search" })).toEqual(
      capped("createInstance"),
    );
    expect(capped("createInstance").body).toMatchObject({ error_code: "IS.0011" });
    call(mock, "deleteInstance", undefined, { instance: "second" });
    expect(call(mock, "createInstance", { name: "third", model: "common-search" }).status).toBe(200);
  });

  test("an image past the image cap, across the project's instances, gets IS.0011", () => {
    const mock = withLibrary({ caps: { image: 2 } });
    call(mock, "createInstance", { name: "other", model: "common-search" });
    call(mock, "addImage", { path: image(1) });
    call(mock, "addImage", { path: image(2) }, { instance: "other" });

    expect(call(mock, "addImage", { path: image(3) })).toEqual(capped("addImage"));
    call(mock, "deleteImage", { path: image(2) }, { instance: "other" });
    expect(call(mock, "addImage", { path: image(3) }).status).toBe(200);
  });

  test("text past the characters cap gets IS.0011, for added and for modified tags", () => {
    const mock = withLibrary({ limits: { characters: 400 } });
    call(mock, "addImage", { path: image(1), tags: { a: "x" } });

    expect(call(mock, "addImage", { path: image(2), tags: { a: "x".repeat(400) } })).toEqual(
      capped("addImage"),
    );
    expect(call(mock, "modifyImage", { path: image(1), tags: { a: "x".repeat(400) } })).toEqual(
      capped("modifyImage"),
    );
    expect(call(mock, "modifyImage", { path: image(1), tags: { a: "y" } }).status).toBe(200);
  });

  test("past `projects`, the least recently used project is forgotten, never the one in use", () => {
    const mock = newMock({ limits: { scopes: 2 } });
    for (const project of ["a", "b"])
      call(mock, "createInstance", { name: LIBRARY, model: "m" }, { project });
    call(mock, "getInstance", undefined, { project: "a" });
    call(mock, "createInstance", { name: LIBRARY, model: "m" }, { project: "c" });

    expect(mock.scopes).toBe(2);
    expect(call(mock, "getInstance", undefined, { project: "a" }).status).toBe(200);
    expect(call(mock, "getInstance", undefined, { project: "b" }).status).toBe(400);
    expect(call(mock, "getInstance", undefined, { project: "c" }).status).toBe(200);
  });

  test("ten thousand projects leave at most the cap in memory, and reads create none", () => {
    const mock = newMock();
    for (let n = 0; n < 10_000; n++) {
      call(mock, "getInstance", undefined, { project: `read-${n}` });
      call(mock, "createInstance", { name: LIBRARY, model: "m" }, { project: `p-${n}` });
    }

    expect(mock.scopes).toBe(STATEFUL_LIMITS.scopes);
  });
});

describe("never outside the contract", () => {
  test("a stored value the response schema forbids is answered with the mock's own 500, naming it", () => {
    // A clock that is not whole milliseconds stores a registerDate the schema's integer forbids.
    const mock = newMock({ now: () => 1.5 });

    const answer = mock.answer({
      operationId: "createInstance",
      params: { project_id: PROJECT },
      body: { name: LIBRARY, model: "common-search" },
    });

    expect(answer).toEqual({
      status: 500,
      body: { error_code: "MOCK.INVALID_ANSWER", error_msg: expect.stringContaining("/registerDate") },
    });
    expect(call(mock, "getInstance").status).toBe(500);
  });

  test("every operation's declared errors are named 400 examples the spec holds", () => {
    for (const operationId of OPERATION_IDS) {
      for (const name of Object.values(declarationOf(operationId).errors ?? {})) {
        expect(() => specError(operationId, name), `${operationId} ${name}`).not.toThrow();
      }
    }
  });

  test("an operation it does not know is left to the named examples", () => {
    const mock = newMock();

    expect(mock.answer({ operationId: "listThings", params: {}, body: undefined })).toBe(undefined);
  });
});

describe("after judge()", () => {
  const routes = routesOf({ operations, examples, policy });
  function judged(mock: StatefulMock, method: string, pathname: string, body: unknown, prefer?: string) {
    const headers = new Headers({ "x-auth-token": TEST_TOKEN, "content-type": "application/json" });
    if (prefer) headers.set("prefer", prefer);
    const sent: Call = {
      method,
      pathname,
      query: new URLSearchParams(),
      header: (name) => headers.get(name) ?? undefined,
      body: new TextEncoder().encode(JSON.stringify(body)),
      tooBig: false,
    };
    return mock.answerJudged(judge(routes, sent), sent);
  }

  test("a valid call is answered from the state, its path parameters decoded", () => {
    const mock = newMock();
    const created = judged(mock, "POST", "/v1/p%201/service", { name: "lib", model: "common-search" });

    expect(created?.status).toBe(200);
    expect(call(mock, "getInstance", undefined, { project: "p 1" }).status).toBe(200);
    expect(judged(mock, "POST", "/v1/p%201/lib/image/check", { path: "x" })).toEqual({
      status: 200,
      body: { exist: "false" },
    });
  });

  test("a call with Prefer, or one judge() refused, is left to the stateless mock", () => {
    const mock = newMock();

    expect(judged(mock, "POST", "/v1/p/lib/image/check", { path: "x" }, "code=200, example=exists")).toBe(
      undefined,
    );
    expect(judged(mock, "POST", "/v1/p/lib/image/check", { path: 42 })).toBe(undefined);
    expect(mock.scopes).toBe(0);
  });

  test("a call another spec's route judged valid is left alone, even with a known operationId", () => {
    const [ours] = routes.filter((r) => r.operationId === "getInstance");
    if (!ours) throw new Error("no getInstance route");
    const theirs = {
      ...ours,
      path: "/other/{project_id}/{instance_name}",
      pattern: /^\/other\/([^/]*)\/([^/]*)$/,
    };
    const sent: Call = {
      method: "GET",
      pathname: "/other/p/lib",
      query: new URLSearchParams(),
      header: () => undefined,
      body: new Uint8Array(),
      tooBig: false,
    };
    const verdict = {
      kind: "valid",
      route: theirs,
      status: "200",
      code: 200,
      example: undefined,
      prefer: {},
    } as const;

    expect(newMock().answerJudged(verdict, sent)).toBe(undefined);
  });

  test("isReset is POST /__mock/reset only", () => {
    expect(isReset({ method: "POST", pathname: RESET_PATH })).toBe(true);
    expect(isReset({ method: "post", pathname: "/__mock/reset" })).toBe(true);
    expect(isReset({ method: "GET", pathname: RESET_PATH })).toBe(false);
    expect(isReset({ method: "POST", pathname: "/v1/__mock/reset" })).toBe(false);
  });
});

describe("docs/stateful-mock.md", () => {
  test("quotes every declared error's example and code, and every cap, as the spec and engine have them", async () => {
    const guide = await readFile("docs/stateful-mock.md", "utf8");

    for (const operationId of OPERATION_IDS) {
      for (const name of Object.values(declarationOf(operationId).errors ?? {})) {
        const code = (specError(operationId, name) as { error_code: string }).error_code;
        expect(guide).toMatch(new RegExp(`\`${name}\` *\\| ${code} `));
      }
    }
    for (const value of Object.values(STATEFUL_LIMITS)) {
      expect(guide).toMatch(new RegExp(`\\| ${value} +\\|`));
    }
  });
});

test("bundles for a browser with no Node built-in", async () => {
  const result = await build({
    entryPoints: ["src/mock/stateful.ts"],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const inputs = Object.values(result.metafile.inputs).flatMap((input) => input.imports.map((i) => i.path));

  expect(inputs.filter((path) => path.startsWith("node:"))).toEqual([]);
  expect(result.outputFiles[0]?.text).toContain("MOCK.INVALID_ANSWER");
});

test.for([
  ["scopes", 0],
  ["items", 1.5],
  ["characters", Number.NaN],
] as const)("a cap %s of %s is refused, naming it", ([name, value]) => {
  expect(() => newMock({ limits: { [name]: value } })).toThrow(
    new RegExp(`limits\\.${name} must be a whole number of at least 1, got ${value}`),
  );
});
