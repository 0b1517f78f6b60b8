// Preloaded (NODE_OPTIONS=--require) into every Node process of a benchmarked command: at exit, adds
// the process's CPU time, user and system, in ms, as a line of the file BENCH_CPU_FILE names.
const { appendFileSync } = require("node:fs");

process.once("exit", () => {
  const file = process.env.BENCH_CPU_FILE;
  if (!file) return;
  const { user, system } = process.cpuUsage();
  appendFileSync(file, `${(user + system) / 1000}\n`);
});
