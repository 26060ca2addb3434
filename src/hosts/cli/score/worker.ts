/**
 * A scoring worker thread of `pfa-wasm score` (parallel.ts): its own engine of the model, jobs of
 * whole JSON lines in (bytes), their output text out.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { PFAEngine, Backend } from '../../../engine.js';
import { scoreBlock } from './batch.js';

export interface WorkerSetup {
  modelPath: string;
  backend: Backend;
  batch: number;
}
export interface WorkerJob {
  seq: number;
  bytes: Uint8Array;
}
export type WorkerReply =
  | { kind: 'ready' }
  | { kind: 'scored'; seq: number; text: string; records: number; failed: number }
  | { kind: 'failed'; message: string };

async function serve(setup: WorkerSetup): Promise<void> {
  const port = parentPort!;
  const reply = (m: WorkerReply) => port.postMessage(m);
  let engine: PFAEngine;
  try {
    const text = readFileSync(setup.modelPath, 'utf8');
    const { precompiledFor } = await import('../../../build/cache.js');
    engine = await PFAEngine.create(text, {
      backend: setup.backend,
      // The main thread has already put the module in the compile cache if it was not beside the model.
      precompiled: setup.backend === 'js' ? undefined : await precompiledFor(setup.modelPath, text),
    });
    engine.begin();
  } catch (e) {
    reply({ kind: 'failed', message: e instanceof Error ? e.message : String(e) });
    return;
  }
  port.on('message', ({ seq, bytes }: WorkerJob) => {
    try {
      const { text, records, failed } = scoreBlock(
        engine,
        Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
        setup.batch,
      );
      reply({ kind: 'scored', seq, text, records, failed });
    } catch (e) {
      reply({ kind: 'failed', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
    }
  });
  reply({ kind: 'ready' });
}

if (parentPort) void serve(workerData as WorkerSetup);
