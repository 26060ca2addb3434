/**
 * A host that forgets input strings after a few (maxInputStrings 4 or 8), so codes are forgotten
 * and given to other strings between the staging of texts and their kernel call: the text paths
 * read such texts again (fastpath/scorer.ts fill), and answer what the JS backend answers. Maps of
 * scalar unions take every reader: the JS reader (texts whose keys the kernel's key table does
 * not hold, string values), the kernel's (the others), and the kernel's reader of lines.
 */
import { describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../../src/index.js';
import { tryLower } from '../../../../src/backend/wasm/load.js';
import { compileSource } from '../../../../src/backend/wasm/compile.js';
import { makeManifest } from '../../../../src/backend/wasm/artifact.js';
import { WasmHost } from '../../../../src/backend/wasm/host.js';
import { textReader } from '../../../../src/backend/wasm/fastpath/reader.js';
import { Scan } from '../../../../src/backend/wasm/fastpath/scan.js';
import { StringDict, WireWriter } from '../../../../src/backend/wasm/wire.js';
import { answer, describeError } from '../../../helpers/answers.js';

const VALUES = { type: 'map', values: ['null', 'string', 'double'] };
// The map itself, with the input's keys joined into two strings the kernel makes (and codes).
const joinedKeys = (separator: string) => ({ 's.join': [{ 'map.keys': 'input' }, { string: separator }] });
const DOC = {
  input: VALUES,
  output: {
    type: 'record',
    name: 'Out',
    fields: [{ name: 'm', type: VALUES }, ...['keys', 'also'].map((name) => ({ name, type: 'string' }))],
  },
  action: { new: { m: 'input', keys: joinedKeys(','), also: joinedKeys(';') }, type: 'Out' },
};

/** The JS backend, and a Wasm host of the same document that remembers `maxInputStrings` input strings. */
async function engines(maxInputStrings: number): Promise<{ js: PFAEngine; host: WasmHost }> {
  const js = PFAEngine.fromJson(DOC, { backend: 'js' });
  const lowering = tryLower(js.typed);
  if (!lowering.ok) throw new Error(`not lowered: ${lowering.reason}`);
  const { binary } = await compileSource(lowering.lowered.source);
  const { runtime, ...manifest } = makeManifest(JSON.stringify(DOC), lowering.lowered, binary, js.typed);
  if (!runtime) throw new Error('no runtime section');
  const module = new WebAssembly.Module(new Uint8Array(binary));
  return { js, host: await WasmHost.create(module, { ...manifest, runtime }, { maxInputStrings }) };
}

/** Maps with five sets of keys, in runs the kernel reads (tagged doubles) and lines it declines (strings). */
const TEXTS = Array.from({ length: 40 }, (_, i) => {
  const k = `k${i % 5}`;
  return [
    `{"${k}": {"double": ${i}}, "b": null}`,
    ` {"${k}": {"double": ${i + 0.5}}, "b": null}`,
    `{"${k}": {"double": ${-i}}, "b": {"double": 1e-3}}`,
    `{"${k}": {"string": "s${i}"}, "b": null}`,
  ];
}).flat();

const shown = (r: string | PfaError) => (r instanceof PfaError ? describeError(r) : r);

describe('texts read again after the dictionary forgot their strings', () => {
  it('the JS reader of maps reads the keys of the map before again once their codes were forgotten', () => {
    const dict = new StringDict();
    const read = textReader(PFAEngine.fromJson(DOC).inputType, dict, 100)!;
    const keysOf = (text: string): string[] | null => {
      const s = new Scan();
      s.reset(text);
      const w = new WireWriter();
      if (!read(s, w)) return null;
      const n = w.i32[0];
      return Array.from(w.i32.subarray(2, 2 + n), (c) => dict.strings[c]);
    };
    const text = '{"a": {"double": 1}, "bb": null}';
    expect(keysOf(text)).toEqual(['a', 'bb']);
    dict.truncate(0);
    dict.code('other');
    expect(keysOf(text)).toEqual(['a', 'bb']);
  });

  for (const max of [4, 8]) {
    it(`scoreText and scoreTextBatch answer as the JS backend with maxInputStrings ${max}`, async () => {
      const { js, host } = await engines(max);
      const expected = TEXTS.map((t) => answer(() => js.encodeText(js.action(js.decodeText(t)))));
      expect(TEXTS.map((t) => answer(() => host.scoreText(t)))).toEqual(expected);
      expect(host.scoreTextBatch(TEXTS).map(shown)).toEqual(expected);
      // (the kernel read some of them: else this would not test its codes going stale)
      const scorer = host.textPath();
      expect(scorer.kernel!.keys!.size).toBeGreaterThan(0);
    }, 120_000);
  }

  it('lines the kernel read and staged are read again from their bytes', async () => {
    const { js, host } = await engines(4);
    const scorer = host.textPath();
    const lines = TEXTS.filter((t) => !t.startsWith(' '));
    const expected = lines.map((t) => answer(() => js.encodeText(js.action(js.decodeText(t)))));
    const block = Buffer.from(lines.map((t) => `${t}\n`).join(''));
    // As the CLI's batch scoring stages a block: kernel runs of lines, each declined line read in JS.
    scorer.clear();
    let at = 0;
    let kernelRead = 0;
    while (at < block.length) {
      const before = scorer.staged;
      at = scorer.stageLines(block, at, block.length, 1000);
      kernelRead += scorer.staged - before;
      if (at >= block.length) break;
      const nl = block.indexOf(10, at);
      expect(scorer.stageText(block.subarray(at, nl).toString())).toBeNull();
      at = nl + 1;
    }
    expect(kernelRead).toBeGreaterThan(10);
    const out: string[] = [];
    scorer.run('\n', false, (j, r) => {
      out[j] = shown(r);
    });
    expect(out).toEqual(expected);
  }, 120_000);

  it('one call per entry: codes are read again after any forgetting since staging, however many strings came back', async () => {
    const { js, host } = await engines(4);
    const scorer = host.textPath();
    // Staged: x, a, b, c (four input strings, none forgotten). Entry 0 makes "x,a" and "x;a": the
    // dictionary forgets before entry 1, which (read again) codes x and b and makes two strings:
    // four again, as many as when staged, yet entry 2's staged code for c now names "x;b".
    const texts = ['a', 'b', 'c'].map((k) => `{"x": null, "${k}": {"double": 1}}`);
    const expected = texts.map((t) => answer(() => js.encodeText(js.action(js.decodeText(t)))));
    scorer.clear();
    for (const t of texts) expect(scorer.stageText(t)).toBeNull();
    const out: string[] = [];
    scorer.run('\n', true, (j, r) => {
      out[j] = shown(r);
    });
    expect(out).toEqual(expected);
  }, 120_000);
});
