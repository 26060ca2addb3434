/**
 * A guard against a trial that never returns. The engine runs synchronously on the main thread,
 * so nothing there can interrupt it; a small worker thread watches a timestamp the runner sets
 * before each trial, and when one trial has run too long it names the trial on stderr and ends
 * the process, instead of letting a full run hang silently. (Slow trials that do return are
 * judged by the runner itself: trial.ts, `trialMs`.)
 */
import { Worker } from 'node:worker_threads';

export interface Watchdog {
  /** Names the test whose trials come next (shown if one of them hangs). */
  test(label: string): void;
  /** Marks the start of a trial. */
  enter(trialIndex: number): void;
  /** Marks its end. */
  leave(): void;
  stop(): Promise<void>;
}

export interface WatchdogOptions {
  /** How long one trial may run. */
  limitMs: number;
  /** Instead of ending the process, append the message to this file (for tests). */
  reportTo?: string;
}

// Plain JS, run with `eval` so that it works the same from src/ (under vitest) and dist/.
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { shared, limitMs, reportTo } = workerData;
const started = new Float64Array(shared, 0, 1);
const trial = new Int32Array(shared, 8, 1);
let label = '';
parentPort.on('message', (m) => { label = m; });
setInterval(() => {
  const t = started[0];
  if (t === 0 || Date.now() - t <= limitMs) return;
  started[0] = 0;
  const message = 'conformance: ' + label + ', trial ' + trial[0] + ' has run for more than ' + limitMs + ' ms; stopping\\n';
  if (reportTo) { fs.appendFileSync(reportTo, message); return; }
  fs.writeSync(2, message);
  process.kill(process.pid, 'SIGTERM');
  setTimeout(() => process.kill(process.pid, 'SIGKILL'), 2000).unref();
}, Math.max(10, Math.min(1000, limitMs / 4)));
`;

export function startWatchdog(options: WatchdogOptions): Watchdog {
  const shared = new SharedArrayBuffer(16);
  const started = new Float64Array(shared, 0, 1);
  const trial = new Int32Array(shared, 8, 1);
  const worker = new Worker(WORKER, {
    eval: true,
    workerData: { shared, limitMs: options.limitMs, reportTo: options.reportTo },
  });
  worker.unref();
  return {
    test: (label) => worker.postMessage(label),
    enter(trialIndex) {
      trial[0] = trialIndex;
      started[0] = Date.now();
    },
    leave() {
      started[0] = 0;
    },
    async stop() {
      await worker.terminate();
    },
  };
}
