// What stands between Prism's proxy and the real server in `npm run verify`: Prism follows redirects
// and reads any body, so it is pointed here instead. The guard forwards each request to the upstream,
// never follows a redirect (it hands the 3xx back with its target moved to a header of its own, which
// Prism does not follow), reads a body only up to a cap, and marks every answer that came from the
// upstream, so that an answer Prism made itself (a refusal of its own, a dead upstream) is told apart.
import { createServer, type IncomingMessage, type Server } from "node:http";
import { listen } from "../shared/net.js";

/** On an answer from the upstream: it is one. Any answer without it was made on the way. */
export const FROM_UPSTREAM = "x-verify-upstream";
/** On a redirect from the upstream: where it points (its `location`, which is taken off). */
export const REDIRECT_TARGET = "x-verify-redirect";
/** On an answer the guard made itself: why the upstream's answer is not there. */
export const GUARD_REFUSAL = "x-verify-refusal";

// Not forwarded either way: they describe one connection, or a body the guard re-encodes.
const NOT_FORWARDED = ["host", "connection", "keep-alive", "transfer-encoding", "upgrade", "content-length"];

export interface Guard {
  /** Where Prism is to send what it would send to the upstream (the upstream's base path kept). */
  url: string;
  close(): Promise<void>;
}

/** Starts a guard on loopback in front of `upstream`, reading bodies up to `maxBodyBytes` each way. */
export async function startGuard(upstream: URL, maxBodyBytes: number): Promise<Guard> {
  const server: Server = createServer((req, res) => {
    void forward(req, upstream, maxBodyBytes).then(({ status, headers, body }) => {
      res.writeHead(status, headers);
      res.end(body);
    });
  });
  const base = await listen(server, 0);
  return {
    url: `${base}${upstream.pathname.replace(/\/$/, "")}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Answer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

/** The upstream's answer to `req`, or the guard's own 502 saying why there is none. */
async function forward(req: IncomingMessage, upstream: URL, maxBodyBytes: number): Promise<Answer> {
  const refusal = (why: string): Answer => ({
    status: 502,
    headers: { [GUARD_REFUSAL]: why },
    body: Buffer.alloc(0),
  });
  const request = await capped(req, maxBodyBytes);
  if (request === undefined) return refusal(`the request body is over ${maxBodyBytes} bytes`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined && !NOT_FORWARDED.includes(name)) headers.set(name, [value].flat().join(", "));
  }
  const method = req.method ?? "GET";
  let response: Response;
  try {
    response = await fetch(new URL(req.url ?? "/", upstream.origin), {
      method,
      headers,
      redirect: "manual",
      ...(method === "GET" || method === "HEAD" ? {} : { body: new Uint8Array(request) }),
    });
  } catch (error) {
    return refusal(`the upstream did not answer: ${(error as { cause?: Error }).cause?.message ?? error}`);
  }
  const body = await capped(response.body, maxBodyBytes);
  if (body === undefined) return refusal(`the upstream's response body is over ${maxBodyBytes} bytes`);
  const out: Record<string, string | string[]> = { [FROM_UPSTREAM]: "1" };
  response.headers.forEach((value, name) => {
    if (!NOT_FORWARDED.includes(name) && name !== "content-encoding") out[name] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length > 0) out["set-cookie"] = cookies;
  const location = response.headers.get("location");
  if (response.status >= 300 && response.status < 400 && location !== null) {
    delete out.location;
    out[REDIRECT_TARGET] = location;
  }
  return { status: response.status, headers: out, body };
}

/** A stream's bytes, or undefined (the rest unread) once they are over `limit`. */
async function capped(
  stream: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array> | null,
  limit: number,
): Promise<Buffer | undefined> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (stream === null) return Buffer.alloc(0);
  for await (const chunk of stream as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > limit) return undefined;
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
