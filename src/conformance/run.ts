/**
 * Runs the conformance suite: each test's engine is built once, then its trials run in order on
 * that engine, as the reference runs did (so engines with cells or a random generator see the
 * same sequence of calls). Counts go into a Report by function; failures are kept with their
 * inputs, up to a bound per function so that a broken namespace cannot exhaust memory.
 */
import { PfaError } from '../errors/PfaError.js';
import { readSuite, SuiteTest } from './suite.js';
import { functionFilter } from './filter.js';
import { ConformanceEngine, describeCrash, runTrial, TrialOutcome, usesFloat } from './trial.js';
import { startWatchdog, Watchdog } from './watchdog.js';

export type Backend = 'js' | 'wasm';

export interface Counts {
  passed: number;
  failed: number;
  skipped: number;
  /** Passed trials that also pass the strict comparison (compare.ts, STRICT). */
  strict: number;
}

export interface Failure {
  function: string;
  /** 0-based position of the test among the tests of its function. */
  engineIndex: number;
  /** 0-based position of the test in the suite, and its line in the unzipped file. */
  testIndex: number;
  line: number;
  /** -1 when the whole test failed (its engine did not build). */
  trialIndex: number;
  sample?: unknown;
  expected?: unknown;
  actual?: unknown;
  reason: string;
}

export interface Report extends Counts {
  byFunction: Record<string, Counts>;
  failures: Failure[];
  /** Failures not kept because their function already had `maxFailuresPerFunction`. */
  failuresDropped: number;
  tests: number;
  ms: number;
}

export interface Progress extends Counts {
  tests: number;
  function: string;
  /** Share of the suite file read so far, 0 to 1. */
  fraction: number;
}

export interface RunOptions {
  /** Path of the suite (`.json.gz` or plain). */
  suite: string;
  /** Function-name filters (filter.ts): exact names of known functions, else prefixes. */
  filter?: string | readonly string[];
  backend?: Backend;
  /** Builds an engine from a test's document; defaults to PFAEngine with `backend`. */
  build?: (doc: unknown) => ConformanceEngine | Promise<ConformanceEngine>;
  /** Names a filter may match exactly; defaults to the library's functions. */
  knownNames?: ReadonlySet<string>;
  onProgress?: (p: Progress) => void;
  maxFailuresPerFunction?: number;
  /** A trial slower than this fails; once a test has used `testMs`, its other trials fail unrun. */
  trialMs?: number;
  testMs?: number;
  /** When set, a trial still running after this long ends the process, naming it (watchdog.ts). */
  hangMs?: number;
}

/** Everything a run needs, resolved from RunOptions. */
interface Setup {
  build: (doc: unknown) => ConformanceEngine | Promise<ConformanceEngine>;
  select: ((name: string) => boolean) | undefined;
  maxFailures: number;
  trialMs: number;
  testMs: number;
  watchdog: Watchdog | undefined;
  onProgress: ((p: Progress) => void) | undefined;
}

export async function runConformance(options: RunOptions): Promise<Report> {
  const started = performance.now();
  const filters =
    options.filter === undefined ? [] : typeof options.filter === 'string' ? [options.filter] : options.filter;
  const setup: Setup = {
    build: options.build ?? (await defaultBuilder(options.backend ?? 'js')),
    select: functionFilter(filters, options.knownNames ?? (await libraryNames())),
    maxFailures: options.maxFailuresPerFunction ?? 20,
    trialMs: options.trialMs ?? 10_000,
    testMs: options.testMs ?? 300_000,
    watchdog: options.hangMs ? startWatchdog({ limitMs: options.hangMs }) : undefined,
    onProgress: options.onProgress,
  };
  try {
    const report = await runSuite(options.suite, setup);
    report.ms = performance.now() - started;
    return report;
  } finally {
    await setup.watchdog?.stop();
  }
}

async function runSuite(suite: string, setup: Setup): Promise<Report> {
  const report: Report = {
    passed: 0,
    failed: 0,
    skipped: 0,
    strict: 0,
    byFunction: {},
    failures: [],
    failuresDropped: 0,
    tests: 0,
    ms: 0,
  };
  const kept = new Map<string, number>();
  const testsOf = new Map<string, number>();
  let fraction = 0;
  const record = (f: Failure) => {
    const n = kept.get(f.function) ?? 0;
    if (n >= setup.maxFailures) {
      report.failuresDropped++;
      return;
    }
    kept.set(f.function, n + 1);
    report.failures.push(f);
  };

  for await (const test of readSuite(suite, {
    select: setup.select,
    onRead: (p) => {
      fraction = p.bytesRead / p.bytesTotal;
    },
  })) {
    const engineIndex = testsOf.get(test.function) ?? 0;
    testsOf.set(test.function, engineIndex + 1);
    const counts = (report.byFunction[test.function] ??= { passed: 0, failed: 0, skipped: 0, strict: 0 });
    const add = (key: keyof Counts, n = 1) => {
      counts[key] += n;
      report[key] += n;
    };
    const where = { function: test.function, engineIndex, testIndex: test.index, line: test.line };
    report.tests++;
    setup.watchdog?.test(`${test.function} #${engineIndex} (suite line ${test.line})`);

    let engine: ConformanceEngine | undefined;
    try {
      engine = await setup.build(test.engine);
    } catch (e) {
      const reason =
        e instanceof PfaError ? `engine did not build: ${e.describe()}` : `crash while building: ${describeCrash(e)}`;
      const run = test.trials.filter((t) => t.skip === undefined).length;
      add('failed', run);
      add('skipped', test.trials.length - run);
      record({ ...where, trialIndex: -1, reason });
    }
    if (engine !== undefined) runTrials(engine, test, setup, add, (f) => record({ ...where, ...f }));
    setup.onProgress?.({
      passed: report.passed,
      failed: report.failed,
      skipped: report.skipped,
      strict: report.strict,
      tests: report.tests,
      function: test.function,
      fraction,
    });
  }
  return report;
}

function runTrials(
  engine: ConformanceEngine,
  test: SuiteTest,
  setup: Setup,
  add: (key: keyof Counts, n?: number) => void,
  record: (f: Omit<Failure, 'function' | 'engineIndex' | 'testIndex' | 'line'>) => void,
): void {
  let spent = 0;
  const doc = test.engine as { input?: unknown } | null;
  const context = { trialMs: setup.trialMs, floats: usesFloat(test.engine), input: doc?.input };
  test.trials.forEach((trial, trialIndex) => {
    const expected = trial.error !== undefined ? { error: trial.error } : trial.hasResult ? trial.result : undefined;
    let outcome: TrialOutcome;
    if (spent > setup.testMs && trial.skip === undefined) {
      outcome = { status: 'failed', strict: false, reason: `not run: the test used its ${setup.testMs} ms`, ms: 0 };
    } else {
      setup.watchdog?.enter(trialIndex);
      outcome = runTrial(engine, trial, context);
      setup.watchdog?.leave();
      spent += outcome.ms;
    }
    add(outcome.status);
    if (outcome.status === 'passed' && outcome.strict) add('strict');
    if (outcome.status === 'failed')
      record({
        trialIndex,
        sample: trial.sample,
        expected,
        actual: outcome.actual,
        reason: outcome.reason ?? 'failed',
      });
  });
}

/**
 * PFAEngine.fromJson for the JS backend (synchronous); PFAEngine.create for Wasm (it compiles
 * asynchronously). Imported on demand, so the harness and its tests load without the engine.
 */
async function defaultBuilder(
  backend: Backend,
): Promise<(doc: unknown) => ConformanceEngine | Promise<ConformanceEngine>> {
  const { PFAEngine } = await import('../engine.js');
  type Source = Parameters<typeof PFAEngine.fromJson>[0];
  if (backend === 'js') return (doc) => PFAEngine.fromJson(doc as Source, { backend });
  return (doc) => PFAEngine.create(doc as Source, { backend });
}

async function libraryNames(): Promise<ReadonlySet<string>> {
  const { library } = await import('../lib/index.js');
  return new Set(library.keys());
}
