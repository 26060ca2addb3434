/**
 * The timed rows of one bench run, measured in interleaved rounds: every row once per round, the
 * order reversed every other round, and each row's figure the median of its rounds.
 *
 * Why: on this kind of machine one row measured after another saw the machine change between
 * them (session 12: the same tree, 15 minutes apart, moved single rows by up to 2x), and a ratio of
 * two rows measured minutes apart carried that drift. Rows measured in the same round are seconds
 * apart, so a ratio taken round by round (`roundRatio`) sees the same machine on both sides.
 */
import type { BenchRow } from '../bench.js';
import { median } from './cold.js';

/** One timing: operations per second and benchmark.js's relative margin of error (%). */
export interface Timing {
  hz: number;
  rme: number;
}

/** A row to time: everything but its figures, and how to time it for about `seconds`. */
export interface TimedRow {
  row: Omit<BenchRow, 'value' | 'rme' | 'ratio' | 'rounds'>;
  /** Figures are `hz * scale` (records in a batch call). */
  scale: number;
  measure: (seconds: number) => Timing;
}

/**
 * Times every row `rounds` times, `seconds` each, rows in order in even rounds and in reverse in
 * odd ones (a row measured first is not always measured on the same side of its neighbours).
 */
export function timeInRounds(
  jobs: readonly TimedRow[],
  rounds: number,
  seconds: number,
  log: (line: string) => void,
): BenchRow[] {
  const samples: Timing[][] = jobs.map(() => []);
  for (let r = 0; r < rounds; r++) {
    const order = jobs.map((_, i) => (r % 2 ? jobs.length - 1 - i : i));
    for (const i of order) {
      const { row } = jobs[i];
      log(`  ${row.model}: ${row.variant}, ${row.kind}${rounds > 1 ? ` (round ${r + 1} of ${rounds})` : ''}`);
      samples[i].push(jobs[i].measure(seconds));
    }
  }
  return jobs.map(({ row, scale }, i) => {
    const values = samples[i].map((t) => t.hz * scale);
    return {
      ...row,
      value: median(values),
      rme: median(samples[i].map((t) => t.rme)),
      ratio: null,
      rounds: values,
    };
  });
}

/**
 * `a ÷ b` for two rows: the median of the ratios of their figures round by round when both were
 * timed in the same rounds, with the smallest and largest of those ratios; else the ratio of their
 * figures (`low` and `high` equal to it).
 */
export function roundRatio(a: BenchRow, b: BenchRow): { ratio: number; low: number; high: number } {
  if (a.rounds && b.rounds && a.rounds.length === b.rounds.length && a.rounds.length > 1) {
    const per = a.rounds.map((x, i) => x / b.rounds![i]);
    return { ratio: median(per), low: Math.min(...per), high: Math.max(...per) };
  }
  const ratio = a.value / b.value;
  return { ratio, low: ratio, high: ratio };
}
