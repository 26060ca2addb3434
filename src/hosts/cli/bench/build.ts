/** The Wasm side of `pfa-wasm bench`: the model lowered and compiled once, its compile rows, and the files a cold start reads. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { PFAEngine } from '../../../engine.js';
import { PfaError } from '../../../errors/PfaError.js';
import type { BenchCase, BenchRow } from '../bench.js';
import { WASM } from './table.js';

export interface WasmBuild {
  precompiled: {
    wasm: Uint8Array;
    manifest: import('../../../backend/wasm/artifact.js').Manifest;
    documentText: string;
  };
  dir: string;
  modelFile: string;
  wasmFile: string;
}

/** Lowers and compiles the model (a warm-up compile, then the timed one); null, with a note, when the Wasm backend cannot run it. */
export async function wasmBuild(
  c: BenchCase,
  rows: BenchRow[],
  notes: string[],
  log: (line: string) => void,
): Promise<WasmBuild | null> {
  // 'auto' says why a model does not lower (backendNote); when it does, this first compile loads asc
  // and warms it up, so that the timed compile below measures the compiler and not its loading.
  log(`  ${c.name}: lower and compile (warm-up)`);
  let probe: PFAEngine;
  try {
    probe = await PFAEngine.create(c.documentText, { backend: 'auto' });
  } catch (e) {
    if (e instanceof PfaError) throw e;
    // asc's report: keep the summary and the first error with its source line, on one line.
    const lines = String((e as Error).message)
      .split('\n')
      .map((l) => l.replace(/[│~└─]+/g, ' ').trim())
      .filter((l) => l && l !== ':');
    notes.push(`Wasm backend: not measured: ${lines.slice(0, 3).join(' | ')}`);
    return null;
  }
  if (probe.backend !== 'wasm') {
    notes.push(`Wasm backend: ${probe.backendNote}`);
    return null;
  }
  const { tryLower } = await import('../../../backend/wasm/load.js');
  const { compileSource } = await import('../../../backend/wasm/compile.js');
  const { makeManifest } = await import('../../../backend/wasm/artifact.js');
  const lowering = tryLower(probe.typed);
  if (!lowering.ok) throw new Error('internal: the model lowered once and not twice');
  log(`  ${c.name}: compile (timed)`);
  const { binary, millis } = await compileSource(lowering.lowered.source);
  rows.push({
    model: c.name,
    variant: WASM,
    kind: 'compile',
    value: millis,
    unit: 'ms',
    rme: null,
    ratio: null,
    how: 'asc, after a warm-up compile',
  });
  rows.push({
    model: c.name,
    variant: WASM,
    kind: 'module size',
    value: binary.length,
    unit: 'bytes',
    rme: null,
    ratio: null,
  });
  const manifest = makeManifest(c.documentText, lowering.lowered, binary, probe.typed);
  const dir = mkdtempSync(join(os.tmpdir(), 'pfa-bench-'));
  const modelFile = join(dir, 'model.pfa.json');
  const wasmFile = join(dir, 'model.wasm');
  writeFileSync(modelFile, c.documentText);
  writeFileSync(wasmFile, binary);
  writeFileSync(`${wasmFile}.json`, JSON.stringify(manifest));
  return { precompiled: { wasm: binary, manifest, documentText: c.documentText }, dir, modelFile, wasmFile };
}
