/**
 * The fast path against the general one, on a record of every shape, text by text: scoreText and
 * scoreTextBatch (both backends) answer exactly what `encodeText(action(decodeText(text)))` of the
 * JS backend answers, errors included (kind, code, input path, message). The texts the generated
 * reader should read itself are checked to be read by it, so the comparison is not with itself.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../../src/index.js';
import { textReader } from '../../../../src/backend/wasm/fastpath/reader.js';
import { Scan } from '../../../../src/backend/wasm/fastpath/scan.js';
import { StringDict, WireWriter } from '../../../../src/backend/wasm/wire.js';
import { answer, describeError } from '../../../helpers/answers.js';

const DOC = {
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'd', type: 'double' },
      { name: 'f', type: 'float' },
      { name: 'i', type: 'int' },
      { name: 'l', type: 'long' },
      { name: 'b', type: 'boolean' },
      { name: 's', type: 'string' },
      { name: 'e', type: { type: 'enum', name: 'Color', symbols: ['red', 'green'] } },
      { name: 'a', type: { type: 'array', items: 'double' } },
      { name: 'm', type: { type: 'map', values: 'int' } },
      {
        name: 'r',
        type: {
          type: 'record',
          name: 'Inner',
          fields: [
            { name: 'x', type: 'double' },
            { name: 't', type: 'string' },
          ],
        },
      },
      { name: 'u', type: ['null', 'double'] },
      {
        name: 'v',
        type: [
          'null',
          'string',
          { type: 'record', name: 'Tagged', namespace: 'ns', fields: [{ name: 'k', type: 'int' }] },
        ],
      },
      // Maps of scalar unions cross the boundary in a layout of their own (wire.ts): told apart by
      // typeof, by branchIndex (int before long), and with float and enum branches.
      { name: 'mu', type: { type: 'map', values: ['null', 'string', 'double', 'boolean'] } },
      { name: 'mg', type: { type: 'map', values: ['null', 'int', 'long'] } },
      { name: 'mf', type: { type: 'map', values: ['float', 'Color'] } },
    ],
  },
  output: 'In',
  action: 'input',
};

const FIELDS: [string, string][] = [
  ['d', '0.5'],
  ['f', '0.1'],
  ['i', '7'],
  ['l', '12'],
  ['b', 'true'],
  ['s', '"hi"'],
  ['e', '"green"'],
  ['a', '[1.5, 2]'],
  ['m', '{"a": 1, "b": 2}'],
  ['r', '{"x": 3.25, "t": "in"}'],
  ['u', '{"double": 4.5}'],
  ['v', 'null'],
  ['mu', '{"a": {"double": 1.5}, "b": null, "c": {"string": "x"}}'],
  ['mg', '{"i": {"int": -3}, "l": {"long": 9007199254740993}}'],
  ['mf', '{"f": {"float": 0.1}, "e": {"Color": "green"}, "n": {"float": -0.0}}'],
];

/** The record's text with some fields replaced (undefined: left out), in the given order. */
function rec(changes: Record<string, string | undefined> = {}, order?: string[]): string {
  const fields = new Map(FIELDS);
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined) fields.delete(k);
    else fields.set(k, v);
  }
  const keys = order ?? [...fields.keys()];
  return (
    '{' +
    keys
      .filter((k) => fields.has(k))
      .map((k) => `"${k}": ${fields.get(k)}`)
      .join(', ') +
    '}'
  );
}

/** Texts the generated reader reads itself (and must read exactly as the general path). */
const READ: string[] = [
  rec(),
  rec({}, ['mf', 'mg', 'mu', 'v', 'u', 'r', 'm', 'a', 'e', 's', 'b', 'l', 'i', 'f', 'd']),
  rec({}, ['d', 'f', 'i', 'l', 'b', 's', 'e', 'a', 'm', 'u', 'v', 'r', 'mu', 'mg', 'mf']),
  '  \n\t{"d":1,"f":2,"i":3,"l":4,"b":false,"s":"","e":"red","a":[],"m":{},"r":{"t":"","x":0},"u":null,"v":{"string":"x"},"mu":{},"mg":{},"mf":{}}\r\n ',
  ...[
    '0.1234567890123456789',
    '1.7976931348623157e308',
    '5e-324',
    '2.2250738585072014e-308',
    '1e22',
    '1e23',
    '123456789012345678',
    '-0.0',
    '-0e0',
    '0',
    '1e-400',
    '-1e-400',
    '1e400',
    '-1e400',
    '9007199254740993',
    '0.30000000000000004',
    '4.35',
    '1E5',
    '1e+5',
    '1.5e-7',
    '-123.456e-3',
    '0.000001',
    '1234567890.0987654321',
    '8.98846567431158e307',
    '2.4703282292062328e-324',
    '100000000000000000000000',
  ].map((d) => rec({ d, f: d === '-0e0' ? '-0.0' : d })),
  ...['2147483647', '-2147483648', '0', '-1'].map((i) => rec({ i })),
  ...[
    '9223372036854775807',
    '-9223372036854775808',
    '9007199254740993',
    '-9007199254740993',
    '0',
    '1234567890123456',
  ].map((l) => rec({ l })),
  rec({ f: '1e39' }),
  rec({ f: '3.4028235677973366e38' }),
  rec({ f: '1e-46' }),
  rec({ s: String.raw`"a\"b\\c\/d\b\f\n\r\t"` }),
  rec({ s: String.raw`"\u00e9\ud83d\ude00 \u0041\u00"`.replace(String.raw`\u00"`, '"') }),
  rec({ s: String.raw`"lone \ud800 surrogate"` }),
  rec({ s: '"é😀 raw"' }),
  rec({ s: String.raw`"\u0000 and \u001f"` }),
  rec({ e: String.raw`"gr\u0065en"` }),
  rec({ v: '{"ns.Tagged": {"k": 5}}' }),
  rec({ v: '{"Tagged": {"k": -5}}' }),
  rec({ v: '{"null": null}' }),
  rec({ u: '{"double": 1e400}' }),
  rec({ m: '{"z": 1, "y": 2, "x": 3, "1a": 4, "-1": 5, "01": 6}' }),
  rec({ m: String.raw`{"k\u0031": 1, "__proto__": 2}` }),
  // Map keys matched against the last map's keys by position: same keys, other order, escaped forms.
  rec({ m: '{"a": 1, "b": 2}' }),
  rec({ m: '{"b": 1, "a": 2}' }),
  rec({ m: String.raw`{"\u0062": 1, "a": 2}` }),
  rec({ m: '{"b": 1}' }),
  rec({ m: '{"b": 1, "a": 2, "c": 3}' }),
  rec({ a: '[ 1 , 2.5 ,-3e2 ]' }),
  // Maps of scalar unions: every branch, odd and even counts, all null (longer in the wire layout than as read).
  rec({
    mu: '{"t": {"boolean": true}, "f": {"boolean": false}, "s": {"string": "é"}, "d": {"double": -0.0}, "n": null, "x": {"double": 1e-310}}',
  }),
  rec({ mu: '{"a": null, "b": null, "c": null, "d": null, "e": null}' }),
  rec({ mu: '{"only": {"double": 2.5}}' }),
  rec({ mg: '{"a": null, "b": {"long": -9223372036854775808}, "c": {"int": 2147483647}, "d": {"long": 3}}' }),
  rec({ mf: '{"x": {"float": 3.4028234663852886e38}, "y": {"Color": "red"}}' }),
  String.raw`{"\u0064": 1, "f": 2, "i": 3, "l": 4, "b": true, "s": "x", "e": "red", "a": [], "m": {}, "r": {"x": 1, "t": "y"}, "u": null, "v": null, "mu": {}, "mg": {}, "mf": {}}`,
];

/** Texts the reader declines: the general path answers (a value or an error). */
const DECLINED: string[] = [
  '',
  ' ',
  'null',
  '[]',
  '{}',
  '{',
  rec().slice(0, -1),
  rec() + ' x',
  rec() + '}',
  '\ufeff' + rec(),
  rec({ zz: '1' }),
  rec({ d: undefined }),
  rec({ r: '{"x": 1}' }),
  rec({ r: '{"x": 1, "t": "a", "y": 2}' }),
  rec().replace('"d": 0.5', '"d": 0.5, "d": 0.75'),
  rec().replace('"v": null', '"v": null, "i": 8'),
  rec({}, ['f', 'd', 'i', 'l', 'b', 's', 'e', 'a', 'm', 'r', 'u', 'v', 'mu', 'mg', 'mf']).replace(
    '"i": 7',
    '"i": 7, "f": 0.3',
  ),
  rec({}, ['f', 'd', 'i', 'l', 'b', 's', 'e', 'a', 'm', 'r', 'u', 'v', 'mu', 'mg', 'mf']).replace(
    '"i": 7',
    '"i": 7, "d": 0.3',
  ),
  rec({ d: '"1.5"' }),
  rec({ d: 'null' }),
  rec({ d: '"nan"' }),
  rec({ d: '"-inf"' }),
  rec({ d: '"Infinity"' }),
  rec({ d: 'NaN' }),
  rec({ d: '-0' }),
  rec({ d: '01' }),
  rec({ d: '1.' }),
  rec({ d: '.5' }),
  rec({ d: '+1' }),
  rec({ d: '1e' }),
  rec({ d: '--1' }),
  rec({ d: 'true' }),
  rec({ i: '2147483648' }),
  rec({ i: '-2147483649' }),
  rec({ i: '1.0' }),
  rec({ i: '1e2' }),
  rec({ i: '1.5' }),
  rec({ i: '-0' }),
  rec({ i: '"1"' }),
  rec({ l: '9223372036854775808' }),
  rec({ l: '-9223372036854775809' }),
  rec({ l: '12.5' }),
  rec({ l: '1e3' }),
  rec({ l: '-0' }),
  rec({ l: '99999999999999999999999' }),
  rec({ f: '-0' }),
  rec({ f: '"inf"' }),
  rec({ b: '1' }),
  rec({ b: 'True' }),
  rec({ s: '1' }),
  rec({ s: '"raw\ttab"' }),
  rec({ s: String.raw`"bad \x escape"` }),
  rec({ s: String.raw`"bad \u12G4"` }),
  rec({ s: '"unterminated' }),
  rec({ e: '"blue"' }),
  rec({ e: '0' }),
  rec({ a: '[1,]' }),
  rec({ a: '[1 2]' }),
  rec({ a: '["x"]' }),
  rec({ a: '{}' }),
  rec({ a: '[[1]]' }),
  rec({ m: '{"b": 1, "a": 2, "b": 3}' }),
  rec({ m: '{"b": 1, "b": 2}' }),
  rec({ m: '{"a": 1, "a": 2}' }),
  rec({ m: '{"10": 1, "2": 2, "a": 3}' }),
  rec({ m: '{"a": 1.5}' }),
  rec({ m: '[]' }),
  rec({ m: '{"a": 1,}' }),
  rec({ u: '1.5' }),
  rec({ u: '{"double": "x"}' }),
  rec({ u: '{"double": 1, "null": null}' }),
  rec({ u: '{"float": 1}' }),
  rec({ u: '{}' }),
  rec({ v: '"bare string"' }),
  rec({ v: '{"k": 1}' }),
  rec({ v: '{"Tagged": {"k": 1.5}}' }),
  rec({ v: '{"ns.Tagged": {}}' }),
  rec({ r: '[1, "t"]' }),
  rec({ r: 'null' }),
  rec({ mu: '{"a": 1.5}' }),
  rec({ mu: '{"a": {"int": 1}}' }),
  rec({ mg: '{"a": {"int": 2147483648}}' }),
  rec({ mf: '{"a": {"Color": "blue"}}' }),
  rec({ r: '{"x": 1, "t": ' + '['.repeat(20000) + ']'.repeat(20000) + '}' }),
  rec({ s: '"a 16-digit run 1234567890123456"', d: '-0' }),
  '{"d": 1 /* comment */}',
];

describe('the generated reader and writer against the general path', () => {
  let js: PFAEngine;
  let wasm: PFAEngine;
  beforeAll(async () => {
    js = await PFAEngine.create(DOC, { backend: 'js' });
    wasm = await PFAEngine.create(DOC, { backend: 'wasm' });
  }, 120_000);

  const reference = (text: string) => answer(() => js.encodeText(js.action(js.decodeText(text))));

  it('reads the texts it should, and declines the others', () => {
    const read = textReader(js.inputType, new StringDict(), 1000)!;
    expect(read).not.toBeNull();
    const reads = (text: string) => {
      const s = new Scan();
      s.reset(text);
      return read(s, new WireWriter());
    };
    for (const text of READ) expect(reads(text), text.slice(0, 200)).toBe(true);
    for (const text of DECLINED) expect(reads(text), text.slice(0, 200)).toBe(false);
  });

  it('writes what the general path writes (values and errors), one text at a time and in a batch', () => {
    const texts = [...READ, ...DECLINED];
    const expected = texts.map(reference);
    // Some of each: the comparison covers answers and errors alike.
    expect(expected.filter((x) => x.startsWith('error ')).length).toBeGreaterThan(40);
    expect(expected.filter((x) => !x.startsWith('error ')).length).toBeGreaterThan(60);
    for (const engine of [js, wasm]) {
      for (let i = 0; i < texts.length; i++)
        expect(
          answer(() => engine.scoreText(texts[i])),
          `${engine.backend}: ${texts[i].slice(0, 200)}`,
        ).toBe(expected[i]);
      const batch = engine.scoreTextBatch(texts).map((r) => (r instanceof PfaError ? describeError(r) : r));
      for (let i = 0; i < texts.length; i++)
        expect(batch[i], `${engine.backend} batch: ${texts[i].slice(0, 200)}`).toBe(expected[i]);
    }
  });

  it('keeps doubles bit for bit and longs exact', () => {
    expect(wasm.scoreText(rec({ d: '1e-400' }))).toContain('"d":0,');
    expect(wasm.scoreText(rec({ d: '-0.0' }))).toContain('"d":0,');
    expect(wasm.scoreText(rec({ d: '1e400' }))).toContain('"d":"inf"');
    expect(wasm.scoreText(rec({ d: '0.1234567890123456789' }))).toContain('"d":0.12345678901234568,');
    expect(wasm.scoreText(rec({ l: '-9223372036854775808' }))).toContain('"l":-9223372036854775808,');
    expect(wasm.scoreText(rec({ l: '9007199254740993' }))).toContain('"l":9007199254740993,');
  });
});
