import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { benchCase, roundRatio, sameJson } from '../../../src/hosts/cli/bench.js';
import { timeInRounds } from '../../../src/hosts/cli/bench/rounds.js';
import { benchCommand } from '../../../src/hosts/cli/bench/command.js';
import { NOT_LOWERED_DOC, NOT_LOWERED_INPUT, NOT_LOWERED_REASON } from '../../helpers/notLowered.js';

const dir = mkdtempSync(join(tmpdir(), 'pfa-bench-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny = {
  input: { type: 'record', name: 'In', fields: [{ name: 'x', type: 'double' }] },
  output: 'double',
  action: [{ '+': [{ '*': ['input.x', 2] }, 0.1] }],
};
const lines = ['{"x": 1}', '{"x": -2.5}', '{"x": 0.3}'];
/** Tiny timings: these tests check the shape and the checks, never the figures. */
const quick = { maxTime: 0.01, batchSize: 10, coldRuns: 1 };

async function runCli(argv: string[]): Promise<{ code: number; out: string }> {
  const out: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    out.push(a.join(' '));
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await benchCommand(argv);
    return { code, out: out.join('\n') };
  } finally {
    log.mockRestore();
    err.mockRestore();
  }
}

describe('pfa-wasm bench', () => {
  it('prints every row kind for both backends as JSON', async () => {
    const model = join(dir, 'tiny.pfa.json');
    const input = join(dir, 'tiny.jsonl');
    writeFileSync(model, JSON.stringify(tiny));
    writeFileSync(input, lines.join('\n') + '\n');
    const { code, out } = await runCli([
      model,
      '--input',
      input,
      '--json',
      '--max-time',
      '0.02',
      '--rounds',
      '2',
      '--batch',
      '10',
      '--cold-runs',
      '1',
    ]);
    expect(code).toBe(0);
    const report = JSON.parse(out);
    expect(report.model).toBe('tiny.pfa.json');
    expect(Object.keys(report.machine).sort()).toEqual([
      'cores',
      'cpu',
      'date',
      'loadAverage',
      'memoryGiB',
      'node',
      'platform',
    ]);
    expect(report.notes).toEqual([]);
    const kinds = report.rows.map(
      (r: { variant: string; kind: string; unit: string }) => `${r.variant} / ${r.kind} / ${r.unit}`,
    );
    expect(kinds).toEqual([
      'JS backend / per record / ops/s',
      'Wasm backend / per record / ops/s',
      'JS backend / per request / ops/s',
      'Wasm backend / per request / ops/s',
      'JSON.parse + JSON.stringify / per request / ops/s',
      'JS backend / batch / records/s',
      'Wasm backend / batch / records/s',
      'JS backend / columns / records/s',
      'Wasm backend / columns / records/s',
      'Wasm backend / compile / ms',
      'Wasm backend / module size / bytes',
      'JS backend / cold start / ms',
      'Wasm backend / cold start / ms',
    ]);
    for (const r of report.rows) {
      expect(r.model).toBe('tiny.pfa.json');
      expect(r.value).toBeGreaterThan(0);
      const timed = r.unit === 'ops/s' || r.unit === 'records/s';
      expect(typeof r.rme).toBe(timed ? 'number' : 'object');
      // Timed rows: one figure per round, the row's figure their median (of two: their mean).
      if (timed) {
        expect(r.rounds).toHaveLength(2);
        expect(r.value).toBeCloseTo((r.rounds[0] + r.rounds[1]) / 2, 6);
      } else expect(r.rounds).toBeUndefined();
      if (r.variant === 'JS backend') expect(r.ratio).toBe(1);
      else expect(typeof r.ratio).toBe(r.kind === 'compile' || r.kind === 'module size' ? 'object' : 'number');
    }
  }, 300_000);

  it('says why the Wasm backend does not run, and measures the JS backend', async () => {
    const doc = NOT_LOWERED_DOC;
    const lines = [NOT_LOWERED_INPUT, NOT_LOWERED_INPUT];
    const report = await benchCase({ name: 'recursive', documentText: JSON.stringify(doc), lines }, quick);
    expect(report.notes).toEqual([
      expect.stringMatching(new RegExp(`^Wasm backend: not lowered to Wasm: .*${NOT_LOWERED_REASON}.*at /action`)),
    ]);
    expect(new Set(report.rows.map((r) => r.variant))).toEqual(new Set(['JS backend']));
    expect(report.rows.map((r) => r.kind)).toEqual(['per record', 'per request', 'batch', 'cold start']);
  }, 120_000);

  it('does not time a kernel whose answers differ from the JS backend, and says where', async () => {
    const doc = { input: 'double', output: 'double', action: [{ '/': ['input', 3] }] };
    const right = { variant: 'right', score: (v: unknown) => (v as number) / 3 };
    const wrong = { variant: 'wrong', score: (v: unknown) => (v as number) * (1 / 3) };
    const report = await benchCase(
      { name: 'thirds', documentText: JSON.stringify(doc), lines: ['3', '0.1', '7'], extra: [right, wrong] },
      { ...quick, coldRuns: 1 },
    );
    const variants = report.rows.filter((r) => r.kind === 'per record').map((r) => r.variant);
    // (an input that is not a record of numbers has no columns rows)
    expect(report.rows.filter((r) => r.kind === 'columns')).toEqual([]);
    expect(variants).toContain('right');
    expect(variants).not.toContain('wrong');
    expect(report.notes).toContainEqual(
      expect.stringMatching(
        /^wrong, per record: not timed: answers differ from the JS backend at input line 3: 2\.333333333333333, JS backend 2\.3333333333333335/,
      ),
    );
  }, 300_000);

  it('times an external row in the same rounds, after the checked rows of its kind', async () => {
    const doc = { input: 'double', output: 'double', action: [{ '/': ['input', 3] }] };
    const seconds: number[] = [];
    const external = {
      variant: 'outside',
      kind: 'per record' as const,
      unit: 'records/s' as const,
      how: 'its own clock',
      measure: (s: number) => {
        seconds.push(s);
        return { hz: 1000 * seconds.length, rme: 1 };
      },
    };
    const report = await benchCase(
      { name: 'thirds', documentText: JSON.stringify(doc), lines: ['3', '0.1'], external: [external] },
      { ...quick, maxTime: 0.03, rounds: 3 },
    );
    expect(seconds).toEqual([0.01, 0.01, 0.01]);
    const perRecord = report.rows.filter((r) => r.kind === 'per record');
    expect(perRecord.map((r) => r.variant)).toEqual(['JS backend', 'Wasm backend', 'outside']);
    const row = perRecord[2];
    expect(row.rounds).toEqual([1000, 2000, 3000]);
    expect(row.value).toBe(2000);
    expect(row.how).toBe('its own clock');
    expect(row.ratio).toBeCloseTo(2000 / perRecord[0].value, 9);
  }, 300_000);

  it('alternates the order of the rows between rounds, and takes ratios round by round', () => {
    const order: string[] = [];
    const job = (variant: string, hz: number[]) => ({
      row: { model: 'm', variant, kind: 'per record' as const, unit: 'ops/s' as const },
      scale: 1,
      measure: () => {
        order.push(variant);
        return { hz: hz[order.filter((v) => v === variant).length - 1], rme: 0 };
      },
    });
    const rows = timeInRounds([job('a', [10, 40, 30]), job('b', [5, 10, 20])], 3, 0.1, () => {});
    expect(order).toEqual(['a', 'b', 'b', 'a', 'a', 'b']);
    expect(rows.map((r) => [r.value, r.rounds])).toEqual([
      [30, [10, 40, 30]],
      [10, [5, 10, 20]],
    ]);
    // per round: 2, 4, 1.5; the ratio of the medians (3) would mix rounds
    expect(roundRatio(rows[0], rows[1])).toEqual({ ratio: 2, low: 1.5, high: 4 });
    expect(roundRatio({ ...rows[0], rounds: undefined }, rows[1])).toEqual({ ratio: 3, low: 3, high: 3 });
  });

  it('compares answers bit for bit', () => {
    expect(sameJson({ a: [1, 0.1], b: 'x' }, { b: 'x', a: [1, 0.1] })).toBe(true);
    expect(sameJson(0.1 + 0.2, 0.3)).toBe(false);
    expect(sameJson(-0, 0)).toBe(false);
    expect(sameJson(NaN, NaN)).toBe(true);
    expect(sameJson(5n, 5)).toBe(true);
    expect(sameJson(2n ** 60n + 1n, 2 ** 60)).toBe(false);
    expect(sameJson({ a: 1 }, { a: 1, b: undefined })).toBe(false);
  });

  it('rejects bad options', async () => {
    expect((await runCli(['m.pfa'])).code).toBe(2);
    expect((await runCli(['m.pfa', '--input', 'x', '--max-time', '0'])).code).toBe(2);
    expect((await runCli(['m.pfa', '--input', 'x', '--batch', '1.5'])).code).toBe(2);
    expect((await runCli(['m.pfa', '--input', 'x', '--rounds', '0'])).code).toBe(2);
    expect((await runCli(['m.pfa', '--input', 'x', '--fast'])).code).toBe(2);
  });
});
