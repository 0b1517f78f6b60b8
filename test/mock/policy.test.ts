import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import { examples, policy } from "../../generated/image-search.examples.js";
import { operations } from "../../generated/image-search.operations.js";
import { formOf } from "../../src/mock/body.js";
import { judge } from "../../src/mock/policy.js";
import { bySpecificity, routesOf } from "../../src/mock/routes.js";
import type { Call, Route } from "../../src/mock/types.js";
import { loadGenerated } from "../../tools/mock/generated-modules.js";
import { TEST_TOKEN } from "../support/secrets.js";

const UPLOADS = fileURLToPath(new URL("../fixtures/uploads.openapi.yaml", import.meta.url));

const routes = routesOf({ operations, examples, policy });
const FRAGMENT_PATHS = fileURLToPath(new URL("../fixtures/fragment-paths.openapi.yaml", import.meta.url));

function call(method: string, pathname: string, body?: unknown): Call {
  const headers: Record<string, string> = { "x-auth-token": TEST_TOKEN, "content-type": "application/json" };
  return {
    method,
    pathname,
    query: new URLSearchParams(),
    header: (name) => headers[name],
    body: new TextEncoder().encode(body === undefined ? "" : JSON.stringify(body)),
    tooBig: false,
  };
}

function routed(method: string, pathname: string, body?: unknown): string | undefined {
  const verdict = judge(routes, call(method, pathname, body));
  return verdict.kind === "valid" ? verdict.route.operationId : `refused ${JSON.stringify(verdict.body)}`;
}

describe("bySpecificity", () => {
  test("puts a literal segment before a template at the first position where they differ", () => {
    const instance = "/v1/{project_id}/service/{instance_name}";
    const image = "/v1/{project_id}/{instance_name}/image";

    expect(bySpecificity(instance, image)).toBeLessThan(0);
    expect(bySpecificity(image, instance)).toBeGreaterThan(0);
    expect(bySpecificity(image, image)).toBe(0);
  });

  test("puts a segment with literal text around its template before a whole template", () => {
    const custom = "/v1/{resource}:getIamPolicy";
    const named = "/v1/{name}";

    expect([named, custom].sort(bySpecificity)).toEqual([custom, named]);
    expect(bySpecificity(custom, named)).toBeLessThan(0);
  });
});

describe("judge routes a URL that two templates match", () => {
  test("DELETE /v1/p/service/image to deleteInstance, the path whose literal segment comes first", () => {
    expect(routed("DELETE", "/v1/p/service/image")).toBe("deleteInstance");
  });

  test("GET /v1/p/service/image to getInstance", () => {
    expect(routed("GET", "/v1/p/service/image")).toBe("getInstance");
  });

  test("POST /v1/p/service/image to addImage, the one path of the two with that method", () => {
    expect(routed("POST", "/v1/p/service/image", { path: "https://b.obs/x.jpg" })).toBe("addImage");
  });
});

type Generated = Parameters<typeof routesOf>[0];
const real: Generated = { operations, examples, policy };

/**
 * The spec's operations `copies` times over, each copy one path segment deeper (`…/copy-N`), as the
 * bench scales a spec, plus one path whose segment mixes text and a template.
 */
function scaled(copies: number): Generated {
  const scaledOps: Record<string, Generated["operations"][string]> = {};
  const scaledExamples: Record<string, Generated["examples"][string]> = {};
  const scaledPolicy: Record<string, Generated["policy"][string]> = {};
  const add = (id: string, source: string, path: (p: string) => string) => {
    const contract = operations[source as keyof typeof operations];
    scaledOps[id] = { ...contract, name: id, operationId: id, path: path(contract.path) };
    scaledExamples[id] = examples[source as keyof typeof examples];
    scaledPolicy[id] = policy[source as keyof typeof policy];
  };
  for (let i = 1; i <= copies; i++) {
    for (const id of Object.keys(operations))
      add(`${id}${i}`, id, (p) => `${p.replace(/\/$/, "")}/copy-${i}`);
  }
  for (const id of Object.keys(operations))
    add(`${id}Json`, id, (p) => p.replace("{instance_name}", "{instance_name}.json"));
  return { operations: scaledOps, examples: scaledExamples, policy: scaledPolicy };
}

/** The router as it was: every route's pattern tested on every request, in routesOf's order. */
function linearRoute(routes: readonly Route[], method: string, pathname: string): string {
  const onPath = routes.filter((r) => r.pattern.test(pathname));
  const route = onPath.find((r) => r.method === method.toLowerCase());
  if (route) return route.operationId;
  return onPath.length > 0 ? `method-not-allowed ${onPath[0]?.operationId}` : "route-unknown";
}

function indexedRoute(routes: readonly Route[], method: string, pathname: string): string {
  const verdict = judge(routes, call(method, pathname));
  if (verdict.kind === "valid") return verdict.route.operationId;
  const kind = verdict.violation?.kind;
  if (kind === "method-not-allowed" || kind === "route-unknown") {
    // The operation whose answers a method-not-allowed refusal came from.
    const first = routes.find((r) => r.pattern.test(pathname));
    return kind === "route-unknown" ? kind : `${kind} ${first?.operationId}`;
  }
  // Refused for what the request carries: it was routed; the route is the one its checks ran on.
  return linearRoute(routes, method, pathname);
}

/** Request paths for every route: templates filled with values that are also literals elsewhere. */
function samplePaths(routes: readonly Route[]): string[] {
  const fills = ["p", "service", "image", "", "copy-1", "x.json"];
  const paths = new Set<string>(["/", "", "/v1", "/v1/p", "/nowhere/at/all", "/v1/p/i/image/copy-9999"]);
  for (const route of routes) {
    for (const fill of fills) paths.add(route.path.replace(/\{[^}]+\}/g, fill));
    paths.add(route.path.replace(/\{[^}]+\}/g, "v"));
    paths.add(`${route.path.replace(/\{[^}]+\}/g, "p")}/extra`);
    paths.add(route.path.replace(/\{[^}]+\}/g, "p").replace(/\/[^/]*$/, ""));
  }
  return [...paths];
}

const METHODS = ["GET", "PUT", "POST", "DELETE", "PATCH"];

describe("judge finds the same route as testing every route's pattern in order", () => {
  test.each([
    ["the real spec", real],
    ["the spec scaled to 25 copies, with a segment mixing text and a template", scaled(25)],
  ])("on %s, for every method on paths built from each route", (_name, generated) => {
    const routes = routesOf(generated);
    const mismatches: string[] = [];
    for (const pathname of samplePaths(routes)) {
      for (const method of METHODS) {
        const expected = linearRoute(routes, method, pathname);
        const actual = indexedRoute(routes, method, pathname);
        if (actual !== expected) mismatches.push(`${method} ${pathname}: ${actual}, expected ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  test("a routes list not made by routesOf is routed alike", () => {
    const routes = routesOf(real).slice();
    expect(routed("DELETE", "/v1/p/service/image")).toBe("deleteInstance");
    expect(judge(routes, call("DELETE", "/v1/p/service/image"))).toMatchObject({
      kind: "valid",
      route: { operationId: "deleteInstance" },
    });
  });
});

describe("judge on a spec of 1,000 operations", () => {
  test("routes the last copy of an operation, and refuses an unknown path with the spec's answer", () => {
    const routes = routesOf(scaled(125));
    expect(routes.length).toBeGreaterThanOrEqual(1000);
    const put = judge(
      routes,
      call("PUT", "/v1/p/i/image/copy-125", { path: "https://b.obs/x.jpg", tags: { a: "b" } }),
    );
    expect(put).toMatchObject({ kind: "valid", route: { operationId: expect.stringMatching(/125$/) } });
    const unknown = judge(routes, call("GET", "/v1/p/i/image/copy-126"));
    expect(unknown).toMatchObject({ kind: "refused", violation: { kind: "route-unknown" } });
    const small = judge(routesOf(real), call("GET", "/nowhere"));
    expect(unknown.kind === "refused" && unknown.status).toBe(small.kind === "refused" && small.status);
  });
});

describe("judge on paths that differ only after a #", () => {
  let actions: readonly Route[];
  beforeAll(async () => {
    actions = routesOf(await loadGenerated(FRAGMENT_PATHS));
  });

  const sent = (action: string | undefined): Call => {
    const headers: Record<string, string> = action === undefined ? {} : { "x-action": action };
    return { ...call("POST", "/"), header: (name) => headers[name] };
  };

  test("routes POST / to the operation whose required header's enum holds the value sent", () => {
    expect(judge(actions, sent("Stop"))).toMatchObject({ kind: "valid", route: { operationId: "Stop" } });
    expect(judge(actions, sent("Start"))).toMatchObject({ kind: "valid", route: { operationId: "Start" } });
  });

  test("refuses POST / without the header as a bad request, not as a path the spec does not document", () => {
    expect(judge(actions, sent(undefined))).toMatchObject({
      kind: "refused",
      status: 400,
      violation: { in: "header", kind: "missing" },
    });
  });
});

describe("judge on an upload whose body the spec types as any media type (*/*)", () => {
  let upload: readonly Route[];
  beforeAll(async () => {
    upload = routesOf(await loadGenerated(UPLOADS));
  });

  test("takes bytes sent as application/octet-stream, and refuses no body at all", () => {
    const bytes = (body: string): Call => {
      const headers: Record<string, string> = { "content-type": "application/octet-stream" };
      return {
        ...call("PUT", "/file"),
        header: (name) => headers[name],
        body: new TextEncoder().encode(body),
      };
    };

    expect(judge(upload, bytes("\u0000raw bytes"))).toMatchObject({ kind: "valid" });
    expect(judge(upload, bytes(""))).toMatchObject({ kind: "refused", violation: { kind: "missing" } });
  });
});

describe("judge on an upload sent as a multipart form", () => {
  let upload: readonly Route[];
  beforeAll(async () => {
    upload = routesOf(await loadGenerated(UPLOADS));
  });

  const sent = async (form: FormData): Promise<Call> => {
    const request = new Request("http://form.example/form", { method: "POST", body: form });
    const body = new Uint8Array(await request.arrayBuffer());
    const headers: Record<string, string> = { "content-type": request.headers.get("content-type") ?? "" };
    // As both mocks do, the form is read before the request is judged.
    const fields = await formOf(body, headers["content-type"]);
    return { ...call("POST", "/form"), header: (name) => headers[name], body, form: fields };
  };

  test("takes a form whose fields the schema accepts, a number sent as text too, and refuses one missing a field", async () => {
    const complete = new FormData();
    complete.append("file", new Blob(["bytes"]), "a.bin");
    complete.append("parts", "2");
    const partial = new FormData();
    partial.append("parts", "2");

    expect(judge(upload, await sent(complete))).toMatchObject({ kind: "valid" });
    expect(judge(upload, await sent(partial))).toMatchObject({
      kind: "refused",
      violation: { in: "body", at: "/file", kind: "missing" },
    });
  });
});

describe("judge on a header parameter whose content is JSON", () => {
  let routes: readonly Route[];
  beforeAll(async () => {
    routes = routesOf(
      await loadGenerated(fileURLToPath(new URL("../fixtures/json-parameter.openapi.yaml", import.meta.url))),
    );
  });

  const sent = (metadata: string): Call => {
    const headers: Record<string, string> = { "x-metadata": metadata };
    return { ...call("POST", "/files"), header: (name) => headers[name] };
  };

  test("reads the header's JSON text by the schema, and refuses JSON the schema does not accept", () => {
    expect(judge(routes, sent('{"name":"a","size":2}'))).toMatchObject({ kind: "valid" });
    expect(judge(routes, sent('{"size":2}'))).toMatchObject({
      kind: "refused",
      violation: { in: "header", at: "X-Metadata" },
    });
  });
});
