// The hostile specs of test/fixtures/hostile/ (its README says what each does), and what the tests
// build around them: a copy to change, the place in a file a refusal must name, a server to refer to.
import { readFileSync } from "node:fs";
import { cp, mkdtemp, open, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { listen } from "../../tools/shared/net.js";
import { DEFAULT_LIMITS } from "../../tools/shared/spec-text.js";

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

/**
 * The hostile specs that cannot be files of the repo, built in a new temporary folder: one whose schema
 * is a symbolic link out of its folder, and one a byte over the size limit.
 */
export async function builtHostileSpecs(): Promise<{
  symlink: string;
  oversized: string;
  remove(): Promise<void>;
}> {
  const linked = await copyOfFixture("symlink");
  await symlink(join(linked.root, "secret.json"), join(linked.root, "symlink", "link.json"));
  const large = await copyOfFixture("circular");
  const file = await open(large.spec, "a");
  await file.truncate(DEFAULT_LIMITS.fileBytes + 1);
  await file.close();
  return {
    symlink: linked.spec,
    oversized: large.spec,
    remove: async () => {
      await rm(linked.root, { recursive: true, force: true });
      await rm(large.root, { recursive: true, force: true });
    },
  };
}

/** The remote fixture, copied, with its schema's `$ref` set to `url` (by parsing it); its path. */
export async function remoteSpecTo(url: string, root: string): Promise<string> {
  const document = parse(await readFile(hostileSpec("remote"), "utf8"));
  document.paths["/items"].get.responses["200"].content["application/json"].schema.$ref = url;
  const file = join(root, "remote", "spec.openapi.yaml");
  await writeFile(file, stringify(document));
  return file;
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

/**
 * A server that sends every GET to `elsewhere()`'s `/steal` with a 302, and answers anything else with
 * a JSON body that never ends: what a command holding a credential must neither follow nor read whole.
 */
export function redirectingOrEndlessServer(elsewhere: () => string): Server {
  return createServer((req, res) => {
    req.resume();
    if (req.method === "GET") {
      res.writeHead(302, { location: `${elsewhere()}/steal` });
      return res.end();
    }
    res.writeHead(200, { "content-type": "application/json" });
    const more = () => {
      while (res.write("[".repeat(64 * 1024)));
    };
    res.on("drain", more);
    more();
  });
}
