/**
 * The kernel's reader of maps of scalar unions (backend/wasm/textAs.ts mapReadTextSource, the
 * aurelius layout) with its key table (fastpath/keyTable.ts): after the JS reader has read one
 * map, the kernel reads the lines with the same keys in the same order, writing the JS reader's
 * slots bit for bit; it declines every other line (other keys or order, escaped keys, values other
 * than null and tagged doubles, numbers it cannot convert exactly), and the text paths answer
 * exactly what the JS backend's `encodeText(action(decodeText(text)))` answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../../src/index.js';
import type { KernelLines } from '../../../../src/backend/wasm/fastpath/kernelText.js';
import { KeyTable } from '../../../../src/backend/wasm/fastpath/keyTable.js';
import { StringDict } from '../../../../src/backend/wasm/wire.js';
import type { WasmHost } from '../../../../src/backend/wasm/host.js';
import { answer, describeError } from '../../../helpers/answers.js';
import { jsReaderSlots, kernelSlots } from '../../../helpers/textSlots.js';

const VALUES = { type: 'map', values: ['null', 'string', 'double'] };
// The map itself, and 1/x of key "b" (which tells -0 from 0 in the output text).
const DOC = {
  input: VALUES,
  output: {
    type: 'record',
    name: 'Out',
    fields: [
      { name: 'm', type: VALUES },
      { name: 'inv', type: 'double' },
    ],
  },
  action: {
    new: {
      m: 'input',
      inv: {
        cast: { attr: 'input', path: [{ string: 'b' }] },
        cases: [
          { as: 'double', named: 'x', do: { '/': [1, 'x'] } },
          { as: 'null', named: 'n', do: { double: -1 } },
          { as: 'string', named: 's', do: { double: -2 } },
        ],
      },
    },
    type: 'Out',
  },
};

const d = (x: string) => `{"double": ${x}}`;
const map = (entries: [string, string][], sep = ', ') => `{${entries.map(([k, v]) => `"${k}": ${v}`).join(sep)}}`;
const BASE: [string, string][] = [
  ['a', d('0.5')],
  ['b', d('-0.0')],
  ['longer key, with spaces', 'null'],
  ['c', d('1e-7')],
  ['é', d('12')],
];
const withValue = (k: string, v: string): [string, string][] => BASE.map(([key, x]) => [key, key === k ? v : x]);

/** Lines with BASE's keys in BASE's order, null or tagged-double values: the kernel reads them. */
const KERNEL_READ = [
  map(BASE),
  map(BASE, ','),
  ` { "a" :${d('1')} ,"b":  {"double":-2.5e3}\t, "longer key, with spaces" : null, "c": ${d('0')}, "é": ${d('3')} } `,
  map(withValue('a', 'null')),
  map(withValue('b', d('-0e0'))),
  map(withValue('c', d('123456789012345678'))),
  map(withValue('c', d('4.9406564584124654e-300'))),
];
/** Lines the kernel declines (the JS reader or the general decoder takes them). */
const KERNEL_DECLINED = [
  map([...BASE].reverse()),
  map(BASE.slice(1)),
  map([...BASE, ['z', 'null']]),
  map(withValue('a', '{"string": "x"}')),
  map(withValue('a', '0.5')),
  map(withValue('a', d('-0'))),
  map(withValue('a', d('1.00000000000000000000000001'))),
  map(withValue('a', d('1e400'))),
  map(withValue('a', '{"double": 1, "double": 2}')),
  map(withValue('a', '{"float": 1}')),
  map([['\\u0061', d('1')], ...BASE.slice(1)]),
  map([['a', d('1')], ['a', d('2')], ...BASE.slice(2)]),
  map([['a', d('1')], ['0', d('2')], ...BASE.slice(2)]),
  '{}',
  map(BASE) + ' x',
  map(BASE).slice(0, -1),
];

describe('the kernel reader of maps of scalar unions', () => {
  let js: PFAEngine;
  let wasm: PFAEngine;
  let kernel: KernelLines;
  beforeAll(async () => {
    js = await PFAEngine.create(DOC, { backend: 'js' });
    wasm = await PFAEngine.create(DOC, { backend: 'wasm' });
    // (the text path's own: its key table learns from the texts it scores)
    kernel = (wasm.textPath() as unknown as { kernel: KernelLines }).kernel;
  }, 120_000);

  const reference = (text: string) => answer(() => js.encodeText(js.action(js.decodeText(text))));
  const slots = (text: string) => kernelSlots(kernel, text);
  // (the engine's dictionary: the codes are the kernel's)
  const jsSlots = (text: string) =>
    jsReaderSlots(js.inputType, (wasm as unknown as { wasm: WasmHost }).wasm.dict, text);

  it('reads nothing before a map was read in JS, then the lines with its keys, as the JS reader does', () => {
    expect(kernel).not.toBeNull();
    expect(kernel.keys!.size).toBe(0);
    expect(slots(map(BASE))).toBeNull();
    expect(wasm.scoreText(map(BASE))).toBe(reference(map(BASE)));
    expect(kernel.keys!.size).toBe(BASE.length);
    for (const text of KERNEL_READ) {
      const mine = slots(text);
      expect(mine, text).not.toBeNull();
      expect(mine, text).toEqual(jsSlots(text));
    }
    for (const text of KERNEL_DECLINED) expect(slots(text), text).toBeNull();
  });

  it('answers what the general path answers, as the key table follows the inputs', () => {
    const texts = [
      ...KERNEL_READ,
      ...KERNEL_DECLINED,
      ...KERNEL_READ,
      map([...BASE].reverse()),
      map([...BASE].reverse()),
      ...KERNEL_READ,
    ];
    const expected = texts.map(reference);
    expect(expected.filter((x) => x.startsWith('error ')).length).toBeGreaterThan(3);
    for (let i = 0; i < texts.length; i++)
      expect(
        answer(() => wasm.scoreText(texts[i])),
        texts[i],
      ).toBe(expected[i]);
    // (a line in another order, read in JS, becomes the table: then its order reads in the kernel, BASE's not)
    expect(wasm.scoreText(map([...BASE].reverse()))).toBe(reference(map([...BASE].reverse())));
    expect(slots(map([...BASE].reverse()))).not.toBeNull();
    expect(slots(map(BASE))).toBeNull();
    const batch = wasm.scoreTextBatch(texts).map((r) => (r instanceof PfaError ? describeError(r) : r));
    expect(batch).toEqual(expected);
  });
});

describe('the key table', () => {
  it('codes its keys again after the dictionary forgot input strings, and refuses keys it could not match as text', () => {
    const dict = new StringDict();
    dict.code('constant');
    const table = new KeyTable(dict);
    table.learn([dict.code('x'), dict.code('yy')]);
    const image = (t: KeyTable) => Array.from(t.bytes());
    const entry = (code: number, text: string) => [code, 0, 0, 0, text.length, 0, 0, 0, ...Buffer.from(text)];
    expect(image(table)).toEqual([2, 0, 0, 0, ...entry(1, '"x"'), ...entry(2, '"yy"')]);
    dict.truncate(1);
    dict.code('yy');
    expect(image(table)).toEqual([2, 0, 0, 0, ...entry(2, '"x"'), ...entry(1, '"yy"')]);
    for (const bad of ['a"b', 'a\\b', 'tab\there', '12', '\ud800']) {
      table.learn([dict.code('ok'), dict.code(bad)]);
      expect(table.size, bad).toBe(0);
    }
  });
});
