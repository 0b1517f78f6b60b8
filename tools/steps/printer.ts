// How the steps share one output. A step printed whole when it ends sits between its header and its
// verdict; a step that streams prints each line as it comes under its header, printed again when
// another step's block came between. Only whole lines are written, so no line is cut in two by
// another step's, and none lands under another step's header.
import type { StepResult } from "./step.js";

export class StepPrinter {
  /** The step whose header the last line written sits under. */
  private under: string | undefined;
  private readonly headed = new Set<string>();

  constructor(private readonly write: (text: string) => void) {}

  /** One line of a streaming step, under its header. */
  line(name: string, line: string): void {
    this.headUnder(name);
    this.write(`${line}\n`);
  }

  /** A streaming step's end: its verdict, under its header. */
  end(result: StepResult): void {
    this.headUnder(result.name);
    this.write(`${verdict(result)}\n\n`);
    this.under = undefined;
  }

  /** A step printed whole: header, output, verdict. */
  block(result: StepResult): void {
    const body = result.output.trimEnd();
    this.write(`${header(result.name)}\n${body ? `${body}\n` : ""}${verdict(result)}\n\n`);
    this.under = undefined;
  }

  private headUnder(name: string): void {
    if (this.under === name) return;
    this.write(`${header(this.headed.has(name) ? `${name} (continued)` : name)}\n`);
    this.headed.add(name);
    this.under = name;
  }
}

export function header(title: string): string {
  return `── ${title} ${"─".repeat(Math.max(0, 60 - title.length))}`;
}

export function verdict(result: StepResult): string {
  const outcome = result.code === 0 ? "passed" : `failed (exit ${result.code})`;
  return `── ${result.name} ${outcome} in ${result.seconds.toFixed(1)} s`;
}
