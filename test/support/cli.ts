// Runs a script of scripts/ through its real command line, as `npm run …` would, and keeps the exit
// code and both streams.
import { execFile } from "node:child_process";
import { resolve } from "node:path";

export const TSX = resolve("node_modules/.bin/tsx");

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runScript(script: string, args: string[], cwd = process.cwd()): Promise<CliResult> {
  return new Promise((done) => {
    execFile(TSX, [resolve("scripts", script), ...args], { cwd }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
      done({ code, stdout, stderr });
    });
  });
}
