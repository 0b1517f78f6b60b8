// The one spec loader: real specs load unchanged, and each hostile spec of test/fixtures/hostile/ is
// loaded safely or refused with a SpecLoadError that names the file and line at fault.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3 } from "openapi-types";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { type LoadedSpec, loadSpec, SpecLoadError } from "../../../tools/shared/load-spec.js";
import { HTTP_METHODS, operationsOf } from "../../../tools/shared/openapi.js";
import { shownPath } from "../../../tools/shared/paths.js";
import { DEFAULT_LIMITS } from "../../../tools/shared/spec-text.js";
import {
  builtHostileSpecs,
  copyOfFixture,
  hostileSpec,
  remoteSpecTo,
  SECRET,
  schemaServer,
  startsAt,
} from "../../support/hostile.js";
import { jsonResponse } from "../../support/spec.js";

const GITHUB = "node_modules/@octokit/openapi/generated/api.github.com.json";

/** The SpecLoadError loading `path` throws; fails the test when it loads. */
async function refusal(path: string, options: Parameters<typeof loadSpec>[1] = {}): Promise<SpecLoadError> {
  const error = await loadSpec(path, options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(SpecLoadError);
  return error as SpecLoadError;
}

/** Each operation of a document whose path items may be references, as `METHOD path`. */
function operationKeys(loaded: LoadedSpec): string[] {
  return Object.entries(loaded.document.paths).flatMap(([path, item]) => {
    const resolved = loaded.resolve(item) ?? {};
    return HTTP_METHODS.filter((method) => resolved[method]).map((method) => `${method} ${path}`);
  });
}

/** The JSON answer of GET /items, which every fixture here has. */
function itemsMedia(document: OpenAPIV3.Document): OpenAPIV3.MediaTypeObject {
  const operation = document.paths["/items"]?.get;
  if (!operation) throw new Error("the fixture has no GET /items");
  return jsonResponse(operation, "200");
}

describe("loadSpec on real specs", () => {
  test.each(["spec/image-search.openapi.yaml", "spec/iam.openapi.yaml"])(
    "loads %s unchanged: the same document SwaggerParser reads, the same operations",
    async (path) => {
      const loaded = await loadSpec(path);
      const theirs = (await SwaggerParser.dereference(path)) as OpenAPIV3.Document;
      expect(loaded.document).toEqual(parse(await readFile(path, "utf8")));
      expect(loaded.dereferenced()).toEqual(theirs);
      expect(operationsOf(loaded.dereferenced()).map((op) => op.operationId)).toEqual(
        operationsOf(theirs).map((op) => op.operationId),
      );
    },
  );

  test("loads GitHub's REST description (13 MB of JSON) within the limits, with every operation SwaggerParser reads", async () => {
    const loaded = await loadSpec(GITHUB);
    const theirs = (await SwaggerParser.dereference(GITHUB)) as OpenAPIV3.Document;
    expect(loaded.document.info).toEqual(theirs.info);
    expect(operationKeys(loaded)).toEqual(operationsOf(theirs).map((op) => `${op.method} ${op.path}`));
    expect(operationKeys(loaded).length).toBeGreaterThan(1000);
  }, 300_000);
});

describe("loadSpec on literal data", () => {
  const path = hostileSpec("example-ref");
  let loaded: LoadedSpec;
  beforeAll(async () => {
    loaded = await loadSpec(path);
  });
  const media = () => itemsMedia(loaded.document);

  test("keeps an example value that holds a $ref as written, and reads no file it names", () => {
    const examples = media().examples as Record<string, OpenAPIV3.ExampleObject>;
    expect(examples["literal-file"]?.value).toEqual({ $ref: "../secret.json" });
    expect(examples["literal-internal"]?.value).toEqual({ $ref: "#/components/examples/Shared" });
    expect(loaded.document.components?.schemas?.Item).toMatchObject({ example: { $ref: "/etc/passwd" } });
    expect(JSON.stringify(loaded.document)).not.toContain(SECRET);
    expect([...loaded.files.keys()]).toEqual([loaded.file]);
  });

  test("resolves a named example that refers to a shared one, and a property called `example`", () => {
    const shared = media().examples?.shared;
    expect(loaded.resolve(shared)).toEqual(loaded.document.components?.examples?.Shared);
    const item = loaded.document.components?.schemas?.Item as OpenAPIV3.SchemaObject;
    expect(loaded.resolve(item.properties?.example)).toEqual({ type: "string" });
  });

  test("dereferenced() replaces references and leaves the literal values as they are", () => {
    const copy = loaded.dereferenced();
    const examples = itemsMedia(copy).examples as Record<string, OpenAPIV3.ExampleObject>;
    expect(examples.shared?.value).toEqual({ name: "shared" });
    expect(examples["literal-file"]?.value).toEqual({ $ref: "../secret.json" });
    expect(JSON.stringify(copy)).not.toContain(SECRET);
  });
});

describe("loadSpec on references out of the spec's folder", () => {
  test.each([
    ["description-ref", "$ref: /etc/passwd"],
    ["parent-ref", "$ref: ../secret.json"],
  ])("refuses %s at the $ref, naming the file, line and column", async (name, text) => {
    const error = await refusal(hostileSpec(name));
    expect(startsAt(error.message, hostileSpec(name), text)).toBe(true);
    expect(error.message).toContain("leads outside the spec's folder");
  });

  test("refuses a symbolic link that leads out of the folder", async () => {
    const built = await builtHostileSpecs();
    try {
      const error = await refusal(built.symlink);
      expect(startsAt(error.message, built.symlink, "$ref: ./link.json")).toBe(true);
      expect(error.message).toContain("through a symbolic link");
    } finally {
      await built.remove();
    }
  });

  test("refuses the same in a spec given as text, as the dev loop gives the saved one", async () => {
    const text = await readFile(hostileSpec("parent-ref"), "utf8");
    const error = await refusal(hostileSpec("parent-ref"), { text });
    expect(error.file).toMatch(/parent-ref\/spec\.openapi\.yaml$/);
  });
});

describe("loadSpec on references to URLs", () => {
  let server: Awaited<ReturnType<typeof schemaServer>>;
  let root: string;
  beforeAll(async () => {
    server = await schemaServer();
    ({ root } = await copyOfFixture("remote"));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.server.close(resolve));
    await rm(root, { recursive: true, force: true });
  });

  const referringTo = (url: string) => remoteSpecTo(url, root);

  test("refuses one unless remote references are allowed, and sends nothing", async () => {
    const error = await refusal(await referringTo(`http://127.0.0.1:${server.port}/item.yaml`));
    expect(error.message).toContain("references to URLs are not followed unless allowed");
    expect(error.line).toBeGreaterThan(0);
    expect(server.requests()).toBe(0);
  });

  test.each([
    ["127.0.0.1", () => `http://127.0.0.1:${server.port}/item.yaml`],
    ["localhost", () => `http://localhost:${server.port}/item.yaml`],
    ["::1", () => `http://[::1]:${server.port}/item.yaml`],
    ["10.x", () => "http://10.0.0.7/item.yaml"],
    ["169.254.x", () => "http://169.254.169.254/latest/meta-data"],
  ])("refuses one to %s even when remote references are allowed, and sends nothing", async (_, url) => {
    const error = await refusal(await referringTo(url()), { allowRemote: true });
    expect(error.message).toContain("references are fetched from public addresses only");
    expect(error.message).toMatch(/spec\.openapi\.yaml:\d+:\d+: /);
    expect(server.requests()).toBe(0);
  });

  test.each(["ftp://example.com/item.yaml", "file:///etc/passwd"])("refuses %s", async (url) => {
    await refusal(await referringTo(url), { allowRemote: true });
  });
});

describe("loadSpec on YAML and size", () => {
  test("refuses an alias bomb fast, naming the file and the line of the first alias", async () => {
    const path = hostileSpec("alias-bomb");
    const started = performance.now();
    const error = await refusal(path);
    // Unchecked, it runs for a minute in gigabytes; five seconds leave room for a busy machine.
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(startsAt(error.message, path, "*l0")).toBe(true);
    expect(error.message).toContain("alias bomb");
  });

  test("names invalid YAML at its file and line", async () => {
    const path = hostileSpec("invalid-yaml");
    const error = await refusal(path);
    // The parser finds the list that never closes at the end of the file, past its last line.
    const lines = (await readFile(path, "utf8")).split("\n").length;
    expect(error.message.startsWith(`${path}:${lines}:1: not valid YAML: `)).toBe(true);
  });

  test("names invalid YAML in a referenced file at that file and line", async () => {
    const item = join("test/fixtures/hostile/invalid-yaml-referenced", "item.yaml");
    const error = await refusal(hostileSpec("invalid-yaml-referenced"));
    expect(startsAt(error.message, item, "type: string")).toBe(true);
    expect(error.message).toContain("not valid YAML");
  });

  test("refuses a file over the size limit without reading it", async () => {
    const built = await builtHostileSpecs();
    try {
      const error = await refusal(built.oversized);
      expect(error.message).toContain(`over the limit of ${DEFAULT_LIMITS.fileBytes} bytes per file`);
      expect(error.file).toBe(built.oversized);
    } finally {
      await built.remove();
    }
  });

  test("refuses a spec whose files together pass the limit, at the reference that passes it", async () => {
    const path = hostileSpec("circular-split");
    const size = (await readFile(path)).length;
    const error = await refusal(path, { limits: { totalBytes: size + 10 } });
    expect(error.message).toMatch(
      /spec\.openapi\.yaml:\d+:\d+: .*entry\.yaml: the spec's files come to more than/,
    );
  });
});

describe("loadSpec on circular references", () => {
  test("loads recursive schemas, keeps their references, and dereferences into a finite tree", async () => {
    const loaded = await loadSpec(hostileSpec("circular"));
    const copy = loaded.dereferenced();
    const tree = copy.components?.schemas?.Tree as OpenAPIV3.SchemaObject;
    const children = tree.properties?.children as OpenAPIV3.ArraySchemaObject | undefined;
    expect(children?.items).toEqual({
      $ref: "#/components/schemas/Tree",
    });
    expect(() => JSON.stringify(copy)).not.toThrow();
  });

  test("dereferences a property called __proto__ as a property, not as the copy's prototype", async () => {
    const spec = parse(await readFile(hostileSpec("circular"), "utf8"));
    spec.components.schemas.Tree.properties = JSON.parse('{"__proto__": {"type": "string"}}');
    const loaded = await loadSpec(hostileSpec("circular"), { text: JSON.stringify(spec) });
    const tree = loaded.dereferenced().components?.schemas?.Tree as OpenAPIV3.SchemaObject;
    expect(Object.getPrototypeOf(tree.properties)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(tree.properties, "__proto__")?.value).toEqual({ type: "string" });
  });

  test("loads a recursive schema whose cycle runs through another file, as one document", async () => {
    const loaded = await loadSpec(hostileSpec("circular-split"));
    expect(loaded.files.size).toBe(2);
    const refs = loaded.nodes.refs.map((site) => site.ref);
    expect(refs.length).toBeGreaterThan(0);
    expect(refs.every((ref) => ref.startsWith("#/"))).toBe(true);
    const folder = loaded.document.components?.schemas?.Folder as OpenAPIV3.SchemaObject;
    const entries = folder.properties?.entries as OpenAPIV3.ArraySchemaObject;
    const entry = loaded.resolve(entries.items) as OpenAPIV3.SchemaObject;
    expect(loaded.resolve(entry.properties?.folder)).toBe(folder);
  });

  test("refuses a cycle through a callback, naming it", async () => {
    const path = hostileSpec("callback-cycle");
    const error = await refusal(path);
    // The callback's own reference to itself closes the cycle; the operation's only enters it.
    expect(startsAt(error.message, path, "$ref", 2)).toBe(true);
    expect(error.message).toContain(
      "closes a cycle of references through what is not a schema: #/components/callbacks/onEvent → #/components/callbacks/onEvent",
    );
  });

  test("refuses schemas that are only references to each other, naming the chain", async () => {
    const error = await refusal(hostileSpec("ref-loop"));
    expect(error.message).toContain(
      "a chain of references that never reaches a value: #/components/schemas/Ping → #/components/schemas/Pong → #/components/schemas/Ping",
    );
  });
});

describe("loadSpec's positions", () => {
  test("refuses a reference to nothing at its $ref", async () => {
    const path = hostileSpec("missing-target");
    const error = await refusal(path);
    expect(startsAt(error.message, path, "$ref")).toBe(true);
    expect(error.message).toContain("$ref #/components/schemas/Missing: points at nothing");
  });

  test("finds the line of a node of the bundled document in the file it was written in", async () => {
    const loaded = await loadSpec(hostileSpec("circular-split"));
    const entry = "test/fixtures/hostile/circular-split/entry.yaml";
    const items = ["components", "schemas", "Folder", "properties", "entries", "items"];
    const at = loaded.positionOf([...items, "properties", "folder"]);
    expect(startsAt(`${shownPath(at.file)}:${at.line}:${at.column}: `, entry, "folder:")).toBe(true);
    const title = loaded.positionOf("#/info/title");
    expect(
      startsAt(
        `${shownPath(title.file)}:${title.line}:${title.column}: `,
        hostileSpec("circular-split"),
        "title:",
      ),
    ).toBe(true);
  });
});
