// The mocks' rows: ours against bare Prism and Steady, side by side in the same run, for start-up,
// latency, latency as the spec grows, and how many kinds of bad request each answers as documented.
import { badRequestScores, type Score } from "./bad-requests.js";
import { median, progress } from "./measure.js";
import {
  BARE_PRISM,
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

function each(values: Record<string, number[]>): string {
  return MOCKS.map((m) => `${m.name} ${ms(median(values[m.name] ?? []))}`).join(", ");
}

function versus(key: string, what: string, values: Record<string, number[]>, goal?: string): Row[] {
  const rows = (peer: MockUnderTest, suffix: string, withGoal: boolean): Row => ({
    key: `${key}_over_${suffix}`,
    what: `${what}: our mock ÷ ${peer.name}`,
    value: pairedRatio(values, OUR_MOCK.name, peer.name),
    ...(withGoal && goal ? { goal } : {}),
    detail: each(values),
  });
  return [
    rows(BARE_PRISM, key.endsWith("startup") ? "prism_cli" : "prism", true),
    rows(STEADY, "steady", false),
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
  const p50 = await latency({ runs, durationS: quick ? 1 : 8 });
  progress("mock start-up to first answer, each mock in turn");
  const boot = await startup(runs);
  progress("bad requests each mock answers as the service documents");
  const scores = await badRequestScores(MOCKS);
  return [
    ...versus("mock_latency", "p50 latency under load", p50, "≤ 0.8"),
    ...versus("mock_startup", "start to first answered request", boot, "≤ 0.8"),
    scoreRow(OUR_MOCK, "mock", scores[OUR_MOCK.name]),
    scoreRow(BARE_PRISM, "prism_cli", scores[BARE_PRISM.name]),
    scoreRow(STEADY, "steady", scores[STEADY.name]),
  ];
}

/** Each mock's latency on a scaled spec over its latency on a small one. */
export function mockScaleRows(quick: boolean): Promise<Row[]> {
  return latencyOnScaledSpecs(quick ? [8, 100] : [8, 1000], quick ? 1 : 3, quick ? 1 : 4);
}
