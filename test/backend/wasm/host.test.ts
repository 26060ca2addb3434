/**
 * The one kernel host (src/backend/wasm/host.ts) as PFAEngine starts it: from a precompiled
 * module's manifest without lowering the document, or from the lowering's runtime section built
 * in memory; and the user's emit hook hears each emitted value once on every path in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readDocument } from '../../../src/document/read.js';
import { checkDocument } from '../../../src/check/document.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { compileSource } from '../../../src/backend/wasm/compile.js';
import { Manifest, makeManifest } from '../../../src/backend/wasm/artifact.js';
import { PFAEngine, PfaError } from '../../../src/index.js';
import { hostPlan } from '../../../src/backend/wasm/hostManifest.js';
import { base64Decode } from '../../../src/codec/base64.js';
import { batchSource } from '../../../src/backend/wasm/lower/lowered.js';
import { hostManifest } from '../../../src/backend/wasm/load.js';
import { KernelInstance } from '../../../src/backend/wasm/instance.js';
import { WasmHost } from '../../../src/backend/wasm/host.js';

const DOC = {
  name: 'counts',
  method: 'emit',
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'x', type: 'double' },
      { name: 'n', type: 'int' },
    ],
  },
  output: 'double',
  cells: { total: { type: 'double', init: 0 } },
  begin: [{ emit: -1 }],
  action: [
    { if: { '<': ['input.n', 0] }, then: { error: 'negative n', code: -3 } },
    { cell: 'total', to: { params: [{ t: 'double' }], ret: 'double', do: { '+': ['t', 'input.x'] } } },
    {
      for: { i: 0 },
      while: { '<': ['i', 'input.n'] },
      step: { i: { '+': ['i', 1] } },
      do: [{ emit: { cell: 'total' } }],
    },
  ],
};
const TEXT = JSON.stringify(DOC);
const LINES = ['{"x": 1.5, "n": 2}', '{"x": 2, "n": -1}', '{"x": 0.25, "n": 1}', 'not JSON', '{"x": 1, "n": 0}'];

describe('the kernel host', () => {
  let wasm: Uint8Array;
  let manifest: Manifest;

  beforeAll(async () => {
    const typed = checkDocument(readDocument(TEXT));
    const lowering = tryLower(typed);
    if (!lowering.ok) throw new Error(lowering.reason);
    wasm = (await compileSource(lowering.lowered.source)).binary;
    manifest = makeManifest(TEXT, lowering.lowered, wasm, typed);
  }, 120_000);

  /**
   * Each line's answer (text or error code) and the cells after. (`begin` first: the backends
   * differ on whose answer begin's values join when a batch path runs it, batch.test.ts.)
   */
  function run(engine: PFAEngine) {
    engine.begin();
    const answers = engine.scoreTextBatch(LINES).map((a) => (a instanceof PfaError ? a.code : a));
    return { answers, cells: engine.snapshot().cells };
  }

  it('runs a precompiled module from its manifest without lowering the document', async () => {
    const heard: unknown[] = [],
      heardJs: unknown[] = [];
    const notes: string[] = [];
    // A lowering hash that fits no lowering: only a host that never lowers can use this module.
    const stale = { ...manifest, sourceSha256: '0'.repeat(64) };
    const e = await PFAEngine.create(TEXT, {
      backend: 'wasm',
      precompiled: { wasm, manifest: stale, documentText: TEXT },
      emit: (v) => heard.push(v),
      onBackend: (m) => notes.push(m),
    });
    expect(notes).toEqual(['wasm: using the precompiled module']);
    expect(e.backend).toBe('wasm');
    const js = PFAEngine.fromJson(TEXT, { emit: (v) => heardJs.push(v) });
    expect(run(e)).toEqual(run(js));
    expect(heard).toEqual(heardJs);
    expect(heard).toEqual([-1, 1.5, 1.5, 1.75]);
  });

  it('reads the loaded values as codec/base64.ts reads them, by the platform, and refuses what it refuses', () => {
    const runtime = manifest.runtime!;
    const plan = (loaded: string) => hostPlan({ dictionary: manifest.dictionary, runtime: { ...runtime, loaded } });
    const bytes = Array.from(base64Decode(runtime.loaded)!);
    expect(bytes.length).toBeGreaterThan(0);
    expect(Array.from(plan(runtime.loaded).loaded)).toEqual(bytes);
    expect(Array.from(plan(runtime.loaded.replace(/=+$/, '')).loaded)).toEqual(bytes);
    // Node's Buffer would skip the space and read '-' as URL-safe base64, to as many bytes.
    for (const bad of [` ${runtime.loaded}`, runtime.loaded.replace(/[A-Za-z0-9]/, '-'), `${runtime.loaded}A`]) {
      expect(base64Decode(bad), bad).toBeUndefined();
      expect(() => plan(bad), bad).toThrow(PfaError);
    }
  });

  it('hears each emitted value once, one record at a time, in a batch of values and of texts', async () => {
    const heard: unknown[] = [];
    const e = await PFAEngine.create(TEXT, {
      backend: 'wasm',
      precompiled: { wasm, manifest, documentText: TEXT },
      emit: (v) => heard.push(v),
    });
    // begin runs before the first record, and its values belong to that record's answer.
    expect(e.action(e.decodeText(LINES[0]))).toEqual([-1, 1.5, 1.5]);
    expect(
      e.scoreBatch([e.decodeText(LINES[2]), e.decodeText(LINES[1])]).map((r) => (r instanceof PfaError ? r.code : r)),
    ).toEqual([[1.75], -3]);
    expect(e.scoreTextBatch([LINES[2], LINES[4]])).toEqual(['2', '']);
    expect(heard).toEqual([-1, 1.5, 1.5, 1.75, 2]);
  });

  it("writes each record where the kernel reads it while the paths in take turns and the kernel's memory grows", async () => {
    // action keeps its wire writer attached between records (WasmHost.writeInput): it must attach
    // again when a large input grew the wire buffer or the kernel grew its memory (the old buffer
    // is then detached, and writes to it would be lost), and after the other paths used the wire.
    const doc = {
      input: {
        type: 'record',
        name: 'In',
        fields: [
          { name: 'x', type: 'double' },
          { name: 'xs', type: { type: 'array', items: 'double' } },
        ],
      },
      output: 'double',
      action: { '+': ['input.x', { 'a.sum': 'input.xs' }] },
    };
    const record = (x: number, n: number) => ({ x, xs: Array.from({ length: n }, (_, i) => i + x / 8) });
    const js = PFAEngine.fromJson(doc);
    const e = await PFAEngine.create(doc, { backend: 'wasm' });
    for (const n of [3, 40_000, 2, 17, 16, 100_000, 1, 0, 5]) {
      const r = record(n % 7, n);
      expect(e.action(r), `action, ${n} items`).toBe(js.action(r));
      const text = JSON.stringify({ x: 0.5, xs: [n, 1.25] });
      expect(e.scoreText(text), `scoreText after ${n} items`).toBe(js.scoreText(text));
      const batch = [record(1, 2), record(2, n)];
      expect(e.scoreBatch(batch), `scoreBatch after ${n} items`).toEqual(js.scoreBatch(batch));
    }
  }, 120_000);
});

describe('hosts sharing a kernel', () => {
  it('score after another host on the kernel grew the wire buffer (which freed the one they wrote to)', async () => {
    // A written cell makes the kernel collected (TLSF): a freed wire buffer is reused by the
    // kernel's own objects, so a host writing to its old address would corrupt them.
    const doc = {
      input: { type: 'array', items: 'double' },
      output: 'double',
      cells: { total: { type: 'double', init: 0 } },
      action: [
        { cell: 'total', to: { params: [{ t: 'double' }], ret: 'double', do: { '+': ['t', { 'a.sum': 'input' }] } } },
        { '+': [{ cell: 'total' }, { 'a.sum': { 'a.map': ['input', { fcn: 'm.abs' }] } }] },
      ],
    };
    const typed = PFAEngine.fromJson(doc).typed;
    const lowering = tryLower(typed);
    if (!lowering.ok) throw new Error(lowering.reason);
    const { binary } = await compileSource(batchSource([lowering.lowered, lowering.lowered]));
    const kernel = await KernelInstance.create(await WebAssembly.compile(binary as Uint8Array<ArrayBuffer>));
    expect(kernel.arena).toBe(false);
    const manifest = hostManifest(typed, lowering.lowered);
    const [a, b] = [WasmHost.onKernel(kernel, 'k0_', manifest), WasmHost.onKernel(kernel, 'k1_', manifest)];
    const [jsA, jsB] = [PFAEngine.fromJson(doc), PFAEngine.fromJson(doc)];
    const xs = (n: number, k: number) => Array.from({ length: n }, (_, i) => (i % 13) - 6 + k / 4);
    for (let k = 0; k < 3; k++) {
      expect(a.action(xs(5, k)), `a, round ${k}`).toBe(jsA.action(xs(5, k)));
      // (200,000 doubles: 1.6 MB of wire, past every buffer the kernel had)
      const big = xs(200_000 * (k + 1), k);
      expect(b.action(big), `b, round ${k}`).toBe(jsB.action(big));
      for (let j = 0; j < 50; j++) expect(a.action(xs(40, j)), `a after b, round ${k}`).toBe(jsA.action(xs(40, j)));
    }
  }, 120_000);
});
