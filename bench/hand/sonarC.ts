/**
 * The C "limit" row (bench/hand/sonar.c), when `cc` is on PATH: the program is compiled into a
 * temp dir at bench time, given the model's tables (hand/sonarModel.ts) and the rows as doubles
 * in one file, checked bit for bit against the engine on every row, and timed by its own clock.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { Timing } from '../../src/hosts/cli/bench/rounds.js';
import type { LimitAnswer, SonarConstants } from './sonarModel.js';

export const C_FLAGS = ['-O3', '-march=native', '-ffp-contract=off', '-std=c11'];

/** The path of `cc`, or null when there is none. */
export function findCc(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v cc'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

/** The compiled C kernel: its answers on every row, and a timer for the bench's rounds. */
export interface CProgram {
  answers: LimitAnswer[];
  /** Records per second over about `seconds`, and the margin of error of its passes (%). */
  measure: (seconds: number) => Timing;
  how: string;
}

function dataFile(k: SonarConstants, rows: readonly Float64Array[]): Buffer {
  const C = k.classes.length;
  const F = k.features.length;
  const parts = [
    Buffer.from(new Int32Array([C, F, rows.length]).buffer),
    ...[k.mean, k.twoVariance, k.logNorm, k.logPrior, k.cutoff, k.rank].map((a) => Buffer.from(a.buffer)),
    ...rows.map((r) => Buffer.from(r.buffer, r.byteOffset, r.byteLength)),
  ];
  return Buffer.concat(parts);
}

/** Timed passes per measurement: enough for a margin of error. */
const PASSES = 3;

/**
 * Compiles the C kernel into a temp dir (removed when the process exits) and reads its answers;
 * each `measure` runs it again for PASSES timings (sonar.c's rounds) of a third of the time each.
 */
export function sonarCProgram(cc: string, k: SonarConstants, rows: readonly Float64Array[]): CProgram {
  const dir = mkdtempSync(join(os.tmpdir(), 'pfa-bench-c-'));
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  const exe = join(dir, 'sonar');
  const data = join(dir, 'sonar.bin');
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('sonar.c reads little-endian data');
  writeFileSync(data, dataFile(k, rows));
  execFileSync(cc, [...C_FLAGS, '-o', exe, join(import.meta.dirname, 'sonar.c')], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const run = (seconds: number, passes: number) =>
    execFileSync(exe, [data, String(seconds), String(passes)], { encoding: 'utf8' })
      .trim()
      .split('\n');
  const answers = run(0, 0).map((line) => {
    const [best, ...bits] = line.split(' ');
    const posterior = new Float64Array(bits.length);
    const view = new DataView(posterior.buffer);
    for (const [c, b] of bits.entries()) view.setBigUint64(c * 8, BigInt(`0x${b}`), true);
    return { best: Number(best), posterior };
  });
  const measure = (seconds: number): Timing => {
    const hz = run(seconds / PASSES, PASSES)
      .slice(rows.length)
      .map((l) => 1e9 / Number(l.replace(/^ns /, '')));
    const mean = hz.reduce((a, b) => a + b) / hz.length;
    const sd = Math.sqrt(hz.reduce((a, b) => a + (b - mean) ** 2, 0) / (hz.length - 1));
    // benchmark.js's margin: the 95% t-quantile for PASSES - 1 = 2 degrees of freedom times the standard error.
    return { hz: mean, rme: ((4.303 * sd) / Math.sqrt(hz.length) / mean) * 100 };
  };
  const version = execFileSync(cc, ['--version'], { encoding: 'utf8' }).split('\n')[0];
  return { answers, measure, how: `${version}, ${C_FLAGS.join(' ')}; clock_gettime, ${PASSES} passes a round` };
}
