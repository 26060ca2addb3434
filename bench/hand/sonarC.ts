/**
 * The C "limit" row (bench/hand/sonar.c), when `cc` is on PATH: the program is compiled into a
 * temp dir at bench time, given the model's tables (hand/sonarModel.ts) and the rows as doubles
 * in one file, checked bit for bit against the engine on every row, and timed by its own clock.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import type { LimitAnswer, SonarConstants } from './sonarModel.js';

export const C_FLAGS = ['-O3', '-march=native', '-ffp-contract=off', '-std=c11'];

/** The path of `cc`, or null when there is none. */
export function findCc(): string | null {
  const r = spawnSync('sh', ['-c', 'command -v cc'], { encoding: 'utf8' });
  return r.status === 0 && r.stdout.trim() ? r.stdout.trim() : null;
}

export interface CRun {
  answers: LimitAnswer[];
  /** Nanoseconds per record, one figure per round. */
  nsPerRecord: number[];
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

/** Compiles and runs the C kernel: its answers on every row, then `rounds` timings of about `seconds` each. */
export function runSonarC(
  cc: string,
  k: SonarConstants,
  rows: readonly Float64Array[],
  seconds: number,
  rounds: number,
): CRun {
  const dir = mkdtempSync(join(os.tmpdir(), 'pfa-bench-c-'));
  try {
    const exe = join(dir, 'sonar');
    const data = join(dir, 'sonar.bin');
    if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('sonar.c reads little-endian data');
    writeFileSync(data, dataFile(k, rows));
    execFileSync(cc, [...C_FLAGS, '-o', exe, join(import.meta.dirname, 'sonar.c')], {
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const out = execFileSync(exe, [data, String(seconds), String(rounds)], { encoding: 'utf8' })
      .trim()
      .split('\n');
    const answers = out.slice(0, rows.length).map((line) => {
      const [best, ...bits] = line.split(' ');
      const posterior = new Float64Array(bits.length);
      const view = new DataView(posterior.buffer);
      for (const [c, b] of bits.entries()) view.setBigUint64(c * 8, BigInt(`0x${b}`), true);
      return { best: Number(best), posterior };
    });
    const nsPerRecord = out.slice(rows.length).map((l) => Number(l.replace(/^ns /, '')));
    const version = execFileSync(cc, ['--version'], { encoding: 'utf8' }).split('\n')[0];
    return { answers, nsPerRecord, how: `${version}, ${C_FLAGS.join(' ')}; clock_gettime over ${rounds} rounds` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
