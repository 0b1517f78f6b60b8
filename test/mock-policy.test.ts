import { describe, expect, test } from "vitest";
import { examples, policy } from "../generated/image-search.examples.js";
import { operations } from "../generated/image-search.validators.js";
import { bySpecificity, type Call, judge, routesOf } from "../src/mock-policy.js";
import { TEST_TOKEN } from "./support/secrets.js";

const routes = routesOf({ operations, examples, policy });

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
