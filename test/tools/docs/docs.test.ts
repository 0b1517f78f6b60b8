// `npm run docs` relays Redocly's output less the one notice it prints on every run under Node 20.
import { Readable } from "node:stream";
import { describe, expect, test } from "vitest";
import { relayWithoutNode20Notice } from "../../../tools/docs/docs.js";

// Redocly CLI's own output under Node 20, as it prints it.
const OUTPUT = [
  "",
  "    ╔═════════════════════════════════════════════════════════╗",
  "    ║  Deprecation warning: Node.js 20 support is ending      ║",
  "    ║  Node.js 20 reached end-of-life on April 30, 2026.      ║",
  "    ╚═════════════════════════════════════════════════════════╝",
  "",
  "    ╔═════════════════════════════════════════════╗",
  "    ║  build-docs now renders docs with Redoc 3.  ║",
  "    ╚═════════════════════════════════════════════╝",
  "",
  "Prerendering docs",
  "🎉 bundled successfully in: docs/index.html",
];

async function relayed(lines: string[]): Promise<string> {
  let text = "";
  await relayWithoutNode20Notice(Readable.from([`${lines.join("\n")}\n`]), (chunk) => {
    text += chunk;
  });
  return text;
}

describe("npm run docs's relay of Redocly's output", () => {
  test("drops the Node 20 end-of-life box and the blank line after it", async () => {
    expect(await relayed(OUTPUT)).toBe(`\n${OUTPUT.slice(6).join("\n")}\n`);
  });

  test("passes every other line and box through unchanged", async () => {
    const others = OUTPUT.slice(5);
    expect(await relayed(others)).toBe(`${others.join("\n")}\n`);
  });
});
