// The mocks' rows: ours against bare Prism and Steady, side by side in the same run, for start-up,
// latency, latency as the spec grows, and how many kinds of bad request each answers as documented.
import { badRequestScores, type Score } from "./bad-requests.js";
import { median, progress } from "./measure.js";
import {
  BARE_PRISM,
  firstStartup,
  latency,
  MOCKS,
  type MockUnderTest,
  OUR_MOCK,
  pairedRatio,
  STEADY,
  startup,
} from "./mock.js";
import { latencyOnScaledSpecs } from "./mock-scale.js";
import { ms, type Row } from "./rows.js";

interface Goals {
  prism?: string;
  steady?: string;
}

function versus(key: string, what: string, values: Record<string, number[]>, goals: Goals): Row[] {
  const row = (peer: MockUnderTest, suffix: string, goal: string | undefined): Row => ({
    key: `${key}_over_${suffix}`,
    what: `${what}: our mock ÷ ${peer.name}`,
    value: pairedRatio(values, OUR_MOCK.name, peer.name),
    ...(goal ? { goal } : {}),
    detail: MOCKS.filter((m) => values[m.name]?.length)
      .map((m) => `${m.name} ${ms(median(values[m.name] ?? []))}`)
      .join(", "),
  });
  const prismKey = key.endsWith("start") || key.endsWith("startup") ? "prism_cli" : "prism";
  return [
    row(BARE_PRISM, prismKey, goals.prism),
    ...(values[STEADY.name]?.length ? [row(STEADY, "steady", goals.steady)] : []),
  ];
}

function scoreRow(command: MockUnderTest, key: string, score: Score | undefined): Row {
  const answered = score?.answered ?? 0;
  const of = score?.of ?? 0;
  return {
    key: `bad_requests_answered_${key}`,
    what: `kinds of bad request ${command.name} answers with the documented status and body, of all the contract suite derives`,
    value: of ? answered / of : 0,
    ...(command === OUR_MOCK ? { goal: "≥ 1" } : {}),
    detail: `${answered}/${of}${score?.missed.length ? `; first missed: ${score.missed[0]}` : ""}`,
  };
}

/** Our mock beside bare Prism and Steady on the repo's spec: latency, start-up, bad-request scores. */
export async function mockRows(runs: number, quick: boolean): Promise<Row[]> {
  progress(`mock p50 latency under autocannon load: ${MOCKS.map((m) => m.name).join(", ")}`);
  const load = await latency({ runs, durationS: quick ? 1 : 8 });
  progress("mock start-up to first answer, each mock in turn");
  const boot = await startup(runs);
  progress("mock first start in a fresh clone (our build caches removed) beside Prism's CLI");
  const first = await firstStartup(runs);
  progress("bad requests each mock answers as the service documents");
  const scores = await badRequestScores(MOCKS);
  return [
    ...versus("mock_latency", "p50 latency under load", load.p50, { prism: "≤ 0.8", steady: "≤ 1.2" }),
    // autocannon's p50 counts whole milliseconds; the mean shows what a 1 ms against 1 ms hides.
    ...versus("mock_mean_latency", "mean latency under load", load.mean, {}),
    ...versus("mock_startup", "start to first answered request", boot, { prism: "≤ 0.8" }),
    ...versus("mock_first_start", "first start in a fresh clone, to first answered request", first, {
      prism: "≤ 2",
    }),
    scoreRow(OUR_MOCK, "mock", scores[OUR_MOCK.name]),
    scoreRow(BARE_PRISM, "prism_cli", scores[BARE_PRISM.name]),
    scoreRow(STEADY, "steady", scores[STEADY.name]),
  ];
}

/** Each mock's latency on a scaled spec over its latency on a small one. */
export function mockScaleRows(quick: boolean): Promise<Row[]> {
  return latencyOnScaledSpecs(quick ? [8, 100] : [8, 1000], quick ? 1 : 3, quick ? 1 : 4);
}
