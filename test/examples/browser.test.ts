// The client, the mock and the API reference in a real browser: a Chromium (CHROMIUM_PATH, else the
// first usual name on PATH; see test/support/chromium.ts) driven by playwright-core, launched once for
// this file. Without one, the file fails saying how to get one; SKIP_BROWSER_TESTS=1 skips it, saying
// so. What the page and the reference must show is derived from the spec, parsed here.
import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, test } from "vitest";
import { type ServedExample, serveExample } from "../../examples/browser/serve.js";
import { type RunningMock, startMock } from "../../tools/mock/server.js";
import { localBin } from "../../tools/shared/bin.mjs";
import { freePort } from "../../tools/shared/net.js";
import { findChromium } from "../support/chromium.js";
import { TEST_TOKEN } from "../support/secrets.js";
import { jsonRequest, jsonResponse, loadSpec, namedExamples, operationById } from "../support/spec.js";

// Without the background-networking flags Chromium stalls on connections a closed network refuses.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
const SCREENSHOT = "test-results/browser.png";
const REFERENCE_SCREENSHOT = "test-results/reference.png";
const run = promisify(execFile);

const api = await loadSpec();
const modifyImage = operationById(api, "modifyImage");
const STATUSES = ["200", "400"] as const;
const scenarios = STATUSES.flatMap((status) =>
  namedExamples(jsonResponse(modifyImage, status)).map((example) => ({ status, ...example })),
);
const errorScenario = scenarios.find((s) => s.status === "400");
if (!errorScenario) throw new Error("the spec has no named 400 example");

const found = findChromium();
// The default reporter prints counts only; this line says why the browser tests were skipped.
if (found.kind === "skipped") console.warn(`Browser tests skipped: ${found.reason}.`);
const suite = found.kind === "skipped" ? `in Chromium (skipped: ${found.reason})` : "in Chromium";

if (found.kind === "missing") {
  test("the browser tests have a Chromium to run in", () => {
    throw new Error(found.message);
  });
}

describe.runIf(found.kind === "found")(suite, () => {
  let browser: Browser;
  // A fresh profile per launch: playwright gives Chromium a new temporary --user-data-dir.
  beforeAll(async () => {
    const executablePath = found.kind === "found" ? found.path : "";
    browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  });
  afterAll(() => browser?.close());

  describe("the example page", () => {
    let example: ServedExample;
    let library: RunningMock;
    let context: BrowserContext;
    let page: Page;
    const preflights: { url: string; status: number; headers: Record<string, string> }[] = [];
    const tokensSent: string[] = [];

    beforeAll(async () => {
      example = await serveExample({ port: await freePort() });
      library = await startMock({ port: 0, stateful: true });
      // No routing here: playwright would answer CORS preflights itself, hiding the mock's answer.
      context = await browser.newContext({ viewport: { width: 900, height: 560 } });
      page = await context.newPage();
      // Chromium reports preflights only through the DevTools protocol, not playwright's events.
      const cdp = await context.newCDPSession(page);
      const optionsRequests = new Map<string, string>();
      cdp.on("Network.requestWillBeSent", ({ requestId, request }) => {
        if (request.method === "OPTIONS") optionsRequests.set(requestId, request.url);
      });
      cdp.on("Network.responseReceived", ({ requestId, response }) => {
        const url = optionsRequests.get(requestId);
        if (url) preflights.push({ url, status: response.status, headers: lowerCaseKeys(response.headers) });
      });
      await cdp.send("Network.enable");
      page.on("request", (request) => {
        if (request.method() === "PUT") tokensSent.push(request.headers()["x-auth-token"] ?? "");
      });
      const mocks = new URLSearchParams({ mock: inject("mockUrl"), library: library.url });
      await page.goto(`${example.url}/?${mocks}`);
      await page.fill("#token", TEST_TOKEN);
    });

    afterAll(async () => {
      await context?.close();
      await example?.stop();
      await library?.stop();
    });

    async function call(scenario: {
      status: string;
      name: string;
    }): Promise<{ state: string; text: string }> {
      const calls = Number(await page.getAttribute("#result", "data-calls"));
      await page.selectOption("#scenario", `code=${scenario.status}, example=${scenario.name}`);
      await page.click("button[type=submit]");
      await page.waitForSelector(`#result[data-calls="${calls + 1}"]`);
      return {
        state: (await page.getAttribute("#result", "data-state")) ?? "",
        text: (await page.textContent("#result")) ?? "",
      };
    }

    test("is served from another origin than the mock", () => {
      expect(new URL(example.url).origin).not.toBe(new URL(inject("mockUrl")).origin);
    });

    test("offers every named response example of the spec as a scenario, in spec order", async () => {
      const options = await page.$$eval("#scenario option", (all) =>
        all.map((o) => (o as HTMLOptionElement).value),
      );
      expect(options).toEqual(scenarios.map((s) => `code=${s.status}, example=${s.name}`));
    });

    test("shows the success result, after a CORS preflight the mock answered for PUT, X-Auth-Token and Content-Type", async () => {
      const success = scenarios[0];
      if (!success) throw new Error("the spec has no 200 example");
      const shown = await call(success);

      expect(shown.state).toBe("success");
      expect(shown.text).toContain(`200 ${(success.value as { result: string }).result}`);
      const preflight = preflights[0];
      expect(preflight?.url).toMatch(/\/v1\/[^/]+\/[^/]+\/image$/);
      expect(preflight?.status).toBeGreaterThanOrEqual(200);
      expect(preflight?.status).toBeLessThan(300);
      expect(preflight?.headers["access-control-allow-origin"]).toMatch(new RegExp(`^(\\*|${example.url})$`));
      expect(allowed(preflight?.headers["access-control-allow-methods"])).toContain("put");
      expect(allowed(preflight?.headers["access-control-allow-headers"])).toEqual(
        expect.arrayContaining(["x-auth-token", "content-type", "prefer"]),
      );
    });

    test.for(titled(scenarios.filter((s) => s.status === "400")))(
      "shows the error state %s",
      async ([, scenario]) => {
        const { error_code, error_msg } = scenario.value as { error_code: string; error_msg: string };
        const shown = await call(scenario);

        expect(shown.state).toBe("error");
        expect(shown.text).toContain(`Prefer: code=400, example=${scenario.name}`);
        expect(shown.text).toContain(`400 ${error_code}`);
        expect(shown.text).toContain(error_msg);
      },
    );

    test("adds an image, finds it by its tag, deletes it and sees it gone, against the stateful mock", async () => {
      await page.click("#library button[type=submit]");
      await page.waitForSelector('#library-result:is([data-state="success"], [data-state="failure"])');

      expect(await page.getAttribute("#library-result", "data-state")).toBe("success");
      expect((await page.textContent("#library-result"))?.split("\n")).toEqual([
        "created instance library",
        "added cat.jpg with kind=cat",
        "search kind=cat: 1 found, first https://bucketName.obs.myhuaweicloud.com/image/cat.jpg",
        "deleted cat.jpg",
        "check cat.jpg: exist false",
      ]);
    });

    test("sends the token it was given and never shows it", async () => {
      expect(tokensSent.length).toBeGreaterThan(0);
      // Compared as booleans so that a failure cannot print the token.
      expect(tokensSent.every((t) => t === TEST_TOKEN)).toBe(true);
      expect((await page.content()).includes(TEST_TOKEN)).toBe(false);
    });

    test(`leaves a screenshot of an error state in ${SCREENSHOT}`, async () => {
      await call(errorScenario);
      await mkdir("test-results", { recursive: true });
      await page.screenshot({ path: SCREENSHOT });

      const png = await readFile(SCREENSHOT);
      expect(png.subarray(1, 4).toString()).toBe("PNG");
    });
  });

  describe("the API reference written by npm run docs", () => {
    let work: string;
    let printed: string;
    let logged: string;
    let context: BrowserContext;
    let page: Page;
    const reachedNetwork: string[] = [];
    const refused: { url: string; reason: string }[] = [];
    const attempted: string[] = [];

    beforeAll(async () => {
      work = await mkdtemp(join(tmpdir(), "docs-"));
      const out = join(work, "index.html");
      const { stdout, stderr } = await run(localBin("tsx"), ["tools/docs/docs.ts", "--out", out]);
      printed = stdout.trim().split("\n").at(-1) ?? "";
      logged = stderr;
      context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      // Offline: anything but the file itself is cut off before it reaches the network.
      await context.route("**/*", (route) => {
        const url = route.request().url();
        if (url.startsWith("file:")) return route.continue();
        reachedNetwork.push(url);
        return route.abort("blockedbyclient");
      });
      page = await context.newPage();
      // Every request the page starts, whether routing, its policy or the network then stops it.
      page.on("request", (r) => attempted.push(r.url()));
      page.on("requestfailed", (r) => refused.push({ url: r.url(), reason: r.failure()?.errorText ?? "" }));
      await page.goto(`${pathToFileURL(out).href}#/images/${modifyImage.operationId?.toLowerCase()}`);
      await page.getByRole("heading", { name: modifyImage.summary ?? "" }).waitFor();
    });

    afterAll(async () => {
      await context?.close();
      if (work) await rm(work, { recursive: true, force: true });
    });

    test("prints the path of the file it wrote as its last line, and no Node.js end-of-life notice", () => {
      expect(printed).toBe(join(work, "index.html"));
      expect(logged).toContain("bundled successfully");
      expect(logged).not.toMatch(/end-of-life|support is ending/);
    });

    test("attempts no request at all beyond its own file, the logo included", async () => {
      // The attribution logo appears after Redoc mounts; give it the time to ask for anything.
      await page.getByText("API docs by").waitFor();
      await page.waitForTimeout(500);
      expect(attempted.filter((url) => !url.startsWith("file:") && !url.startsWith("data:"))).toEqual([]);
      expect(attempted.length).toBeGreaterThan(0);
    });

    test("loads nothing from the network: no request leaves the page, its own policy refuses any", () => {
      expect(reachedNetwork).toEqual([]);
      for (const { url, reason } of refused.filter((r) => !r.url.startsWith("file:"))) {
        expect(reason, url).toBe("csp");
      }
    });

    // Redoc renders every operation on one page; each test looks inside modifyImage's own section.
    const section = () => page.locator(`[id="images/${modifyImage.operationId?.toLowerCase()}"]`);

    test("shows the operation: method, path and summary", async () => {
      const path = Object.entries(api.paths).find(([, item]) => item?.put === modifyImage)?.[0];
      await expect
        .poll(() =>
          section()
            .getByText(path ?? "", { exact: true })
            .count(),
        )
        .toBeGreaterThan(0);
      expect(await section().getByText("PUT", { exact: true }).count()).toBeGreaterThan(0);
      expect(
        await section()
          .getByRole("heading", { name: modifyImage.summary ?? "" })
          .count(),
      ).toBe(1);
    });

    test("shows every parameter of the operation", async () => {
      const names = (modifyImage.parameters ?? []).map((p) => (p as { name: string }).name);
      expect(names.length).toBeGreaterThan(0);
      const text = await visibleText(section());
      for (const name of names) expect(text, name).toContain(name);
    });

    // Redoc's sample panels (request payload, response); found by their own content, not by class.
    const panel = (containing: string) =>
      section().locator('[data-component-name="Panel/Panel"]', {
        has: page.getByText(containing, { exact: true }),
      });

    /** Picks the sample language every operation's request panel shows (Redoc keeps one choice for all). */
    async function chooseSample(within: Locator, label: string): Promise<void> {
      await within
        .locator('button[aria-haspopup="menu"]', { hasText: /^(curl|TypeScript client|Payload)$/ })
        .first()
        .click();
      await page.getByRole("menuitem", { name: label, exact: true }).click();
    }

    test("shows the request body's named example", async () => {
      const examples = namedExamples(jsonRequest(modifyImage));
      expect(examples.length).toBe(1);
      await chooseSample(section(), "Payload");
      const text = await visibleText(panel("Payload"));
      for (const leaf of leaves(examples[0]?.value)) expect(text).toContain(leaf);
    });

    test.each(STATUSES)("shows the %s response and its description", async (status) => {
      const response = modifyImage.responses[status] as { description: string };
      await section().getByRole("tab", { name: status, exact: true }).click();
      const text = await visibleText(section());
      expect(text).toContain(response.description.trim().split("\n")[0]);
    });

    test.for(titled(scenarios))("shows the example %s, labelled by its whole name", async ([, scenario]) => {
      await section().getByRole("tab", { name: scenario.status, exact: true }).click();
      const count = namedExamples(jsonResponse(modifyImage, scenario.status)).length;
      // With one example there is nothing to choose; with several, Redoc lists them by label: the
      // example's name, which is what `Prefer: example=NAME` takes.
      if (count > 1) {
        await section().getByRole("button", { name: "Example" }).click();
        await page.getByRole("menuitem", { name: scenario.name, exact: true }).click();
      }
      const text = await visibleText(panel("Response"));
      for (const leaf of leaves(scenario.value)) expect(text).toContain(leaf);
    });

    // Each operation's section, by Redoc's id for it: `<tag>/<operationId in lower case>`.
    const operations = Object.entries(api.paths).flatMap(([path, item]) =>
      (["get", "put", "post", "delete", "patch"] as const).flatMap((method) => {
        const operation = item?.[method];
        return operation ? [{ path, method, operation }] : [];
      }),
    );
    const sectionOf = (operation: (typeof operations)[number]["operation"]) =>
      page.locator(`[id="${operation.tags?.[0]?.toLowerCase()}/${operation.operationId?.toLowerCase()}"]`);

    test("shows a curl and a TypeScript client sample for every operation", async () => {
      expect(operations.length).toBeGreaterThan(1);
      for (const [label, expected] of [
        ["curl", ({ method }: (typeof operations)[number]) => `curl -X ${method.toUpperCase()} `],
        [
          "TypeScript client",
          ({ operation }: (typeof operations)[number]) => `client.${operation.operationId}(`,
        ],
      ] as const) {
        for (const entry of operations) {
          const { operation } = entry;
          await page.goto(
            `${page.url().split("#")[0]}#/${operation.tags?.[0]?.toLowerCase()}/${operation.operationId?.toLowerCase()}`,
          );
          await sectionOf(operation)
            .getByRole("heading", { name: operation.summary ?? "" })
            .waitFor();
          if (entry === operations[0]) await chooseSample(sectionOf(operation), label);
          const code = sectionOf(operation).locator("pre", { hasText: expected(entry) });
          await code.first().waitFor();
          expect(await code.count(), `${label} of ${operation.operationId}`).toBeGreaterThan(0);
        }
      }
      await page.screenshot({ path: REFERENCE_SCREENSHOT });
    }, 120_000);

    test("shows authentication and mocking up front: Prefer and the stateful mode", async () => {
      await page.goto(page.url().split("#")[0] ?? "");
      await page.getByRole("heading", { name: "Mocking" }).first().waitFor();
      const text = await visibleText(page.locator("body"));
      expect(text).toContain("Authentication");
      expect(text).toMatch(/Prefer: code=\d{3}, example=[\w-]+/);
      expect(text).toContain("--stateful");
    });

    test("shows none of the mock's grammar: no x-mock-answers-violation, rendered or in the file", async () => {
      const html = await readFile(join(work, "index.html"), "utf8");
      expect(html).not.toContain("x-mock-answers-violation");
      // The spec's own descriptions explain the grammar: what the reference must leave out.
      expect(JSON.stringify(api.components?.responses ?? {})).toContain("x-mock-answers-violation");
      expect(await visibleText(page.locator("body"))).not.toContain("x-mock-answers-violation");
    });
  });
});

/** The text a reader sees: rendered, with hidden parts left out, which textContent would include. */
function visibleText(target: { innerText(): Promise<string> }): Promise<string> {
  return target.innerText();
}

/** Pairs each scenario with a plain title, `400 token-empty`, for test names. */
function titled<T extends { status: string; name: string }>(list: T[]): [string, T][] {
  return list.map((s) => [`${s.status} ${s.name}`, s]);
}

/** `"PUT, x-auth-token"` → `["put", "x-auth-token"]`. */
function allowed(header: string | undefined): string[] {
  return (header ?? "").split(",").map((s) => s.trim().toLowerCase());
}

function lowerCaseKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Every string and number in a JSON value, as the reference prints them. */
function leaves(value: unknown): string[] {
  if (typeof value === "string" || typeof value === "number") return [String(value)];
  if (value && typeof value === "object") {
    return Object.entries(value).flatMap(([key, inner]) => [key, ...leaves(inner)]);
  }
  return [];
}
