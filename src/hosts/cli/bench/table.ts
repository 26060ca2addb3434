/** `pfa-wasm bench`'s rows: their ratios to the JS backend, the printed table, and the machine they ran on. */
import os from 'node:os';
import type { BenchRow } from '../bench.js';

/** The variant every ratio is taken against. */
export const JS = 'JS backend';
export const WASM = 'Wasm backend';

/** Speed ratios to the JS backend's row of the same kind (cold start: its time over ours). */
export function withRatios(rows: BenchRow[]): BenchRow[] {
  for (const r of rows) {
    const base = rows.find((b) => b.variant === JS && b.kind === r.kind);
    if (!base?.value || !r.value) continue;
    if (r.unit === 'ops/s' || r.unit === 'records/s') r.ratio = r.value / base.value;
    else if (r.kind === 'cold start') r.ratio = base.value / r.value;
  }
  return rows;
}

/** One table: model, variant, row kind, figure, unit, ± %, and the ratio to the JS backend. */
export function formatTable(rows: readonly BenchRow[]): string {
  const widths = {
    model: Math.max(5, ...rows.map((r) => r.model.length)),
    variant: Math.max(7, ...rows.map((r) => r.variant.length)),
  };
  const num = (r: BenchRow) => (r.value >= 100 ? Math.round(r.value).toLocaleString('en-US') : r.value.toPrecision(3));
  const head = `${'model'.padEnd(widths.model)}  ${'variant'.padEnd(widths.variant)}  ${'row'.padEnd(11)}  ${'figure'.padStart(12)} ${'unit'.padEnd(9)} ${'±%'.padStart(5)}  ${'× JS'.padStart(6)}`;
  const body = rows.map(
    (r) =>
      `${r.model.padEnd(widths.model)}  ${r.variant.padEnd(widths.variant)}  ${r.kind.padEnd(11)}  ${num(r).padStart(12)} ${r.unit.padEnd(9)} ${(r.rme === null ? '' : r.rme.toFixed(1)).padStart(5)}  ${(r.ratio === null ? '' : r.ratio.toFixed(2)).padStart(6)}`,
  );
  return [head, ...body].join('\n');
}

/** Where and when a run happened: kept with the figures (they are only comparable within one run). */
export function machine(): {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  platform: string;
  date: string;
  loadAverage: number[];
} {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    date: new Date().toISOString(),
    loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
}
