// The README as a new user reads it: short, its first snippet the example that runs against the
// mock, and every file it or a docs/ page links to there.
import { execFile } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, inject, test } from "vitest";
import { startMock } from "../../tools/mock/server.js";
import { localBin } from "../../tools/shared/bin.mjs";

const run = promisify(execFile);
const README = await readFile("README.md", "utf8");
const PAGES = await pagesWithLinks();

describe("README.md", () => {
  test("is at most 250 lines", () => {
    expect(README.split("\n").length).toBeLessThanOrEqual(250);
  });

  test("its first TypeScript snippet is examples/quickstart.ts, word for word", async () => {
    const snippet = /```ts\n([\s\S]*?)```/.exec(README)?.[1];
    expect(snippet).toBe(await readFile("examples/quickstart.ts", "utf8"));
  });

  test("its second TypeScript snippet is examples/quickstart-v2.ts, word for word", async () => {
    const snippet = [...README.matchAll(/```ts\n([\s\S]*?)```/g)][1]?.[1];
    expect(snippet).toBe(await readFile("examples/quickstart-v2.ts", "utf8"));
  });

  test("the v2 quick start's snippet prints success against the v2 mock", async () => {
    const mock = await startMock({ spec: "spec/image-search-v2.openapi.yaml", port: 0 });
    try {
      const { stdout } = await run(localBin("tsx"), ["examples/quickstart-v2.ts"], {
        env: { ...process.env, IMAGE_SEARCH_ENDPOINT: mock.url },
        timeout: 60_000,
      });
      expect(stdout.trim()).toBe("success");
    } finally {
      await mock.stop();
    }
  }, 120_000);

  test("the quick start's snippet prints Success against the mock", async () => {
    const { stdout } = await run(localBin("tsx"), ["examples/quickstart.ts"], {
      env: { ...process.env, IMAGE_SEARCH_ENDPOINT: inject("mockUrl") },
      timeout: 60_000,
    });
    expect(stdout.trim()).toBe("Success");
  });
});

describe("links to files", () => {
  test.each(PAGES)("%s links only to files that exist", async (page) => {
    const text = await readFile(page, "utf8");
    const targets = [...text.matchAll(/\]\(([^)#\s]+)(#[^)]*)?\)/g)]
      .map((m) => m[1] ?? "")
      .filter((target) => !/^[a-z]+:/.test(target));
    const missing: string[] = [];
    for (const target of targets) {
      const found = await stat(join(dirname(page), target)).catch(() => undefined);
      if (!found) missing.push(target);
    }
    expect(missing).toEqual([]);
  });
});

async function pagesWithLinks(): Promise<string[]> {
  const docs = (await readdir("docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`);
  return ["README.md", ...docs];
}
