// One mock per test run, on a free loopback port, stopped when the run ends (also on failure). Prism
// runs with --errors, so a response that breaks the spec reaches the suite as an error, not a log line.
import type { TestProject } from "vitest/node";
import { startMock } from "../../tools/mock/server.js";

declare module "vitest" {
  export interface ProvidedContext {
    mockUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const mock = await startMock({ port: 0, errors: true });
  project.provide("mockUrl", mock.url);
  return () => mock.stop();
}
