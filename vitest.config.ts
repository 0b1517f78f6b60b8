import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/no-token-in-output.ts"],
    typecheck: { enabled: true, include: ["test/**/*.test-d.ts"], tsconfig: "tsconfig.json" },
    // A time limit only catches a hang: it is not a speed check, and a busy machine (load 15 on 2
    // cores) makes a process-starting test take several times its quiet duration.
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Test names show their parameters whole: the default cuts a %s or $name value at 40 characters.
    chaiConfig: { truncateThreshold: 0 },
    // The no-token recorder's self-test writes this probe; it proves the recorder works and tells a
    // reader nothing, so it stays out of the report.
    onConsoleLog: (log) => (log.includes("recorder-probe") ? false : undefined),
    // Several files mostly wait on processes they start (Prism, tsc, npm scripts), so more files than
    // cores can run at once; the default (cores - 1) runs them one by one on a 2-core machine.
    maxWorkers: 3,
  },
});
