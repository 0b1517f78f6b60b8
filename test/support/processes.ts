// What a test needs to prove a command leaves no process behind: its process tree, from ps.
import { execFileSync } from "node:child_process";

/** Every process below `pid`, from ps. */
export function descendants(pid: number): number[] {
  const rows = execFileSync("ps", ["-A", "-o", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((row) => row.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  for (let queue = [pid]; queue.length > 0; ) {
    const parent = queue.shift();
    for (const [child, ppid] of rows) {
      if (ppid === parent && child !== undefined) {
        found.push(child);
        queue.push(child);
      }
    }
  }
  return found;
}

export function commandOf(pid: number): string {
  try {
    return `${pid} ${execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim()}`;
  } catch {
    return `${pid} (gone)`;
  }
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The processes of `pids` still alive after up to `waitMs` (a helper may take a moment to see its parent go). */
export async function survivors(pids: readonly number[], waitMs = 3_000): Promise<string[]> {
  for (let waited = 0; waited < waitMs && pids.some(alive); waited += 50) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return pids.filter(alive).map(commandOf);
}
