// One Prism mock per test run, on a free loopback port, stopped when the run ends (also on failure).
import { createServer } from "node:net";
import type { TestProject } from "vitest/node";
import { startMock } from "../../scripts/mock.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock({ port: await freePort() });
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}
