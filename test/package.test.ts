// What ships: `npm run build` emits ESM and .d.ts into dist/, the package imports by its own name,
// and nothing on the client's path imports a Node built-in (it must run in browsers).
import { execFile } from "node:child_process";
import { readdir, readFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { beforeAll, describe, expect, test } from "vitest";

const run = promisify(execFile);

beforeAll(async () => {
  await run("npm", ["run", "build", "--silent"]);
}, 60_000);

async function filesUnder(dir: string, ending: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  return entries.filter((name) => name.endsWith(ending)).map((name) => join(dir, name));
}

describe("the built package", () => {
  test("npm pack ships dist/, the spec and the README, and no tests or fixtures", async () => {
    const { stdout } = await run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"]);
    const files = (JSON.parse(stdout) as { files: { path: string }[] }[])[0]?.files.map((f) => f.path) ?? [];

    expect(files).toEqual(
      expect.arrayContaining(["README.md", "package.json", "dist/src/index.js", "dist/src/index.d.ts"]),
    );
    expect(files.some((f) => f.startsWith("spec/") && f.endsWith(".openapi.yaml"))).toBe(true);
    expect(
      files.filter((f) => !/^(dist\/(src|generated)\/|spec\/|README\.md$|package\.json$)/.test(f)),
    ).toEqual([]);
  });

  test("the version the client reports is the package's", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as { version: string };
    const { VERSION } = await import("../src/version.js");
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
    expect(await packagesImportedFrom("dist/src/index.js")).toEqual(["openapi-fetch"]);
  });

  test("its msw entry needs only its optional peer, msw", async () => {
    const pkg = JSON.parse(await readFile("package.json", "utf8")) as {
      peerDependencies?: Record<string, string>;
      peerDependenciesMeta?: Record<string, { optional?: boolean }>;
    };
    const imported = await packagesImportedFrom("dist/src/msw.js");
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
        const request = new Request("https://imagesearch.cn-north-4.myhuaweicloud.com/v1/p/i/image", {
          method: "PUT",
          headers: { "X-Auth-Token": token, "Content-Type": "application/json", Prefer: prefer },
          body: JSON.stringify({ path: "x", tags: {} }),
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
    const script = `
      import { createImageSearchClient, isImageSearchError } from "huaweicloud-image-search";
      const client = createImageSearchClient({
        endpoint: "https://imagesearch.cn-north-4.myhuaweicloud.com", projectId: "p", token: "t",
        fetch: async () => new Response('{"error_code":"IS.0003","error_msg":"m"}', { status: 400 }),
      });
      const error = await client.modifyImage({ instanceName: "i", path: "x", tags: {} }).catch((e) => e);
      console.log(isImageSearchError(error) ? error.code : "unexpected: " + error);`;
    const { stdout } = await run(process.execPath, ["--input-type=module", "-e", script]);
    expect(stdout.trim()).toBe("IS.0003");
  });

  test("has declarations beside the JavaScript", async () => {
    const declarations = await filesUnder("dist/src", ".d.ts");
    expect(declarations).toContain(join("dist/src", "index.d.ts"));
    expect(await readFile("dist/src/index.d.ts", "utf8")).toContain("createImageSearchClient");
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
