/**
 * JSON lines scored by worker threads, one engine each, answers written in input order. Only for
 * engines whose answer depends on the record alone (`parallelSafe`): a `map` engine that never
 * writes a cell or pool (reading them is fine), draws no pseudorandom numbers (each engine has
 * its own generator) and reads no actionsStarted/actionsFinished (each engine counts its own). The main thread only cuts
 * the input into blocks of whole lines and moves bytes; workers decode, split, score and encode.
 */
import { Worker } from 'node:worker_threads';
import { PFAEngine } from '../../../engine.js';
import { library } from '../../../lib/index.js';
import { Scored } from './batch.js';
import type { WorkerJob, WorkerReply, WorkerSetup } from './worker.js';

export function parallelSafe(engine: PFAEngine, documentText: string): boolean {
  const t = engine.typed;
  if (t.method !== 'map') return false;
  for (const name of t.used) if (library.get(name)?.nondeterministic === 'pseudorandom') return false;
  // Conservative: the words anywhere in the document (even in a string) keep scoring in one thread.
  if (/actionsStarted|actionsFinished/.test(documentText)) return false;
  return !writesState([t.action, t.begin, t.end, ...t.fcns.values()]);
}

/** Does any node under `roots` set a cell or a pool item, or delete a pool item? */
function writesState(roots: unknown[]): boolean {
  const seen = new WeakSet<object>();
  const stack = [...roots];
  while (stack.length > 0) {
    const x = stack.pop();
    if (typeof x !== 'object' || x === null || seen.has(x)) continue;
    seen.add(x);
    const node = x as { k?: unknown; to?: unknown };
    if (((node.k === 'cell' || node.k === 'pool') && node.to != null) || node.k === 'pooldel') return true;
    for (const v of x instanceof Map ? x.values() : Object.values(x)) stack.push(v);
  }
  return false;
}

/** Bytes of input per job: enough lines that messages cost little beside scoring them. */
const JOB_BYTES = 1 << 20;

/**
 * Scores the blocks (whole lines each, from lineBlocks) with `count` workers and hands each job's
 * output to `write` in input order. At most two jobs per worker are in flight, so memory stays
 * bounded whatever the input size.
 */
export async function scoreInWorkers(
  setup: WorkerSetup,
  count: number,
  blocks: AsyncIterable<Buffer>,
  write: (s: Scored) => Promise<void>,
): Promise<void> {
  const workers = await Promise.all(Array.from({ length: count }, () => startWorker(setup)));
  try {
    const pending: Promise<Scored>[] = [];
    const load = new Array<number>(count).fill(0);
    let next = 0;
    const submit = (bytes: Uint8Array) => {
      // The least busy worker takes the job (the machine may be shared: workers run unevenly).
      let w = 0;
      for (let i = 1; i < count; i++) if (load[i] < load[w]) w = i;
      load[w]++;
      const job = workers[w].run(next++, bytes);
      const done = job.finally(() => {
        load[w]--;
      });
      // A failure is reported when its turn to be written comes, not as an unhandled rejection before.
      done.catch(() => {});
      pending.push(done);
    };
    let parts: Buffer[] = [];
    let size = 0;
    for await (const block of blocks) {
      parts.push(block);
      size += block.length;
      if (size < JOB_BYTES) continue;
      submit(concatFresh(parts, size));
      parts = [];
      size = 0;
      while (pending.length >= 2 * count) await write(await pending.shift()!);
    }
    if (size > 0) submit(concatFresh(parts, size));
    while (pending.length > 0) await write(await pending.shift()!);
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** A copy in an ArrayBuffer of its own, which can be transferred to a worker without copying again. */
function concatFresh(parts: Buffer[], size: number): Uint8Array {
  const out = new Uint8Array(new ArrayBuffer(size));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

interface RunningWorker {
  run(seq: number, bytes: Uint8Array): Promise<Scored>;
  stop(): Promise<void>;
}

/**
 * The worker's script. Under vitest or tsx the sources are TypeScript: a small bootstrap registers
 * tsx's loader in the worker thread first, then imports worker.ts.
 */
function newWorker(setup: WorkerSetup): Worker {
  if (!import.meta.url.endsWith('.ts'))
    return new Worker(new URL('./worker.js', import.meta.url), { workerData: setup });
  const script = new URL('./worker.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${JSON.stringify(script)}); });`;
  return new Worker(boot, { eval: true, workerData: setup });
}

async function startWorker(setup: WorkerSetup): Promise<RunningWorker> {
  const worker = newWorker(setup);
  const waiting = new Map<number, { resolve: (s: Scored) => void; reject: (e: Error) => void }>();
  let failure: Error | null = null;
  const fail = (e: Error) => {
    failure ??= e;
    for (const w of waiting.values()) w.reject(failure);
    waiting.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once('message', (m: WorkerReply) =>
      m.kind === 'ready' ? resolve() : reject(new Error(m.kind === 'failed' ? m.message : 'worker did not start')),
    );
    worker.once('error', reject);
  });
  worker.on('message', (m: WorkerReply) => {
    if (m.kind === 'failed') return fail(new Error(`a scoring worker failed: ${m.message}`));
    if (m.kind !== 'scored') return;
    const w = waiting.get(m.seq)!;
    waiting.delete(m.seq);
    w.resolve({ text: m.text, records: m.records, failed: m.failed });
  });
  worker.on('error', fail);
  worker.on('exit', (code) => fail(new Error(`a scoring worker exited (${code})`)));
  return {
    run(seq, bytes) {
      if (failure) return Promise.reject(failure);
      return new Promise<Scored>((resolve, reject) => {
        waiting.set(seq, { resolve, reject });
        worker.postMessage({ seq, bytes } satisfies WorkerJob, [bytes.buffer as ArrayBuffer]);
      });
    },
    async stop() {
      worker.removeAllListeners('exit');
      await worker.terminate();
    },
  };
}
