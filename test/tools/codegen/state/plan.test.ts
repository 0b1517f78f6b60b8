// The stateful plan the generator writes: a declaration that points at what the spec no longer has
// fails naming its line; a field renamed in an inferred resource flows into the answers; an answer
// carries only what its schema declares. Each spec is changed by parsing it and written to a
// temporary folder.
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { parse, stringify } from "yaml";
import { createStatefulMock } from "../../../../src/mock/stateful.js";
import { specModules } from "../../../../tools/codegen/generate.js";
import { loadGenerated } from "../../../../tools/mock/generated-modules.js";
import { SPEC_PATH } from "../../../support/spec.js";

const V2_SPEC = "spec/image-search-v2.openapi.yaml";

/** Each test compiles a spec: a limit that only catches a hang, on a loaded machine. */
const COMPILES = 120_000;
const PETSTORE = "node_modules/@readme/oas-examples/3.0/json/petstore-expanded.json";
let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "state-plan-"));
});
afterAll(() => rm(folder, { recursive: true, force: true }));

/** A spec (the Image Search v1 one unless `path` says), parsed, changed by `edit`, written beside the others. */
async function editedSpec(
  name: string,
  // biome-ignore lint/suspicious/noExplicitAny: a parsed spec is edited by its paths, as a reader writes them
  edit: (spec: Record<string, any>) => void,
  path = SPEC_PATH,
): Promise<string> {
  const spec = parse(await readFile(path, "utf8"));
  edit(spec);
  const file = join(folder, `${name}.openapi.yaml`);
  await writeFile(file, stringify(spec));
  return file;
}

describe("a declaration that points at what the spec no longer has", () => {
  test(
    "a renamed response field (SearchMatch.sim → similarity) fails generate naming the rank's line",
    async () => {
      const file = await editedSpec("renamed-sim", (spec) => {
        const match = spec.components.schemas.SearchMatch.properties;
        match.similarity = match.sim;
        delete match.sim;
      });

      const error = await specModules(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      const message = error instanceof Error ? error.message : "";
      const line = Number(/renamed-sim\.openapi\.yaml:(\d+):\d+: /.exec(message)?.[1]);

      expect(message).toMatch(
        /x-mock-state of searchImages: \/sim is no field of searchImages's 200 response/,
      );
      expect((await readFile(file, "utf8")).split("\n")[line - 1]).toMatch(/score/);
    },
    COMPILES,
  );

  test(
    "a removed request field (the create's description) fails naming the item source's line",
    async () => {
      const file = await editedSpec("no-description", (spec) => {
        delete spec.components.schemas.CreateInstanceRequest.properties.description;
      });

      await expect(specModules(file)).rejects.toThrow(
        /no-description\.openapi\.yaml:\d+:\d+: x-mock-state of createInstance: \/description is no field of createInstance's request body/,
      );
    },
    COMPILES,
  );

  test(
    "a parent parameter the path no longer has fails naming it",
    async () => {
      const file = await editedSpec("no-parent", (spec) => {
        spec.paths["/v1/{project_id}/{instance_name}/image"].post["x-mock-state"].parent.param = "library";
      });

      await expect(specModules(file)).rejects.toThrow(
        /x-mock-state of addImage: library is no path parameter/,
      );
    },
    COMPILES,
  );

  test(
    "an error example the operation does not document fails naming it",
    async () => {
      const file = await editedSpec("no-example", (spec) => {
        spec.paths["/v1/{project_id}/service/{instance_name}"].get["x-mock-state"].errors.missing = "gone";
      });

      await expect(specModules(file)).rejects.toThrow(
        /x-mock-state of getInstance: the operation documents no example named gone/,
      );
    },
    COMPILES,
  );
});

describe("a declaration of the v2 spec's vocabulary that points at what the spec no longer has", () => {
  const DATA = "/v2/{project_id}/mms/{service_name}/data";

  test(
    "a renamed cursor field (SearchAfter.id → key) fails naming the unkeyed search's page line",
    async () => {
      const file = await editedSpec(
        "v2-renamed-cursor",
        (spec) => {
          const after = spec.components.schemas.SearchAfter.properties;
          after.key = after.id;
          delete after.id;
        },
        V2_SPEC,
      );

      const error = await specModules(file).then(
        () => undefined,
        (e: unknown) => e,
      );
      const message = error instanceof Error ? error.message : "";
      const line = Number(/v2-renamed-cursor\.openapi\.yaml:(\d+):\d+: /.exec(message)?.[1]);

      expect(message).toMatch(
        /x-mock-state of checkData: \/last_item\/id is no field of checkData's request body/,
      );
      expect((await readFile(file, "utf8")).split("\n")[line - 1]).toMatch(/after/);
    },
    COMPILES,
  );

  test(
    "a match rule the engine does not know fails naming it",
    async () => {
      const file = await editedSpec(
        "v2-unknown-rule",
        (spec) => {
          spec.paths[`${DATA}/delete`].post["x-mock-state"].unkeyed.search.match[0].rule = "fuzzy";
        },
        V2_SPEC,
      );

      await expect(specModules(file)).rejects.toThrow(
        /x-mock-state of deleteData: rule must be one of contains, any, range/,
      );
    },
    COMPILES,
  );
});

describe("an inferred resource", () => {
  test(
    "a response field renamed (NewPet.tag → label) flows into the stateful answers",
    async () => {
      const spec = JSON.parse(await readFile(PETSTORE, "utf8"));
      const newPet = spec.components.schemas.NewPet.properties;
      newPet.label = newPet.tag;
      delete newPet.tag;
      const file = join(folder, "petstore-label.json");
      await writeFile(file, JSON.stringify(spec));
      const mock = createStatefulMock(await loadGenerated(file));

      const created = mock.answer({ operationId: "addPet", params: {}, body: { name: "rex", label: "dog" } });

      expect(created).toEqual({ status: 200, body: { id: 1, name: "rex", label: "dog" } });
    },
    COMPILES,
  );

  test(
    "a stateful answer carries only the properties its schema declares",
    async () => {
      const mock = createStatefulMock(await loadGenerated(PETSTORE));

      mock.answer({ operationId: "addPet", params: {}, body: { name: "rex", owner: "me" } });
      const read = mock.answer({ operationId: "find pet by id", params: { id: "1" }, body: undefined });

      expect(read).toEqual({ status: 200, body: { id: 1, name: "rex" } });
    },
    COMPILES,
  );
});

describe("a new operation beside declared ones", () => {
  test(
    "GET on the instances' collection is inferred as the list of the declared instances, per project",
    async () => {
      const file = await editedSpec("list-instances", (spec) => {
        const create = spec.paths["/v1/{project_id}/service"].post;
        spec.paths["/v1/{project_id}/service"].get = {
          operationId: "listInstances",
          parameters: create.parameters,
          responses: {
            "200": {
              description: "Inferred: the project's instances.",
              content: {
                "application/json": {
                  schema: { type: "array", items: { $ref: "#/components/schemas/InstanceDetails" } },
                },
              },
            },
          },
        };
      });
      const generated = await loadGenerated(file);
      const mock = createStatefulMock(generated);
      const project = { project_id: "p" };
      mock.answer({
        operationId: "createInstance",
        params: project,
        body: { name: "lib", model: "common-search" },
      });

      expect(generated.state?.operations.listInstances).toMatchObject({ role: "list", resource: "instance" });
      expect(mock.answer({ operationId: "listInstances", params: project, body: undefined })).toMatchObject({
        status: 200,
        body: [{ instanceName: "lib" }],
      });
      expect(
        mock.answer({ operationId: "listInstances", params: { project_id: "q" }, body: undefined }),
      ).toEqual({
        status: 200,
        body: [],
      });
    },
    COMPILES,
  );

  test(
    "GET on the collection that lists names, not instances, is left to its examples, saying why",
    async () => {
      const file = await editedSpec("list-instance-names", (spec) => {
        const create = spec.paths["/v1/{project_id}/service"].post;
        const names = {
          type: "object",
          properties: { instances: { type: "array", items: { type: "string" } } },
        };
        spec.paths["/v1/{project_id}/service"].get = {
          operationId: "listInstances",
          parameters: create.parameters,
          responses: {
            "200": {
              description: "Inferred: the names of the project's instances.",
              content: { "application/json": { schema: names, example: { instances: ["lib"] } } },
            },
          },
        };
      });
      const generated = await loadGenerated(file);

      expect(generated.state?.operations.listInstances).toBeUndefined();
      expect(generated.state?.stateless.listInstances).toMatch(/holds string values/);
      expect(generated.state?.operations.createInstance).toBeDefined();
    },
    COMPILES,
  );
});
