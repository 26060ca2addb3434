/**
 * Wasm backend behaviour beyond the models: runtime errors carry the spec's codes and paths,
 * timeouts stop loops inside the kernel, cells written by the document survive between calls,
 * emit works, and what cannot be lowered is refused with the reason (auto falls back to JS).
 */
import { describe, expect, it, vi } from 'vitest';
import { PFAEngine, PfaError } from '../../../src/index.js';
import { WasmHost } from '../../../src/backend/wasm/host.js';
import {
  NOT_LOWERED_DOC,
  NOT_LOWERED_INPUT,
  NOT_LOWERED_OUTPUT,
  NOT_LOWERED_REASON,
} from '../../helpers/notLowered.js';

const wasm = (doc: object) => PFAEngine.create(doc, { backend: 'wasm' });

describe('Wasm backend engine', () => {
  it('raises int overflow with its code and path', async () => {
    const e = await wasm({ input: 'int', output: 'int', action: { '+': ['input', 2147483647] } });
    expect(e.action(0)).toBe(2147483647);
    try {
      e.action(1);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PfaError);
      expect((err as PfaError).code).toBe(18000);
      expect((err as PfaError).path).toBe('/action');
    }
    expect(e.action(-1)).toBe(2147483646); // the kernel is fine after an error
  }, 60_000);

  it('raises user errors with their message and code', async () => {
    const e = await wasm({
      input: 'double',
      output: 'double',
      action: { if: { '<': ['input', 0] }, then: { error: 'negative', code: -7 }, else: 'input' },
    });
    expect(() => e.action(-1)).toThrow(/negative/);
    expect(e.action(2)).toBe(2);
  }, 60_000);

  it('checks Gaussian parameters from a constant cell per entry (load-time tables), failing only when a bad entry is used, as the JS backend', async () => {
    const gp = {
      type: 'record',
      name: 'GP',
      fields: [
        { name: 'mean', type: 'double' },
        { name: 'variance', type: 'double' },
      ],
    };
    const doc = {
      input: { type: 'map', values: 'double' },
      output: 'double',
      cells: {
        params: {
          type: { type: 'map', values: gp },
          init: {
            a: { mean: 1, variance: 4 },
            b: { mean: -2, variance: 0 },
            c: { mean: 0, variance: -1 },
            d: { mean: 'NaN', variance: 1 },
          },
        },
      },
      action: {
        'a.sum': {
          'a.map': [
            { 'map.keys': 'input' },
            {
              params: [{ k: 'string' }],
              ret: 'double',
              do: {
                'prob.dist.gaussianLL': [
                  { attr: 'input', path: ['k'] },
                  { cell: 'params', path: ['k'] },
                ],
              },
            },
          ],
        },
      },
    };
    const [a, b] = [PFAEngine.fromJson(doc), await wasm(doc)];
    const outcome = (e: PFAEngine, x: Record<string, number>) => {
      try {
        return e.action(new Map(Object.entries(x)));
      } catch (err) {
        return `${(err as PfaError).code}: ${(err as Error).message}`;
      }
    };
    for (const x of [
      { a: 0.5 },
      { a: 0.5, b: -2 },
      { b: 3 },
      { a: 1, c: 0 },
      { d: 1 },
      { a: Infinity },
      { c: 1, a: Infinity },
    ] as Record<string, number>[])
      expect(outcome(b, x)).toEqual(outcome(a, x));
    expect(String(outcome(b, { c: 0 }))).toMatch(/^13000/);
  }, 60_000);

  it('stops an endless loop at the timeout, inside the kernel', async () => {
    const e = await wasm({
      input: 'int',
      output: 'int',
      options: { timeout: 100 },
      action: [{ let: { x: 0 } }, { while: true, do: { set: { x: { '+': ['x', 0] } } } }, 'x'],
    });
    const started = Date.now();
    expect(() => e.action(1)).toThrow(/exceeded timeout of 100 milliseconds/);
    expect(Date.now() - started).toBeLessThan(5000);
  }, 60_000);

  it('stops nested loops over collections at the timeout (their clock is charged 65,536 items at a time)', async () => {
    // 20,000 x 20,000 items of a.map inside a.map: far longer than the timeout.
    const e = await wasm({
      input: { type: 'array', items: 'double' },
      output: 'double',
      options: { timeout: 100 },
      action: {
        'a.sum': {
          'a.map': [
            'input',
            {
              params: [{ x: 'double' }],
              ret: 'double',
              do: {
                'a.sum': { 'a.map': ['input', { params: [{ y: 'double' }], ret: 'double', do: { '*': ['x', 'y'] } }] },
              },
            },
          ],
        },
      },
    });
    const started = Date.now();
    expect(() => e.action(new Array(20_000).fill(1.5))).toThrow(/exceeded timeout of 100 milliseconds/);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(e.action([1, 2])).toBe(9);
  }, 60_000);

  it("keeps the timeout on action's per-record path and where scoreText and scoreBytes place the input", async () => {
    // Once begun, a map engine's records skip the batch: action runs its per-record path and the
    // text paths read the record onto its input wire (WasmHost.placesInput, actionPlaced).
    const doc = {
      input: { type: 'record', name: 'In', fields: [{ name: 'n', type: 'int' }] },
      output: 'int',
      options: { timeout: 100 },
      action: [{ let: { x: 0 } }, { while: { '>': ['input.n', 0] }, do: { set: { x: { '+': ['x', 0] } } } }, 'x'],
    };
    const caught = (f: () => unknown) => {
      try {
        return `no error: ${String(f())}`;
      } catch (err) {
        const { kind, code, path, message } = err as PfaError;
        return `${kind} ${code} ${path} ${message}`;
      }
    };
    const js = PFAEngine.fromJson(doc);
    const inJs = caught(() => js.action(js.decodeText('{"n": 1}')));
    expect(inJs).toMatch(/^timeout .*exceeded timeout of 100 milliseconds$/);
    // The first call runs begin, and its action through the general path (WasmHost.run).
    const e = await wasm(doc);
    const first = caught(() => e.scoreText('{"n": 1}'));
    // The JS backend adds the path of the loop that noticed: compare the rest.
    const unplaced = (s: string) => s.replace(/^(\S+ \S+) \S+/, '$1');
    expect(unplaced(first)).toBe(unplaced(inJs));
    const batch = vi.spyOn(WasmHost.prototype, 'batch');
    try {
      for (let i = 0; i < 2; i++) {
        expect(caught(() => e.action({ n: 1 }))).toBe(first);
        expect(caught(() => e.scoreText('{"n": 1}'))).toBe(first);
        expect(caught(() => e.scoreBytes(new TextEncoder().encode('{"n": 2}')))).toBe(first);
        // (the deadline goes with the call that set it)
        expect(e.scoreText('{"n": 0}')).toBe('0');
      }
      expect(batch).not.toHaveBeenCalled();
    } finally {
      batch.mockRestore();
    }
  }, 60_000);

  it('scores the first text on the per-record path when the document has no begin, and runs a begin once', async () => {
    // (a Lambda's cold start answers its first request with the code of every later one)
    const input = { type: 'record', name: 'In', fields: [{ name: 'x', type: 'double' }] };
    const plain = await wasm({ input, output: 'double', action: { '*': ['input.x', 2] } });
    const begins = await wasm({
      input,
      output: 'double',
      cells: { k: { type: 'double', init: 1 } },
      begin: { cell: 'k', to: { '+': [{ cell: 'k' }, 10] } },
      action: { '*': ['input.x', { cell: 'k' }] },
    });
    const batch = vi.spyOn(WasmHost.prototype, 'batch');
    try {
      expect(plain.scoreText('{"x": 1.5}')).toBe('3');
      expect(batch).not.toHaveBeenCalled();
      // begin runs before the first record (through a batch of one), then never again
      expect(begins.scoreText('{"x": 2}')).toBe('22');
      expect(batch).toHaveBeenCalledTimes(1);
      expect(begins.scoreText('{"x": 3}')).toBe('33');
      expect(begins.action({ x: 1 })).toBe(11);
      expect(batch).toHaveBeenCalledTimes(1);
    } finally {
      batch.mockRestore();
    }
  }, 60_000);

  it('keeps written cells between calls and snapshots them', async () => {
    const e = await wasm({
      input: 'double',
      output: 'double',
      cells: { total: { type: 'double', init: 0 } },
      action: { cell: 'total', to: { '+': [{ cell: 'total' }, 'input'] } },
    });
    expect(e.action(1.5)).toBe(1.5);
    expect(e.action(2)).toBe(3.5);
    expect(e.snapshot().cells.total).toBe(3.5);
  }, 60_000);

  it('loads its cells into a new instance that replaced the kernel between two records', async () => {
    // (action's per-record path skips prepare while nothing changed: a new instance clears the
    // kernel's current host, so the next record takes the path that loads the cells)
    const e = await wasm({
      input: 'double',
      output: 'double',
      cells: { total: { type: 'double', init: 10 } },
      action: { cell: 'total', to: { '+': [{ cell: 'total' }, 'input'] } },
    });
    expect([e.action(1), e.action(2), e.action(3)]).toEqual([11, 13, 16]);
    (e as unknown as { wasm: { kernel: { restartSync(): void } } }).wasm.kernel.restartSync(); // (as after a trap)
    expect([e.action(1), e.action(2)]).toEqual([11, 13]);
  }, 60_000);

  it('stops a kernel at its memory limit (512 MiB) with a runtime error, and recovers', async () => {
    // The array doubles each step: 2^26 doubles (512 MiB) cannot be allocated.
    const e = await wasm({
      input: 'int',
      output: 'int',
      action: [
        { let: { a: { new: [], type: { type: 'array', items: 'double' } } } },
        {
          for: { i: 0 },
          while: { '<': ['i', 'input'] },
          step: { i: { '+': ['i', 1] } },
          do: { set: { a: { 'a.concat': [{ 'a.append': ['a', 1.5] }, 'a'] } } },
        },
        { 'a.len': 'a' },
      ],
    });
    expect(e.action(10)).toBe(1023);
    try {
      e.action(40);
      expect.unreachable();
    } catch (err) {
      expect(err).toBeInstanceOf(PfaError);
      expect((err as PfaError).code).toBe(1200);
    }
    expect(e.action(3)).toBe(7);
  }, 120_000);

  it('gives metrics plain array<double> vectors where the signature says array<union<null, double>> (the DMG k-means tutorial)', async () => {
    const doc = {
      input: { type: 'array', items: 'double' },
      output: 'double',
      action: [
        { let: { y: { type: { type: 'array', items: 'double' }, new: [1.0, 2.0, 3.5] } } },
        {
          '+': [
            { 'metric.minkowski': [{ fcn: 'metric.absDiff' }, 'input', 'y', 3.0] },
            {
              '+': [
                { 'metric.euclidean': [{ fcn: 'metric.absDiff' }, 'input', 'y'] },
                { 'metric.chebyshev': [{ fcn: 'metric.absDiff' }, 'input', 'y'] },
              ],
            },
          ],
        },
      ],
    };
    const [a, b] = [PFAEngine.fromJson(doc), await wasm(doc)];
    expect(b.backend).toBe('wasm');
    for (const x of [
      [1.5, 2.5, 0.5],
      [1, 2, 3.5],
      [-1e300, 0, 1e-300],
    ])
      expect(b.action(x)).toBe(a.action(x));
  }, 60_000);

  it('promotes int arguments of double parameters (tutorial2-04: an int "/" is not AS\'s integer division)', async () => {
    const doc = {
      input: 'int',
      output: 'double',
      action: [
        { let: { x: { '+': ['input', 1] }, y: { '+': ['input', 2] }, z: { '+': ['input', 3] } } },
        { let: { a: { '-': [{ '+': ['x', 'y'] }, 'z'] }, b: { '/': [{ '*': ['x', 'y'] }, 'z'] } } },
        { '/': ['a', 'b'] },
      ],
    };
    const [a, b] = [PFAEngine.fromJson(doc), await wasm(doc)];
    for (const x of [1, 2, 3, 4, 5]) expect(b.action(x)).toBe(a.action(x));
    expect(b.action(1)).toBeCloseTo(2 / 3, 15);
  }, 60_000);

  it('rolls back cells declared with rollback when an action fails (tutorial3-05)', async () => {
    const doc = {
      input: 'int',
      output: 'int',
      cells: { counter: { type: 'int', init: 0, rollback: true }, seen: { type: 'int', init: 0 } },
      action: [
        { cell: 'counter', to: { params: [{ x: 'int' }], ret: 'int', do: { '+': ['x', 1] } } },
        { cell: 'seen', to: { params: [{ x: 'int' }], ret: 'int', do: { '+': ['x', 1] } } },
        { if: { '<': ['input', 4] }, then: [{ error: 'This one is too small.' }] },
        { '+': [{ '*': [{ cell: 'counter' }, 100] }, { cell: 'seen' }] },
      ],
    };
    const [a, b] = [PFAEngine.fromJson(doc), await wasm(doc)];
    const run = (e: PFAEngine) =>
      [1, 2, 3, 4, 5].map((x) => {
        try {
          return e.action(x);
        } catch {
          return 'error';
        }
      });
    const got = run(b);
    expect(got).toEqual(run(a));
    expect(got).toEqual(['error', 'error', 'error', 104, 205]); // counter rolled back, seen not
    expect(b.scoreBatch([1, 4]).map((r) => (r instanceof PfaError ? 'error' : r))).toEqual(['error', 307]);
  }, 60_000);

  it('converts record fields and map values of literals to their declared types (an if/else of a string and null into union<null, string>)', async () => {
    const doc = {
      input: 'int',
      output: {
        type: 'record',
        name: 'Out',
        fields: [
          { name: 'label', type: ['null', 'string'] },
          { name: 'm', type: { type: 'map', values: ['null', 'double'] } },
        ],
      },
      action: {
        type: 'Out',
        new: {
          label: { if: { '>': ['input', 1] }, then: { string: 'one' }, else: null },
          m: {
            type: { type: 'map', values: ['null', 'double'] },
            new: { a: { if: { '>': ['input', 2] }, then: 1.5, else: null } },
          },
        },
      },
    };
    const [a, b] = [PFAEngine.fromJson(doc), await wasm(doc)];
    for (const x of [1, 2, 3]) expect(b.encode(b.action(x))).toEqual(a.encode(a.action(x)));
  }, 60_000);

  // Each call appends 1,000 times (every append copies: ~4 MB of garbage per call, ~8 GB in all).
  const appends = { let: { a: { new: [], type: { type: 'array', items: 'double' } } } };
  const loop = {
    for: { i: 0 },
    while: { '<': ['i', 1000] },
    step: { i: { '+': ['i', 1] } },
    do: { set: { a: { 'a.append': ['a', 1.5] } } },
  };
  const kernelOf = (e: PFAEngine) =>
    (e as unknown as { wasm: { kernel: { exports: { memory: WebAssembly.Memory; arena: WebAssembly.Global } } } }).wasm
      .kernel.exports;

  it('collects the garbage of earlier calls when the engine keeps cells: memory stays bounded over many calls', async () => {
    const e = await wasm({
      input: 'int',
      output: 'int',
      cells: { calls: { type: 'int', init: 0 } },
      action: [appends, loop, { cell: 'calls', to: { '+': [{ cell: 'calls' }, 1] } }, { 'a.len': 'a' }],
    });
    for (let i = 0; i < 2000; i++) expect(e.action(i)).toBe(1000);
    const k = kernelOf(e);
    expect(k.arena.value).toBe(0);
    expect(k.memory.buffer.byteLength).toBeLessThan(256 << 20);
  }, 120_000);

  it("drops each call's objects when the engine keeps nothing (the arena): memory stays at one call's worth, in single calls and in batches", async () => {
    const e = await wasm({ input: 'int', output: 'int', action: [appends, loop, { 'a.len': 'a' }] });
    for (let i = 0; i < 2000; i++) expect(e.action(i)).toBe(1000);
    const k = kernelOf(e);
    expect(k.arena.value).toBe(1);
    const single = k.memory.buffer.byteLength;
    expect(single).toBeLessThan(32 << 20);
    expect(e.scoreBatch(Array.from({ length: 2000 }, (_, i) => i))).toEqual(new Array(2000).fill(1000));
    expect(k.memory.buffer.byteLength).toBe(single);
  }, 120_000);

  it('emits', async () => {
    const e = await wasm({
      input: 'int',
      output: 'int',
      method: 'emit',
      action: [{ emit: 'input' }, { emit: { '*': ['input', 2] } }],
    });
    expect(e.action(4)).toEqual([4, 8]);
  }, 60_000);

  it('refuses what it cannot lower, and auto falls back to JS saying why', async () => {
    const doc = NOT_LOWERED_DOC;
    await expect(wasm(doc)).rejects.toThrow(new RegExp(`not lowered to Wasm: .*${NOT_LOWERED_REASON}`));
    const notes: string[] = [];
    const e = await PFAEngine.create(doc, { backend: 'auto', onBackend: (m) => notes.push(m) });
    expect(e.backend).toBe('js');
    expect(notes.join()).toMatch(new RegExp(NOT_LOWERED_REASON));
    expect(e.encode(e.action(e.decode(JSON.parse(NOT_LOWERED_INPUT))))).toBe(NOT_LOWERED_OUTPUT);
  }, 60_000);

  it('reads outputs of any size where the kernel says they start, after its output buffer grew and was made again', async () => {
    // 20,000 doubles need 160 KB: the 64 KB output buffer grows (and, in an arena kernel, is made
    // again below the mark at the next call). The host reads the buffer's address from the
    // kernel's static copy of it (runtime.ts OUT_BASE_SLOT), not by calling outBegin.
    const arena = {
      input: { type: 'array', items: 'double' },
      output: { type: 'array', items: 'double' },
      action: { 'a.map': ['input', { params: [{ x: 'double' }], ret: 'double', do: { '/': ['x', 7] } }] },
    };
    const kept = {
      ...arena,
      cells: { calls: { type: 'int', init: 0 } },
      action: [{ cell: 'calls', to: { '+': [{ cell: 'calls' }, 1] } }, arena.action],
    };
    for (const doc of [arena, kept]) {
      const [js, e] = [PFAEngine.fromJson(doc), await wasm(doc)];
      for (const n of [3, 20_000, 2, 50_000, 1, 0, 9]) {
        const x = Array.from({ length: n }, (_, i) => i + 0.5);
        expect(e.action(x)).toEqual(js.action(x));
      }
    }
  }, 60_000);
});
