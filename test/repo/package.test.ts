// What ships: `npm run build` emits ESM and .d.ts into dist/, the package imports by its own name,
// and nothing on the client's path imports a Node built-in (it must run in browsers).
import { execFile } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
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

// docs/install.md: before it is published, `npm pack` in a clone and install the tarball. The
// package is ESM only; a CommonJS project loads it with import(), or with require() on Node >= 20.19.
describe("the tarball npm pack writes, installed into a new project", () => {
  let project: string;
  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), "installed-"));
    const { stdout } = await run("npm", [
      "pack",
      "--json",
      "--ignore-scripts",
      "--pack-destination",
      project,
    ]);
    const [{ filename }] = JSON.parse(stdout) as [{ filename: string }];
    await writeFile(
      join(project, "package.json"),
      JSON.stringify({ name: "an-app", version: "1.0.0", private: true }),
    );
    await run("npm", ["install", `./${filename}`, "--no-audit", "--no-fund", "--prefer-offline"], {
      cwd: project,
    });
  }, 180_000);
  afterAll(() => (project ? rm(project, { recursive: true, force: true }) : undefined));

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
