/**
 * The library's unit tests on both backends (issue 16, section 3). `bothBackends(body)` registers
 * a file's tests twice: first on the JS backend, then on the Wasm backend, with the same bodies and
 * expectations. `score` and `call` (helpers/pfa.ts) run on the backend of the pass they are in.
 *
 * The JS pass records every document a file scores and every answer it gave; the Wasm pass
 * compiles all those documents in one asc run before its first test (as the conformance harness
 * does: asc costs seconds, so one run per file, not one per test), and then checks each of its
 * answers against the JS one for the same document and inputs: doubles bit for bit (Object.is),
 * errors by code and message, whatever looser expectation the test itself states. Exempt: a
 * document without `randseed` that draws pseudorandom numbers (each engine seeds itself).
 */
import { afterAll, beforeAll, describe, it } from 'vitest';
import { PFAEngine } from '../../src/index.js';
import { batchSource } from '../../src/backend/wasm/lower/lowered.js';
import { LoweredModule } from '../../src/backend/wasm/lower/module.js';
import { hostManifest, tryLower } from '../../src/backend/wasm/load.js';
import { KernelInstance, makesHostCalls } from '../../src/backend/wasm/instance.js';
import { WasmHost } from '../../src/backend/wasm/host.js';
import type { Value } from '../../src/values.js';
import { library } from '../../src/lib/index.js';

export type TestBackend = 'js' | 'wasm';

/** A scoring engine as the tests use it: the PFAEngine calls of one action. */
export interface Scorer {
  decode(json: unknown): Value;
  action(input: Value): Value;
  encode(value: Value): unknown;
}

/** What the Wasm pass made of one recorded document. */
type Built =
  | { kind: 'invalid' } // the front end rejects it: both backends throw the same error
  | { kind: 'notLowered'; reason: string }
  | { kind: 'compileError'; message: string }
  | { kind: 'compiled'; make: () => Scorer };

interface JsPass {
  backend: 'js';
  docs: Map<string, unknown>;
  answers: Map<string, unknown[]>;
}
interface WasmPass {
  backend: 'wasm';
  built: Map<string, Built>;
  answers: Map<string, unknown[]>;
}

/** The pass whose tests are running; null outside bothBackends (plain JS, nothing recorded). */
let running: JsPass | WasmPass | null = null;
/** The backend whose tests are being registered (set while bothBackends calls its body). */
let registering: TestBackend | null = null;

/** A key telling documents and inputs apart exactly (-0, NaN, infinities and bigints included). */
export function exactKey(x: unknown): string {
  if (typeof x === 'string') return x;
  return JSON.stringify(x, (_k, v: unknown) => {
    if (typeof v === 'bigint') return { bigint: v.toString() };
    if (typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)))
      return { number: String(Object.is(v, -0) ? '-0' : v) };
    return v;
  });
}

/** Whether `doc` draws from an unseeded generator: then the two backends' draws differ. */
function drawsUnseeded(doc: unknown): boolean {
  let json = doc;
  if (typeof doc === 'string') {
    try {
      json = JSON.parse(doc);
    } catch {
      return true; // (YAML: assume it may, and leave its answers uncompared)
    }
  }
  if ((json as { randseed?: unknown }).randseed !== undefined) return false;
  const pseudorandom = (name: unknown) =>
    typeof name === 'string' && library.get(name)?.nondeterministic === 'pseudorandom';
  const walk = (x: unknown): boolean => {
    if (Array.isArray(x)) return x.some(walk);
    if (x === null || typeof x !== 'object') return false;
    return Object.entries(x).some(([k, v]) => pseudorandom(k) || (k === 'fcn' && pseudorandom(v)) || walk(v));
  };
  return walk(json);
}

/**
 * The engine for `doc` on the running pass, and a check for its answers to `inputs`: on the JS
 * pass it records them, on the Wasm pass it returns the JS answers to compare with (or undefined).
 */
export function engineFor(doc: object | string): {
  scorer: Scorer;
  recorded: (inputs: unknown[]) => unknown[] | undefined;
  keep: (inputs: unknown[], answers: unknown[]) => void;
} {
  const key = exactKey(doc);
  const pass = running;
  if (pass === null) return { scorer: PFAEngine.fromJson(doc), recorded: () => undefined, keep: () => {} };
  const answerKey = (inputs: unknown[]) => `${key}\n${exactKey(inputs)}`;
  if (pass.backend === 'js') {
    pass.docs.set(key, doc);
    return {
      scorer: PFAEngine.fromJson(doc, { backend: 'js' }),
      recorded: () => undefined,
      keep: (inputs, answers) => {
        if (!drawsUnseeded(doc)) pass.answers.set(answerKey(inputs), answers);
      },
    };
  }
  const built = pass.built.get(key);
  if (!built)
    throw new Error(
      'the JS pass did not score this document, so the Wasm pass did not compile it (was the JS test filtered out?)',
    );
  if (built.kind === 'invalid') return { scorer: PFAEngine.fromJson(doc), recorded: () => undefined, keep: () => {} };
  if (built.kind === 'notLowered') throw new Error(`not lowered: ${built.reason}`);
  if (built.kind === 'compileError') throw new Error(`the lowered document does not compile: ${built.message}`);
  return { scorer: built.make(), recorded: (inputs) => pass.answers.get(answerKey(inputs)), keep: () => {} };
}

/** Compiles every recorded document that lowers in one asc run; one shared kernel instance. */
async function buildAll(docs: Map<string, unknown>): Promise<Map<string, Built>> {
  const built = new Map<string, Built>();
  const pending: { key: string; typed: PFAEngine['typed']; lowered: LoweredModule }[] = [];
  for (const [key, doc] of docs) {
    let typed: PFAEngine['typed'];
    try {
      typed = PFAEngine.fromJson(doc as object).typed;
    } catch {
      built.set(key, { kind: 'invalid' });
      continue;
    }
    const l = tryLower(typed);
    if (l.ok) pending.push({ key, typed, lowered: l.lowered });
    else built.set(key, { kind: 'notLowered', reason: l.reason });
  }
  const { compileSource } = await import('../../src/backend/wasm/compile.js');
  const compile = async (group: typeof pending) => {
    const { binary } = await compileSource(batchSource(group.map((p) => p.lowered)));
    const module = await WebAssembly.compile(binary as Uint8Array<ArrayBuffer>);
    const hostCalls = group.some((p) => makesHostCalls(hostManifest(p.typed, p.lowered).runtime.sites));
    const kernel = await KernelInstance.create(module, hostCalls);
    group.forEach((p, i) => {
      const manifest = hostManifest(p.typed, p.lowered);
      // A fresh host per score call loads the engine's cells and pools again, as a fresh JS engine starts.
      const make = (): Scorer => {
        const host = WasmHost.onKernel(kernel, `k${i}_`, manifest);
        return {
          decode: (x) => host.codec.decode(x),
          action: (v) => host.action(v),
          encode: (v) => host.codec.encode(v),
        };
      };
      built.set(p.key, { kind: 'compiled', make });
    });
  };
  if (pending.length === 0) return built;
  try {
    await compile(pending);
  } catch {
    // One engine broke the batch: compile each alone, so only its own tests fail.
    for (const p of pending) {
      try {
        await compile([p]);
      } catch (e) {
        built.set(p.key, { kind: 'compileError', message: (e as Error).message.slice(0, 400) });
      }
    }
  }
  return built;
}

/** asc on a loaded 2-core machine: a file's batch can take minutes. */
const BUILD_TIMEOUT_MS = 900_000;

/** Registers `body`'s tests on the JS backend, then again on the Wasm backend. */
export function bothBackends(body: () => void): void {
  const js: JsPass = { backend: 'js', docs: new Map(), answers: new Map() };
  describe('js', () => {
    beforeAll(() => void (running = js));
    afterAll(() => void (running = null));
    register('js', body);
  });
  describe('wasm', () => {
    beforeAll(async () => {
      running = { backend: 'wasm', built: await buildAll(js.docs), answers: js.answers };
    }, BUILD_TIMEOUT_MS);
    afterAll(() => void (running = null));
    register('wasm', body);
  });
}

function register(backend: TestBackend, body: () => void): void {
  registering = backend;
  try {
    body();
  } finally {
    registering = null;
  }
}

type ItLike = (name: string, fn: () => unknown, timeout?: number) => void;

/** `it`, pinning a known difference of the Wasm backend (`why`, one line; reported to the lead). */
export function itWasmFails(why: string): ItLike {
  return (name, fn, timeout) => {
    if (registering !== 'wasm') return it(name, fn, timeout);
    it.fails(`${name} [wasm differs: ${why}]`, fn, timeout);
  };
}

/** `it`, for a test that cannot run on the Wasm backend: `why` says why, in one line. */
export function itJsOnly(why: string): ItLike {
  return (name, fn, timeout) => {
    if (registering !== 'wasm') return it(name, fn, timeout);
    it.skip(`${name} [not on wasm: ${why}]`, fn, timeout);
  };
}
