// Every benchmark prints readable figures and, as its last line, one JSON object that
// scripts and CI can read: {"bench", "figures", "ratios", "goals", "met"}.

export interface BenchGoal {
  /** Human-readable goal, e.g. "all 50 online within 5 s". */
  description: string;
  met: boolean;
}

export interface BenchResult {
  bench: string;
  figures: Record<string, number>;
  /** Ratios against a baseline measured in the same run (never a number from another machine). */
  ratios: Record<string, number>;
  goals: Record<string, BenchGoal>;
}

export function printBenchResult(result: BenchResult): void {
  const line = (text: string) => process.stdout.write(`${text}\n`);
  line(`\n${result.bench}`);
  for (const [name, value] of Object.entries(result.figures)) line(`  ${name.padEnd(40)} ${format(value)}`);
  for (const [name, value] of Object.entries(result.ratios))
    line(`  ratio ${name.padEnd(34)} ${format(value)}`);
  for (const [name, goal] of Object.entries(result.goals))
    line(`  goal ${name.padEnd(35)} ${goal.met ? 'met' : 'NOT met'}: ${goal.description}`);
  const met = Object.values(result.goals).every((goal) => goal.met);
  line(JSON.stringify({ ...result, met }));
}

function format(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(3);
}
