// `npm run mock` as a user runs it: a real process, until its banner is printed, and its stop.
import { type ChildProcess, spawn } from "node:child_process";

export interface Served {
  child: ChildProcess;
  url: string;
  output: () => string;
}

/** `npm run mock -- ARGS` until it serves (or exits); resolves with its URL and its output so far. */
export function servedMock(
  running: ChildProcess[],
  args: string[],
  env: Record<string, string> = {},
): Promise<Served> {
  const child = spawn("npm", ["run", "--silent", "mock", "--", ...args], {
    env: { ...process.env, PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  running.push(child);
  let text = "";
  return new Promise((resolve, reject) => {
    const collect = (chunk: Buffer) => {
      text += chunk.toString();
      const url = /serving at (http:\/\/\S+)/.exec(text)?.[1];
      // The banner's last line: everything above it has been printed.
      if (url && /Force a documented error[^\n]*\n/.test(text)) resolve({ child, url, output: () => text });
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.once("exit", (code) => reject(new Error(`npm run mock exited with ${code}:\n${text}`)));
  });
}

/** Sends SIGTERM and waits for the exit, unless the process has already ended. */
export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}
