// One line of the bench's table and results: a key, what it measures, its value, its goal.
export interface Row {
  key: string;
  what: string;
  value: number;
  goal?: string;
  met?: boolean;
  detail: string;
}

export function ms(value: number): string {
  return value >= 100 ? `${Math.round(value)} ms` : `${value.toFixed(value >= 1 ? 1 : 3)} ms`;
}

/** Each row with a goal (`≤ N` or `≥ N`) gets `met`. */
export function withGoalsJudged(rows: Row[]): Row[] {
  return rows.map((row) => {
    if (!row.goal) return row;
    const limit = Number(row.goal.replace(/[^\d.]/g, ""));
    return { ...row, met: row.goal.startsWith("≥") ? row.value >= limit : row.value <= limit };
  });
}

export function printTable(rows: readonly Row[]): void {
  const lines = [
    "| key | value | goal | measured |",
    "|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| \`${r.key}\` | ${r.value.toFixed(2)} | ${r.goal ? `${r.goal} ${r.met ? "met" : "**missed**"}` : "report"} | ${r.detail} |`,
    ),
  ];
  console.log(`\n${lines.join("\n")}`);
}
