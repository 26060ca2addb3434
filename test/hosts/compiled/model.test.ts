/**
 * The front-end-free runtime (src/hosts/compiled/) on real compiled modules: it must answer as the JS
 * backend does from the manifest alone (types, error sites, dictionary, loaded cells), with the
 * manifest read back from its JSON text as a browser would fetch it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readDocument } from '../../../src/document/read.js';
import { checkDocument } from '../../../src/check/document.js';
import { tryLower } from '../../../src/backend/wasm/load.js';
import { compileSource } from '../../../src/backend/wasm/compile.js';
import { makeManifest, Manifest } from '../../../src/backend/wasm/artifact.js';
import { CompiledModel, PfaError, loadModel } from '../../../src/hosts/compiled/index.js';
import { PFAEngine } from '../../../src/index.js';

async function compiled(doc: object): Promise<{ wasm: Uint8Array; manifestText: string }> {
  const text = JSON.stringify(doc);
  const typed = checkDocument(readDocument(text));
  const lowering = tryLower(typed);
  if (!lowering.ok) throw new Error(`test document does not lower: ${lowering.reason}`);
  const { binary } = await compileSource(lowering.lowered.source);
  return { wasm: binary, manifestText: JSON.stringify(makeManifest(text, lowering.lowered, binary, typed)) };
}

/** Avro-JSON outcome of one record: the output, or the error's kind, code, message and paths. */
function outcome(f: () => unknown): unknown {
  try {
    return f();
  } catch (e) {
    if (!(e instanceof PfaError)) throw e;
    return { kind: e.kind, code: e.code, message: e.message, path: e.path, inputPath: e.inputPath };
  }
}

// Cells (one written, one a map whose keys are not in the lowering's dictionary), a user error
// with a code, strings coming in and going out, a long counter.
const VISITS = {
  name: 'visits',
  input: {
    type: 'record',
    name: 'Visit',
    fields: [
      { name: 'who', type: 'string' },
      { name: 'x', type: 'double' },
    ],
  },
  output: {
    type: 'record',
    name: 'Out',
    fields: [
      { name: 'who', type: 'string' },
      { name: 'known', type: 'boolean' },
      { name: 'total', type: 'double' },
      { name: 'n', type: 'long' },
    ],
  },
  cells: {
    total: { type: 'double', init: 0 },
    names: { type: { type: 'map', values: 'int' }, init: { alice: 1, bob: 2 } },
  },
  action: [
    { if: { '<': ['input.x', 0] }, then: { error: 'negative x', code: -7 } },
    { cell: 'total', to: { params: [{ t: 'double' }], ret: 'double', do: { '+': ['t', 'input.x'] } } },
    {
      new: {
        who: 'input.who',
        known: { 'map.containsKey': [{ cell: 'names' }, 'input.who'] },
        total: { cell: 'total' },
        n: 'actionsStarted',
      },
      type: 'Out',
    },
  ],
};

const TWICE = {
  name: 'twice',
  method: 'emit',
  input: 'int',
  output: 'int',
  action: [{ emit: ['input'] }, { emit: [{ '*': ['input', 2] }] }],
};

describe('runtime: compiled models from their manifest alone', () => {
  let visits: { wasm: Uint8Array; manifestText: string };
  let twice: { wasm: Uint8Array; manifestText: string };

  beforeAll(async () => {
    visits = await compiled(VISITS);
    twice = await compiled(TWICE);
  }, 120_000);

  it('the manifest carries types, sites, dictionary, loaded values and written cells', () => {
    const m = JSON.parse(visits.manifestText) as Manifest;
    const r = m.runtime!;
    expect(r.name).toBe('visits');
    expect(r.method).toBe('map');
    expect(r.input).toEqual(VISITS.input);
    expect(r.cells).toEqual([{ name: 'total', type: 'double' }]);
    expect(r.sites.find((s) => s.kind === 'user')).toMatchObject({ code: -7, message: 'negative x' });
    expect(r.loadStrings).toEqual(['alice', 'bob']);
    expect(r.loaded.length % 4).toBe(0);
    expect(r.timeouts).toEqual({ begin: -1, action: -1, end: -1 });
    expect(r.entries).toContain('pfaAction');
  });

  it('scores as the JS backend does, errors included, and snapshots written cells', async () => {
    const model = await loadModel(visits.wasm, visits.manifestText);
    const js = PFAEngine.fromJson(VISITS);
    const inputs = [
      { who: 'alice', x: 1.5 },
      { who: 'carol', x: 0.25 },
      { who: 'bob', x: -1 },
      { who: 'dave' },
      { who: 'alice', x: 1e300 },
      { who: '\u{1F600} é', x: 0.1 },
      'not a record',
    ];
    for (const input of inputs) {
      const want = outcome(() => js.encode(js.action(js.decode(input))));
      expect(
        outcome(() => model.score(input)),
        JSON.stringify(input),
      ).toEqual(want);
    }
    expect(model.snapshot()).toEqual({ total: js.snapshot().cells.total });
    expect(outcome(() => model.score({ who: 'bob', x: -1 }))).toEqual({
      kind: 'user',
      code: -7,
      message: 'negative x',
      path: '/action/0/then',
      inputPath: undefined,
    });
  });

  it('scores a batch, giving each failing record its error', async () => {
    const model = await loadModel(visits.wasm, JSON.parse(visits.manifestText) as Manifest);
    const results = model.scoreBatch([
      { who: 'a', x: 1 },
      { who: 'b', x: -2 },
      { who: 'c', x: 2 },
    ]);
    expect(results.map((r) => r.ok)).toEqual([true, false, true]);
    expect(results[2]).toEqual({ ok: true, output: { who: 'c', known: false, total: 3, n: 3n } });
    expect(results[1].ok === false && results[1].error.code).toBe(-7);
  });

  it('emit engines return what they emit and tell the emit hook', async () => {
    const heard: unknown[] = [];
    const model = await loadModel(new WebAssembly.Module(twice.wasm as Uint8Array<ArrayBuffer>), twice.manifestText, {
      emit: (v) => heard.push(v),
    });
    expect(model.score(21)).toEqual([21, 42]);
    expect(model.scoreBatch([1, 2])).toEqual([
      { ok: true, output: [1, 2] },
      { ok: true, output: [2, 4] },
    ]);
    expect(heard).toEqual([21, 42, 1, 2, 2, 4]);
  });

  it('scores JSON text as PFAEngine.scoreText does, one text or a batch, errors included', async () => {
    const model = await loadModel(visits.wasm, visits.manifestText);
    const js = PFAEngine.fromJson(VISITS);
    const texts = [
      '{"who": "alice", "x": 1.5}',
      '{"who":"carol","x":0.25}',
      '{"who": "bob", "x": -1}',
      '{"who": "dave"}',
      'not JSON',
      '{"x": 2, "who": "\\u00e9"}',
      '{"who": "eve", "x": 12345678901234567}',
    ];
    const text = (f: () => string) => {
      const o = outcome(f);
      return typeof o === 'string' ? o : JSON.stringify(o);
    };
    for (const t of texts)
      expect(
        text(() => model.scoreText(t)),
        t,
      ).toBe(text(() => js.scoreText(t)));
    const again = PFAEngine.fromJson(VISITS);
    const want = texts.map((t) => text(() => again.scoreText(t)));
    const batch = (await loadModel(visits.wasm, visits.manifestText)).scoreTextBatch(texts);
    expect(
      batch.map((r) =>
        r instanceof PfaError
          ? JSON.stringify(
              outcome(() => {
                throw r;
              }),
            )
          : r,
      ),
    ).toEqual(want);
  });

  it('emit engines answer text with the emitted texts joined', async () => {
    const model = await loadModel(twice.wasm, twice.manifestText);
    expect(model.scoreText('21')).toBe('21\n42');
    expect(model.scoreTextBatch(['1', '"x"', '3'])).toEqual(['1\n2', expect.any(PfaError), '3\n6']);
  });

  it('refuses a manifest without the runtime section, or none at all', async () => {
    const m = JSON.parse(visits.manifestText) as Manifest;
    delete m.runtime;
    await expect(loadModel(visits.wasm, m)).rejects.toThrow(/no runtime section: compile the model again/);
    await expect(loadModel(visits.wasm, '{"format": "something else"}')).rejects.toThrow(/not a pfa-wasm manifest/);
  });

  it('the Sonar demo model: the sample rows as the JS backend, bit for bit', async () => {
    const text = readFileSync(join(import.meta.dirname, '../../../models/sonar-naive-bayes.pfa.json'), 'utf8');
    const typed = checkDocument(readDocument(text));
    const lowering = tryLower(typed);
    if (!lowering.ok) throw new Error(lowering.reason);
    const { binary } = await compileSource(lowering.lowered.source);
    const model: CompiledModel = await loadModel(binary, makeManifest(text, lowering.lowered, binary, typed));
    const js = PFAEngine.fromJson(text);
    const rows = readFileSync(join(import.meta.dirname, '../../../models/sonar-sample.jsonl'), 'utf8')
      .split('\n')
      .filter((l) => l.trim());
    for (const row of rows) expect(model.score(JSON.parse(row))).toEqual(js.encode(js.action(js.decodeText(row))));
    // The text path reads these rows in the kernel (records of doubles) and writes the answer fast.
    for (const row of rows) expect(model.scoreText(row)).toBe(js.scoreText(row));
    expect(model.scoreTextBatch(rows)).toEqual(rows.map((r) => js.scoreText(r)));
  }, 60_000);
});
