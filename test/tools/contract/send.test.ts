import { createServer } from "node:http";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { loadContractSpec } from "../../../tools/contract/contract-spec.js";
import { deriveCases } from "../../../tools/contract/derive.js";
import { clientInput, toRequest } from "../../../tools/contract/send.js";
import { listen } from "../../../tools/shared/net.js";
import { SPEC_PATH } from "../../support/spec.js";

const UPLOADS = fileURLToPath(new URL("../../fixtures/uploads.openapi.yaml", import.meta.url));

describe("toRequest", () => {
  let elsewhere = 0;
  const server = createServer((req, res) => {
    if (req.url?.startsWith("/elsewhere")) elsewhere++;
    res.writeHead(302, { location: "/elsewhere" }).end();
  });
  let base = "";
  beforeAll(async () => {
    base = await listen(server, 0);
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test("gives back a redirect as the answer, and never follows it", async () => {
    const [c] = deriveCases(await loadContractSpec(SPEC_PATH));
    if (!c) throw new Error("no case derived");
    const { url, init } = toRequest(c, base, false);

    const response = await fetch(url, init);

    expect(response.status).toBe(302);
    expect(elsewhere).toBe(0);
  });
});

describe("toRequest of a case whose body is a form", () => {
  const formSpec = createRequire(import.meta.url).resolve("@readme/oas-examples/3.0/json/form-data.json");

  test("sends the body's fields as the form its media type names, as the client writes one", async () => {
    const cases = deriveCases(await loadContractSpec(formSpec));
    const request = cases.find((c) => c.kind === "request");
    if (!request?.body || !("json" in request.body)) throw new Error("no request case with a body");

    const { init } = toRequest(request, "https://api.example", false);

    expect((init.headers as Record<string, string>)["content-type"]).toBe(
      "application/x-www-form-urlencoded",
    );
    expect(Object.fromEntries(new URLSearchParams(init.body as string))).toEqual(
      Object.fromEntries(Object.entries(request.body.json as object).map(([k, v]) => [k, String(v)])),
    );
  });

  test("derives no bad request a form cannot carry: no JSON syntax, no body that is not a set of fields", async () => {
    const labels = deriveCases(await loadContractSpec(formSpec))
      .filter((c) => c.kind === "negative")
      .map((c) => c.title);

    expect(labels.filter((label) => /not JSON|text\/plain|a body that is/.test(label))).toEqual([]);
    expect(labels.some((label) => /without \/client_id/.test(label))).toBe(true);
  });
});

describe("a case of an upload whose body the spec types as any media type (*/*)", () => {
  test("sends bytes as application/octet-stream, and gives a client's method the same bytes as body", async () => {
    const spec = await loadContractSpec(UPLOADS);
    const op = spec.operations.find((o) => o.operationId === "upload");
    const request = deriveCases(spec).find((c) => c.operationId === "upload" && c.kind === "request");
    if (!op || !request) throw new Error("no request case derived");

    const { init } = toRequest(request, "http://mock.example", false);

    expect(init.body).toEqual(expect.any(String));
    expect((init.headers as Record<string, string>)["content-type"]).toBe("application/octet-stream");
    expect(clientInput(request, op)).toEqual({ body: init.body });
  });
});

describe("a case of an upload whose body the spec types as a multipart form", () => {
  test("sends the fields as a multipart form, and gives a client's method the same fields", async () => {
    const spec = await loadContractSpec(UPLOADS);
    const op = spec.operations.find((o) => o.operationId === "uploadForm");
    const request = deriveCases(spec).find((c) => c.operationId === "uploadForm" && c.kind === "request");
    if (!op || !request) throw new Error("no request case derived");

    const { init } = toRequest(request, "http://mock.example", false);
    const form = init.body as FormData;

    expect(form).toBeInstanceOf(FormData);
    expect(form.get("parts")).toBe("1");
    expect(form.has("file")).toBe(true);
    expect(clientInput(request, op)).toEqual({ file: form.get("file"), parts: 1 });
  });
});

describe("a case of an operation whose header parameter's content is JSON", () => {
  test("sends the header as JSON text its schema accepts, and gives a client's method the value itself", async () => {
    const spec = await loadContractSpec(
      fileURLToPath(new URL("../../fixtures/json-parameter.openapi.yaml", import.meta.url)),
    );
    const op = spec.operations[0];
    const request = deriveCases(spec).find((c) => c.kind === "request");
    if (!op || !request) throw new Error("no request case derived");

    const header = (toRequest(request, "http://mock.example", false).init.headers as Record<string, string>)[
      "X-Metadata"
    ];
    const metadata = JSON.parse(header ?? "null");

    expect(metadata).toEqual(expect.objectContaining({ name: expect.any(String) }));
    expect(clientInput(request, op)).toEqual({ "X-Metadata": metadata });
  });
});
