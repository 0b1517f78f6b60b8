// What an app ships of the client, bundled here with esbuild as `esbuild --bundle --minify
// --format=esm --platform=browser --splitting` would bundle it, each chunk gzipped (-9) on its own.
// An app that authenticates with a token loads neither the AK/SK signing code, the IAM provider nor
// IAM's validators, and loads the calling engine on its first call, not up front; one that makes a
// client for one operation loads that operation's validators and no others. Both load within a budget
// up front; so does an app of the v2 client, which loads none of v1; the whole entry, every chunk
// counted, has a budget of its own. The figures are printed;
// bench/RESULTS.md keeps them.
import { gzipSync } from "node:zlib";
import { build, type Metafile } from "esbuild";
import { describe, expect, test } from "vitest";

const KB = 1000;
/** What an app that calls one method loads up front. */
const TOKEN_APP_BUDGET = 10 * KB;
/**
 * What a v2 app that calls one method loads up front: v2's validators are larger than v1's (its
 * search request's rules between fields, its filters' two shapes); 12.4 KB measured (bench/RESULTS.md).
 */
const V2_TOKEN_APP_BUDGET = 13 * KB;
/**
 * Every chunk of the whole entry: the generic client for any spec (query, header and cookie
 * parameters, security schemes, form bodies, `raw` with the client's credentials) and IAM's token call
 * on it, request body check included, took it from 14.3 KB to 19.2 KB; the v2 client (its facade,
 * its cursor iterators and its validators) from 19.3 KB to 24.0 KB (bench/RESULTS.md). The entry holds
 * every operation's validators, so it grows with the specs: 2 KB over that leaves room for an ordinary
 * day's spec change (a new operation with a query parameter and patterns added 0.7 KB).
 */
const WHOLE_CLIENT_BUDGET = 26 * KB;

const OPTIONS = `{ endpoint: "https://imagesearch.example", projectId: "p", token: "t" }`;
const CALL = `client.modifyImage({ instanceName: "i", path: "p", tags: {} }).then(console.log);`;
const TOKEN_APP = `
  import { createImageSearchClient } from "./src/client/index.js";
  const client = createImageSearchClient(${OPTIONS});
  ${CALL}
`;
const ONE_OPERATION_APP = `
  import { createImageSearchClientFor } from "./src/client/index.js";
  import { modifyImage } from "./src/client/contracts.js";
  const client = createImageSearchClientFor([modifyImage], ${OPTIONS});
  ${CALL}
`;
const WHOLE_CLIENT = `export * from "./src/client/index.js";`;
const V2_TOKEN_APP = `
  import { createImageSearchV2Client } from "./src/client/index.js";
  const client = createImageSearchV2Client({ endpoint: "https://mms.example", projectId: "p", token: "t" });
  client.checkData({ serviceName: "s", item_id: "i" }).then(console.log);
`;

interface Bundle {
  /** Gzipped bytes of the entry chunk and every chunk it imports statically: what loads with the app. */
  loaded: number;
  /** Gzipped bytes of every chunk, those loaded by an import() on some path included. */
  all: number;
  minified: number;
  chunks: number;
  /** The source files in the chunks that load with the app. */
  loadedInputs: string[];
}

async function bundle(contents: string): Promise<Bundle> {
  const result = await build({
    stdin: { contents, resolveDir: process.cwd(), sourcefile: "app.ts", loader: "ts" },
    bundle: true,
    minify: true,
    format: "esm",
    platform: "browser",
    splitting: true,
    outdir: "bundle",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const gzipped = new Map(
    result.outputFiles.map((file) => [
      file.path.slice(process.cwd().length + 1),
      gzipSync(file.contents, { level: 9 }).length,
    ]),
  );
  const loaded = staticClosure(result.metafile, "bundle/stdin.js");
  const sum = (paths: Iterable<string>) =>
    [...paths].reduce((total, path) => total + (gzipped.get(path) ?? 0), 0);
  return {
    loaded: sum(loaded),
    all: sum(gzipped.keys()),
    minified: result.outputFiles.reduce((total, file) => total + file.contents.length, 0),
    chunks: gzipped.size,
    loadedInputs: [...loaded].flatMap((path) => Object.keys(result.metafile.outputs[path]?.inputs ?? {})),
  };
}

/** The output `entry` and every output it imports with an import statement, transitively. */
function staticClosure(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    for (const imported of metafile.outputs[path]?.imports ?? []) {
      if (imported.kind === "import-statement") visit(imported.path);
    }
  };
  visit(entry);
  return seen;
}

function report(name: string, b: Bundle): string {
  const kb = (bytes: number) => `${(bytes / KB).toFixed(2)} KB (${bytes} B)`;
  return `${name}: ${kb(b.loaded)} gz loaded, ${kb(b.all)} gz in all ${b.chunks} chunk(s), ${kb(b.minified)} minified`;
}

describe("bundle size", () => {
  test("a token app loads no signing code and no IAM, and the calling engine only on its first call, within its budget", async () => {
    const app = await bundle(TOKEN_APP);
    console.log(report("token app, every operation", app));
    const loaded = app.loadedInputs.join("\n");
    expect(loaded).toContain("src/client/create-client.ts");
    expect(loaded).toContain("generated/image-search.validators.ts");
    expect(loaded).not.toMatch(/auth\/signing\.ts|auth\/canonical\.ts|auth\/iam|generated\/iam\./);
    expect(loaded).not.toMatch(/src\/client\/(call|attempt|request|response)\.ts/);
    // The engine and the signing code are there, each in a chunk of its own.
    expect(app.all).toBeGreaterThan(app.loaded);
    expect(app.loaded).toBeLessThanOrEqual(TOKEN_APP_BUDGET);
  });

  test("a token app with a client for one operation ships its validators only, within its budget", async () => {
    const app = await bundle(ONE_OPERATION_APP);
    const every = await bundle(TOKEN_APP);
    console.log(report("token app, modifyImage only", app));
    expect(app.loadedInputs.join("\n")).not.toMatch(/auth\/signing\.ts|auth\/iam|generated\/iam\./);
    // The other operations' validators are left out: what the client for all of them adds.
    expect(every.loaded - app.loaded).toBeGreaterThan(1 * KB);
    expect(app.loaded).toBeLessThanOrEqual(TOKEN_APP_BUDGET);
  });

  test("the whole client, every chunk counted, within its budget", async () => {
    const whole = await bundle(WHOLE_CLIENT);
    console.log(report("whole client", whole));
    expect(whole.loadedInputs.join("\n")).toContain("src/client/auth/iam.ts");
    expect(whole.chunks).toBeGreaterThan(1);
    expect(whole.all).toBeLessThanOrEqual(WHOLE_CLIENT_BUDGET);
  });

  test("a v2 token app loads neither v1's validators, the signing code nor IAM, within its budget", async () => {
    const app = await bundle(V2_TOKEN_APP);
    console.log(report("v2 token app, every operation", app));
    const loaded = app.loadedInputs.join("\n");
    expect(loaded).toContain("generated/image-search-v2.validators.ts");
    expect(loaded).not.toMatch(/generated\/image-search\.|auth\/signing\.ts|auth\/iam|generated\/iam\./);
    expect(app.loaded).toBeLessThanOrEqual(V2_TOKEN_APP_BUDGET);
  });
});
