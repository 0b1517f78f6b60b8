// What ships: `npm run build` emits ESM and .d.ts into dist/, the package imports by its own name,
// and nothing on the client's path imports a Node built-in (it must run in browsers).
import { execFile } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { restoreRepoReadme, usePackageReadme } from "../../tools/pack/readme.mjs";
import { exampleRequest, loadSpec, operationById, parameterExample } from "../support/spec.js";

const run = promisify(execFile);

beforeAll(async () => {
  await run("npm", ["run", "build", "--silent"]);
});

/** modifyImage as the spec's examples make it: the calls below are valid, whatever the spec requires. */
const api = await loadSpec();
const modify = exampleRequest(api, "modifyImage");
const modifyInput = {
  ...(JSON.parse(modify.body ?? "{}") as object),
  instanceName: parameterExample(operationById(api, "modifyImage"), "instance_name"),
};

/** A call through the client, given createImageSearchClient and isImageSearchError: prints IS.0003. */
const CLIENT_CALL = `
  const client = createImageSearchClient({
    endpoint: "https://imagesearch.cn-north-4.myhuaweicloud.com", projectId: "p", token: "t",
    fetch: async () => new Response('{"error_code":"IS.0003","error_msg":"m"}', { status: 400 }),
  });
  const error = await client.modifyImage(${JSON.stringify(modifyInput)}).catch((e) => e);
  console.log(isImageSearchError(error) ? error.code : "unexpected: " + error);`;

async function filesUnder(dir: string, ending: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => name.endsWith(ending)).map((name) => join(dir, name));
}

describe("the built package", () => {
  test("npm pack ships the client and the MSW entry, the README and the LICENSE, and nothing else", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"]);
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];

    expect(files).toEqual(
      expect.arrayContaining([
        "LICENSE",
        "README.md",
        "package.json",
        "dist/src/client/index.js",
        "dist/src/client/index.d.ts",
        "dist/src/mock/msw.js",
        "dist/src/mock/msw.d.ts",
      ]),
    );
    expect(
      files.filter((f) => !/^(dist\/(src|generated)\/|README\.md$|LICENSE$|package\.json$)/.test(f)),
    ).toEqual([]);
    // The example checks exist only for tsc; the spec is not the package's to ship.
    expect(files.filter((f) => f.includes("example-checks") || f.startsWith("spec/"))).toEqual([]);
  });

  test("is MIT-licensed in package.json and in a LICENSE file naming its copyright holder", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as { license: string };
    const license = await readFile("LICENSE", "utf8");
    expect(pkg.license).toBe("MIT");
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} huaweicloud-image-search contributors\n/);
    expect(license).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });

  test("the version the client reports is the package's", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as { version: string };
    const { VERSION } = await import("../../src/client/version.js");
    expect(VERSION).toBe(pkg.version);
  });

  test("its only runtime dependency is openapi-fetch (the compiled validators need none)", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as {
      dependencies?: Record<string, string>;
    };
    expect(Object.keys(pkg.dependencies ?? {})).toEqual(["openapi-fetch"]);
    const validators = await readFile("dist/generated/image-search.validators.js", "utf8");
    expect(validators).not.toMatch(/\bimport\b|require\(/);
  });

  test("its main entry reaches no package but openapi-fetch, so msw stays out of apps", async () => {
    expect(await packagesImportedFrom("dist/src/client/index.js")).toEqual(["openapi-fetch"]);
  });

  test("its msw entry needs only its optional peer, msw", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as {
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    const imported = await packagesImportedFrom("dist/src/mock/msw.js");
    expect(imported).toEqual(["msw"]);
    for (const name of imported) {
      expect(pkg.peerDependencies?.[name], name).toBeDefined();
      expect(pkg.peerDependenciesMeta?.[name]?.optional, name).toBe(true);
    }
  });

  test("its msw entry imports by its own name and answers from the spec's examples and mapping", async () => {
    const script = `
      import { getResponse } from "msw";
      import { createImageSearchHandlers } from "huaweicloud-image-search/msw";
      const handlers = createImageSearchHandlers();
      for (const [token, prefer] of [["t", "code=400, example=path-invalid"], ["", "code=200"]]) {
        const request = new Request("https://imagesearch.cn-north-4.myhuaweicloud.com${modify.path}", {
          method: "${modify.method}",
          headers: { "X-Auth-Token": token, "Content-Type": "application/json", Prefer: prefer },
          body: ${JSON.stringify(modify.body)},
        });
        const response = await getResponse(handlers, request);
        console.log(response.status, await response.text());
      }`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
    expect(stdout.trim().split("\n")).toEqual([
      '400 {"error_code":"IS.0016","error_msg":"The path is invalid."}',
      '400 {"error_code":"IS.0013","error_msg":"The token is empty."}',
    ]);
  });

  test("imports by its own name and works", async () => {
    const script = `import { createImageSearchClient, isImageSearchError } from "huaweicloud-image-search";\n${CLIENT_CALL}`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
    expect(stdout.trim()).toBe("IS.0003");
  });

  test("its operations entry imports by its own name, for a client of some operations", async () => {
    const script = `import { createImageSearchClientFor, isImageSearchError } from "huaweicloud-image-search";
      import { modifyImage } from "huaweicloud-image-search/operations";
      const createImageSearchClient = (options) => createImageSearchClientFor([modifyImage], options);\n${CLIENT_CALL}`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
    expect(stdout.trim()).toBe("IS.0003");
    expect(await packagesImportedFrom("dist/src/client/contracts.js")).toEqual([]);
  });

  test("its v2 client and v2 operations entry import by their own names", async () => {
    const script = `import { createImageSearchV2ClientFor, isImageSearchError } from "huaweicloud-image-search";
      import { checkData } from "huaweicloud-image-search/v2/operations";
      const client = createImageSearchV2ClientFor([checkData], {
        endpoint: "https://mms.cn-north-4.myhuaweicloud.com", projectId: "p", token: "t",
        fetch: async () => new Response('{"error_code":"MMS.0003","error_msg":"m"}', { status: 400 }),
      });
      const error = await client.checkData({ serviceName: "s", item_id: "i" }).catch((e) => e);
      console.log(isImageSearchError(error) ? error.code : "unexpected: " + error);`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
    expect(stdout.trim()).toBe("MMS.0003");
    expect(await packagesImportedFrom("dist/src/client/contracts-v2.js")).toEqual([]);
  });

  test("has declarations beside the JavaScript", async () => {
    const declarations = await filesUnder("dist/src", ".d.ts");
    expect(declarations).toContain(join("dist/src", "client", "index.d.ts"));
    expect(await readFile("dist/src/client/index.d.ts", "utf8")).toContain("createImageSearchClient");
  });

  test("imports no Node built-in on the client's path", async () => {
    const files = [...(await filesUnder("dist/src", ".js")), ...(await filesUnder("dist/generated", ".js"))];
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const code = await readFile(file, "utf8");
      expect(code, file).not.toMatch(
        /from\s+["']node:|require\(|from\s+["'](fs|path|http|https|util|crypto)["']/,
      );
    }
  });
});

/** Every package (bare specifier) the module imports, following its relative imports, sorted. */
async function packagesImportedFrom(entry: string): Promise<string[]> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = async (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = await readFile(file, "utf8");
    for (const [, specifier] of code.matchAll(
      /(?:^|\n)\s*(?:import|export)\b[^"']*?from\s*["']([^"']+)["']/g,
    )) {
      if (!specifier) continue;
      if (specifier.startsWith(".")) await visit(resolve(dirname(file), specifier));
      else packages.add(specifier);
    }
  };
  await visit(resolve(entry));
  return [...packages].sort();
}

describe("the README npm pack ships", () => {
  test("is docs/package-readme.md while packing, and the repository's again after", async () => {
    const root = await mkdtemp(join(tmpdir(), "pack-readme-"));
    try {
      await mkdir(join(root, "docs"));
      await writeFile(join(root, "README.md"), "# the repository\n");
      await writeFile(join(root, "docs", "package-readme.md"), "# the package\n");
      usePackageReadme(root);
      expect(await readFile(join(root, "README.md"), "utf8")).toBe("# the package\n");
      // A second prepack after a pack that failed keeps the repository's README, not the package's.
      usePackageReadme(root);
      restoreRepoReadme(root);
      expect(await readFile(join(root, "README.md"), "utf8")).toBe("# the repository\n");
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  test("is what package.json's prepack and postpack put in place", async () => {
    const { scripts } = JSON.parse(await readFile("package.json", "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(scripts.prepack).toContain("node tools/pack/readme.mjs package");
    expect(scripts.postpack).toBe("node tools/pack/readme.mjs repo");
  });

  test("is a consumer's page: install, a call, errors, MSW and the options, and no repository command", async () => {
    const page = await readFile("docs/package-readme.md", "utf8");
    for (const heading of ["## Install", "## A call", "## Errors", "## Mocking with MSW", "## Options"]) {
      expect(page).toContain(heading);
    }
    expect(page).not.toMatch(/npm (ci|start|test|run)\b|\]\(docs\//);
  });
});

// docs/install.md: before it is published, `npm pack` in a clone and install the tarball. The
// package is ESM only; a CommonJS project loads it with import(), or with require() on Node >= 20.19.
describe("the tarball npm pack writes, installed into a new project", () => {
  let project: string;
  let stage: string;
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "installed-"));
    // Packed from a copy, so that the README swap of prepack (here run as prepack runs it, the build
    // being done above) never touches the README other tests read.
    stage = await mkdtemp(join(tmpdir(), "packed-"));
    for (const entry of [
      "package.json",
      "LICENSE",
      "README.md",
      "docs/package-readme.md",
      "tools/pack",
      "dist",
    ]) {
      await cp(entry, join(stage, entry), { recursive: true });
    }
    await run(process.execPath, [join(stage, "tools/pack/readme.mjs"), "package"]);
    const { stdout } = await run(
      "npm",
      ["pack", "--json", "--ignore-scripts", "--pack-destination", project],
      {
        cwd: stage,
      },
    );
    const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "an-app", version: "1.0.0", private: true }),
    );
    await run("npm", ["install", `./${filename}`, "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: project,
    });
  }, 180_000);
  afterAll(async () => {
    for (const dir of [project, stage]) if (dir) await rm(dir, { recursive: true, force: true });
  });

  test("ships the package's README, not the repository's", async () => {
    const shipped = await readFile(join(project, "node_modules/huaweicloud-image-search/README.md"), "utf8");
    expect(shipped).toBe(await readFile("docs/package-readme.md", "utf8"));
  });

  async function node(file: string, code: string): Promise<string> {
    await writeFile(join(project, file), code);
    const { stdout } = await run(process.execPath, [file], { cwd: project });
    return stdout.trim();
  }

  test("imports by its name from an ES module and works", async () => {
    const code = `import { createImageSearchClient, isImageSearchError } from "huaweicloud-image-search";\n${CLIENT_CALL}`;
    expect(await node("app.mjs", code)).toBe("IS.0003");
  });

  test("loads from a CommonJS module with import()", async () => {
    const code = `(async () => {
      const { createImageSearchClient, isImageSearchError } = await import("huaweicloud-image-search");
      ${CLIENT_CALL}
    })();`;
    expect(await node("app.cjs", code)).toBe("IS.0003");
  });

  test("loads from a CommonJS module with require() on this Node", async () => {
    const code = `const { createImageSearchClient, isImageSearchError } = require("huaweicloud-image-search");
      (async () => {${CLIENT_CALL}})();`;
    expect(await node("required.cjs", code)).toBe("IS.0003");
  });

  test("exports the spec's named schema types by name, for TypeScript", async () => {
    await writeFile(
      join(project, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          module: "nodenext",
          moduleResolution: "nodenext",
          strict: true,
          noEmit: true,
          skipLibCheck: false,
        },
        files: ["types.mts"],
      }),
    );
    await writeFile(
      join(project, "types.mts"),
      `import type { Schema, SchemaImageTags, SchemaModifyImageRequest } from "huaweicloud-image-search";
      const tags: SchemaImageTags = { "test-tags": "test-image" };
      const request: SchemaModifyImageRequest = { path: "p", tags };
      const same: Schema<"ModifyImageRequest"> = request;
      // @ts-expect-error a field the schema does not have
      const wrong: SchemaModifyImageRequest = { path: "p", tags, nope: 1 };
      export { same, wrong };\n`,
    );
    const tsc = resolve("node_modules/typescript/bin/tsc");
    const result = await run(process.execPath, [tsc, "-p", project]).then(
      () => "",
      (error: { stdout: string }) => error.stdout,
    );
    expect(result).toBe("");
  }, 60_000);

  test("brings its one runtime dependency, and no dev tool", async () => {
    const { stdout } = await run("npm", ["ls", "--all", "--parseable"], { cwd: project });
    const installed = stdout
      .split("\n")
      .filter((line) => line.includes("node_modules"))
      .map((line) => line.slice(line.lastIndexOf("node_modules/") + "node_modules/".length))
      .sort();
    expect(installed).toEqual(["huaweicloud-image-search", "openapi-fetch", "openapi-typescript-helpers"]);
  });
});
