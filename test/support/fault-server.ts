// A local server that misbehaves on request: the first segment of the request's path picks the
// fault (the part before any "~", so tests can keep their own counts). A client or IAM endpoint of
// `{url}/{fault}` puts it there, outside anything the spec validates, so every call can be given any
// fault whatever the spec says of its inputs; the server counts the attempts it saw per name.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";

type Fault = (request: IncomingMessage, response: ServerResponse, attempt: number) => void;

/** Where the redirect faults send the client: another server's origin, with a path and query. */
export const redirect = { target: "http://127.0.0.1:9/elsewhere?stolen=1" };
/** How many bytes the endless faults wrote before the client let go of them. */
export const written = new Map<string, number>();

const MiB = 1024 * 1024;
// 64 MiB of zeros compress to about 64 KiB: a compression bomb far past the client's 16 MiB cap.
let bomb: Buffer | undefined;
const gzipBomb = () => {
  bomb ??= gzipSync(Buffer.alloc(64 * MiB, 0x20), { level: 9 });
  return bomb;
};
const nested = (depth: number, inner: string) => `${"[".repeat(depth)}${inner}${"]".repeat(depth)}`;

/** Writes `chunk` until the client closes the connection, counting the bytes under `name`. */
function endless(request: IncomingMessage, response: ServerResponse, chunk: Buffer): void {
  const name = faultNameOf(request);
  let bytes = 0;
  const pump = () => {
    while (!response.destroyed) {
      bytes += chunk.length;
      written.set(name, bytes);
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
  };
  response.writeHead(200, { "Content-Type": "application/json" });
  response.write('{"result":"Success","padding":"');
  pump();
}

const redirectFault =
  (status: number): Fault =>
  (_, response) => {
    response.writeHead(status, { Location: redirect.target, "X-Request-Id": "rid-redirect" });
    response.end("moved");
  };

const json = (
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) => {
  response.writeHead(status, { "Content-Type": "application/json", ...headers });
  response.end(typeof body === "string" ? body : JSON.stringify(body));
};
const success = (response: ServerResponse) => json(response, 200, { result: "Success" });

export const FAULTS: Record<string, Fault> = {
  ok: (_, response) => success(response),
  reset: (request) => request.socket.destroy(),
  hang: () => {},
  slow: (_, response) => setTimeout(() => success(response), 300),
  "500-then-200": (_, response, attempt) =>
    attempt === 1 ? json(response, 500, { oops: true }) : success(response),
  "503-retry-after": (_, response, attempt) =>
    attempt === 1 ? json(response, 503, "", { "Retry-After": "1" }) : success(response),
  "503-retry-after-too-long": (_, response) => json(response, 503, "", { "Retry-After": "3600" }),
  "503-always": (_, response) => json(response, 503, ""),
  "429-then-200": (_, response, attempt) => (attempt === 1 ? json(response, 429, {}) : success(response)),
  "html-502": (_, response) => {
    response.writeHead(502, { "Content-Type": "text/html" });
    response.end(
      `<html><body><h1>502 Bad Gateway</h1>${"<p>upstream unavailable</p>".repeat(500)}</body></html>`,
    );
  },
  "invalid-json": (_, response) => json(response, 200, '{"result": "Success"'),
  "schema-break": (_, response) => json(response, 200, { result: 42 }),
  "unknown-code": (_, response) =>
    json(
      response,
      400,
      { error_code: "IS.9999", error_msg: "A code from the future." },
      { "X-Request-Id": "rid-9" },
    ),
  "empty-body": (_, response) => {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Length": "0" });
    response.end();
  },
  "large-body": (_, response) =>
    json(response, 200, { result: "Success", padding: "x".repeat(8 * 1024 * 1024) }),
  "ok-with-id": (_, response) => json(response, 200, { result: "Success" }, { "X-Request-Id": "rid-ok" }),
  "redirect-302": redirectFault(302),
  "redirect-307": redirectFault(307),
  "redirect-301-same-origin": (request, response) => {
    response.writeHead(301, {
      Location: `/ok~same-origin/v1/p1/image?from=${encodeURIComponent(request.url ?? "")}`,
    });
    response.end();
  },
  "endless-200": (request, response) => endless(request, response, Buffer.alloc(64 * 1024, 0x78)),
  "gzip-bomb": (_, response) => {
    response.writeHead(200, { "Content-Type": "application/json", "Content-Encoding": "gzip" });
    response.end(gzipBomb());
  },
  "deep-400": (_, response) =>
    json(response, 400, `{"error_code":"IS.0001","error_msg":"deep","detail":${nested(200_000, "1")}}`),
  "deep-200": (_, response) => json(response, 200, `{"result":${nested(200_000, '"Success"')}}`),
  "huge-error-msg": (_, response) =>
    json(
      response,
      400,
      { error_code: "IS.0001", error_msg: "m".repeat(MiB) },
      { "X-Request-Id": "rid-huge" },
    ),
  "html-502-with-id": (_, response) => {
    response.writeHead(502, { "Content-Type": "text/html", "X-Request-Id": "rid-502" });
    response.end("<html><body>502</body></html>");
  },
  "token-expired": (request, response) =>
    request.headers["x-auth-token"] === "fresh-token"
      ? success(response)
      : json(response, 400, { error_code: "IS.0004", error_msg: "The authentication token is abnormal." }),
  "gateway-401": (request, response) =>
    request.headers["x-auth-token"] === "fresh-token"
      ? success(response)
      : json(response, 401, { error_msg: "token expires", error_code: "APIGW.0301" }),
};

export interface FaultServer {
  url: string;
  /** Attempts seen per fault name (the first segment of the path). */
  attempts(faultName: string): number;
  /** Every request header the server saw, for leak checks. */
  headersSeen: Record<string, string | string[] | undefined>[];
  close(): Promise<void>;
}

export async function startFaultServer(): Promise<FaultServer> {
  const counts = new Map<string, number>();
  const headersSeen: FaultServer["headersSeen"] = [];
  const server = createServer((request, response) => {
    headersSeen.push(request.headers);
    const name = faultNameOf(request);
    const fault = name.split("~")[0] ?? "";
    const attempt = (counts.get(name) ?? 0) + 1;
    counts.set(name, attempt);
    request.resume();
    request.on("end", () =>
      (FAULTS[fault] ?? ((_, r) => json(r, 404, { unknown: fault })))(request, response, attempt),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    attempts: (faultName) => counts.get(faultName) ?? 0,
    headersSeen,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `/{fault}/v1/{project}/…` or `/{fault}/v3/auth/tokens`: the endpoint's route names the fault. */
function faultNameOf(request: IncomingMessage): string {
  const segment = (request.url ?? "").split("?")[0]?.split("/")[1] ?? "";
  return decodeURIComponent(segment);
}
