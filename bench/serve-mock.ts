// `node --import tsx bench/serve-mock.ts SPEC PORT GENERATED_DIR`: our mock of SPEC on PORT, with the
// modules generated for it in GENERATED_DIR, until SIGTERM; for specs the repo has no generated/ for.
import { startMock } from "../scripts/mock.js";

const [spec, port, generatedDir] = process.argv.slice(2);
if (!spec || !port || !generatedDir) {
  console.error("usage: bench/serve-mock.ts SPEC PORT GENERATED_DIR");
  process.exit(2);
}
const mock = await startMock({ spec, port: Number(port), generatedDir });
process.once("SIGTERM", () => void mock.stop().then(() => process.exit(0)));
