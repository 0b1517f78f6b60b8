// How many kinds of bad request a mock answers as the service documents. The kinds are the contract
// suite's own negative cases (tools/contract/derive.ts), held out of no mock: one case for each pair of
// violation (where and how the request is bad) and documented answer. A mock scores a kind when it
// answers with the documented status and exactly the documented example body.
import { isDeepStrictEqual } from "node:util";
import type { ContractCase } from "../tools/contract/case.js";
import { loadContractSpec } from "../tools/contract/contract-spec.js";
import { deriveCases } from "../tools/contract/derive.js";
import { toRequest } from "../tools/contract/send.js";
import { DEFAULT_SPEC } from "../tools/shared/specs.js";
import { type MockUnderTest, start, stopOrKill } from "./mock.js";

/** One negative case per kind, in the order the suite derives them. */
export async function badRequestKinds(spec = DEFAULT_SPEC): Promise<ContractCase[]> {
  const kinds = new Map<string, ContractCase>();
  for (const c of deriveCases(await loadContractSpec(spec))) {
    const { violation, example, status } = c.expect;
    if (c.kind !== "negative" || !violation) continue;
    const kind = `${violation.in} ${violation.kind} -> ${status} ${example?.name ?? ""}`;
    if (!kinds.has(kind)) kinds.set(kind, c);
  }
  return [...kinds.values()];
}

async function answersAsDocumented(url: string, c: ContractCase): Promise<boolean> {
  const request = toRequest(c, url, false);
  const response = await fetch(request.url, request.init);
  const text = await response.text();
  if (response.status !== c.expect.status) return false;
  if (!c.expect.example) return true;
  try {
    return isDeepStrictEqual(JSON.parse(text), c.expect.example.value);
  } catch {
    return false;
  }
}

export interface Score {
  answered: number;
  of: number;
  /** The kinds the mock answered otherwise, by case id. */
  missed: string[];
}

/** Each command's score on the same kinds, one fresh mock each. */
export async function badRequestScores(commands: readonly MockUnderTest[]): Promise<Record<string, Score>> {
  const kinds = await badRequestKinds();
  const scores: Record<string, Score> = {};
  for (const command of commands) {
    const mock = await start(command);
    const missed: string[] = [];
    try {
      for (const c of kinds) if (!(await answersAsDocumented(mock.url, c))) missed.push(c.id);
    } finally {
      await stopOrKill(mock.child);
    }
    scores[command.name] = { answered: kinds.length - missed.length, of: kinds.length, missed };
  }
  return scores;
}
