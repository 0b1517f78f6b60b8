// The hostile specs of test/fixtures/hostile/ (its README says what each does), and what the tests
// build around them: a copy to change, the place in a file a refusal must name, a server to refer to.
import { readFileSync } from "node:fs";
import { cp, mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { listen } from "../../tools/shared/net.js";

export const HOSTILE = "test/fixtures/hostile";
/** What secret.json holds: no loaded spec, page or output may contain it. */
export const SECRET = JSON.parse(readFileSync(join(HOSTILE, "secret.json"), "utf8")).secret as string;

/** The spec of the fixture folder `name`. */
export function hostileSpec(name: string): string {
  return join(HOSTILE, name, "spec.openapi.yaml");
}

/**
 * `file:line:column` of the `nth` line of `file` that holds `text` (the first unless told), the column
 * where `text` starts: what a message about that node starts with.
 */
export function placeOf(file: string, text: string, nth = 1): string {
  const lines = readFileSync(file, "utf8").split("\n");
  const found = lines.flatMap((line, index) => (line.includes(text) ? [index] : []));
  const index = found[nth - 1];
  if (index === undefined) throw new Error(`${file} has fewer than ${nth} lines with ${text}`);
  return `${file}:${index + 1}:${(lines[index] ?? "").indexOf(text) + 1}`;
}

/** Whether `message` starts with the place of `file` that holds `text` (placeOf), then ": ". */
export function startsAt(message: string, file: string, text: string, nth = 1): boolean {
  return message.startsWith(`${placeOf(file, text, nth)}: `);
}

/** A copy of the fixture folder `name` in a new temporary folder, beside a copy of secret.json. */
export async function copyOfFixture(name: string): Promise<{ root: string; spec: string }> {
  const root = await mkdtemp(join(tmpdir(), "hostile-"));
  await cp(join(HOSTILE, name), join(root, name), { recursive: true });
  await cp(join(HOSTILE, "secret.json"), join(root, "secret.json"));
  return { root, spec: join(root, name, "spec.openapi.yaml") };
}

/** A server that answers every request with a small schema and counts the requests. */
export async function schemaServer(): Promise<{ server: Server; port: number; requests: () => number }> {
  let count = 0;
  const server = createServer((_request, response) => {
    count++;
    response.writeHead(200, { "content-type": "application/yaml" });
    response.end(`type: object\ndescription: ${SECRET}\n`);
  });
  const url = await listen(server, 0);
  return { server, port: Number(new URL(url).port), requests: () => count };
}
