// The watch loop of `npm run dev`: one pass now and one after every burst of saves to a spec, never
// two at once; a save during a pass gets one more pass once it ends.
import { watch } from "node:fs";
import { isSpecName } from "../shared/specs.js";

// Editors write a file in several steps; one pass per burst of events.
const DEBOUNCE_MS = 100;

export interface Loop {
  /** Stops watching; resolves once the pass under way, if any, has ended. */
  stop(): Promise<void>;
}

/**
 * Runs `pass` now and after each burst of saves to a YAML or JSON file in `dir`, with the time the
 * burst began; `onError` gets what a pass throws. No pass starts once `stopping()` is true.
 */
export function watchSpecs(
  dir: string,
  pass: (savedAt: number) => Promise<void>,
  onError: (error: unknown) => void,
  stopping: () => boolean,
): Loop {
  let timer: NodeJS.Timeout | undefined;
  let savedAt = 0;
  let running: Promise<void> | undefined;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = pass(savedAt)
      .catch(onError)
      .finally(() => {
        running = undefined;
        if (again && !stopping()) {
          again = false;
          run();
        }
      });
  };

  savedAt = Date.now();
  run();
  const watcher = watch(dir, (_event, file) => {
    if (!file || !isSpecName(file) || stopping()) return;
    if (timer === undefined) savedAt = Date.now();
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      run();
    }, DEBOUNCE_MS);
  });
  return {
    stop: async () => {
      watcher.close();
      clearTimeout(timer);
      await running;
    },
  };
}
