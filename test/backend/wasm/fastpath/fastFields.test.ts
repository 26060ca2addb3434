/**
 * The kernel's fast reader of number fields (assembly/lib/util/jsonFields.ts, tried first by the
 * generated readTextLineFast): in every layout, and on short numbers of every shape, valid or not,
 * what the kernel reads is what the JS reader reads, bit for bit, and it reads nothing that is not
 * JSON. Numbers of up to seven bytes after the sign take its SWAR path; longer ones and exponents
 * go to jsonNumber (kernelText.test.ts and eiselLemire.test.ts test those at length).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../../src/index.js';
import { type KernelLines, kernelLinesOf } from '../../../../src/backend/wasm/fastpath/kernelText.js';
import { StringDict } from '../../../../src/backend/wasm/wire.js';
import type { WasmHost } from '../../../../src/backend/wasm/host.js';
import { jsReaderSlots, kernelSlots } from '../../../helpers/textSlots.js';

const DOC = {
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'a', type: 'double' },
      { name: 'b', type: 'float' },
      { name: 'i', type: 'int' },
      { name: 'a_key_of_16_bytes', type: 'double' },
      { name: 'z', type: 'double' },
    ],
  },
  output: 'double',
  action: 'input.a',
};

/** A record with every double and float field `n` (i: 7), in a layout given by its separators. */
function rec(n: string, colon = ':', comma = ',', open = '{', close = '}'): string {
  const fields: [string, string][] = [
    ['a', n],
    ['b', n],
    ['i', '7'],
    ['a_key_of_16_bytes', n],
    ['z', n],
  ];
  return open + fields.map(([k, v]) => `"${k}"${colon}${v}`).join(comma) + close;
}

/** Layouts: JSON.stringify's, Python's, and others the fast reader declines and the general one reads. */
const LAYOUTS: [string, string, string, string][] = [
  [':', ',', '{', '}'],
  [': ', ', ', '{', '}'],
  [':', ', ', '{ ', ' }'],
  [': ', ' , ', '{', '}'],
  [': ', ' ,', ' {', '} '],
  [' : ', ', ', '{', '}'],
  [':  ', ',', '{', '}'],
  [':', ',  ', '{', '}'],
  [':\t', ',\t', '{\t', '\t}'],
  [':', ',', '{', '}\r'],
  ['\r:', ',', '{', '}'],
];

/** A reproducible generator (an LCG: enough to spread over short texts). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Texts of one to nine characters, mostly digits, with the other characters a number may hold or be mistaken for. */
function shortTexts(count: number, seed: number): string[] {
  const next = random(seed);
  const others = '.-/eE+0 x';
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const length = 1 + Math.floor(next() * 9);
    let t = '';
    for (let j = 0; j < length; j++)
      t += next() < 0.75 ? String(Math.floor(next() * 10)) : others[Math.floor(next() * others.length)];
    out.push(t);
  }
  return out;
}

const EDGES = [
  '0',
  '-0',
  '0.0',
  '-0.0',
  '-0.000',
  '1',
  '-1',
  '9999999',
  '-9999999',
  '99999999',
  '0.000001',
  '0.0000001',
  '999.999',
  '1.5',
  '-1.5',
  '0.1',
  '0.2',
  '0.3',
  '00',
  '01',
  '-01',
  '0.',
  '.5',
  '-.5',
  '5.',
  '1..2',
  '1.2.3',
  '1/2',
  '1e5',
  '1E5',
  '1.5e-3',
  '-',
  '--1',
  '+1',
  '1-',
  '0x10',
  'NaN',
  '1.000000',
];

describe('the fast reader of number fields', () => {
  let kernel: KernelLines;
  beforeAll(async () => {
    const wasm = await PFAEngine.create(DOC, { backend: 'wasm' });
    kernel = kernelLinesOf((wasm as unknown as { wasm: WasmHost }).wasm, wasm.inputType)!;
  }, 120_000);
  const dict = new StringDict();
  const type = () => (kernel as unknown as { wasm: WasmHost }).wasm.inputType;
  const jsSlots = (text: string) => jsReaderSlots(type(), dict, text);

  it('reads every layout as the JS reader (the usual ones fast, the others through the general reader)', () => {
    for (const [colon, comma, open, close] of LAYOUTS)
      for (const n of ['0.0371', '-12.5', '3', '1.25e-3', '0.30000000000000004']) {
        const text = rec(n, colon, comma, open, close);
        const want = jsSlots(text);
        expect(want, JSON.stringify(text)).not.toBeNull();
        expect(kernelSlots(kernel, text), JSON.stringify(text)).toEqual(want);
      }
  });

  it('reads short numbers bit for bit as JSON.parse, and nothing that is not a JSON number', () => {
    let valid = 0;
    let read = 0;
    for (const n of [...EDGES, ...shortTexts(30000, 18)]) {
      let json = true;
      try {
        JSON.parse(n);
      } catch {
        json = false;
      }
      for (const [colon, comma] of [
        [':', ','],
        [': ', ', '],
      ]) {
        const text = rec(n, colon, comma);
        const mine = kernelSlots(kernel, text);
        if (!json || n.trim() !== n) {
          // Not a JSON number where a number stands (a space inside a number ends it).
          if (mine !== null) expect(mine, JSON.stringify(text)).toEqual(jsSlots(text));
          if (!json) expect(mine, JSON.stringify(text)).toBeNull();
          continue;
        }
        valid++;
        if (mine === null) continue;
        read++;
        expect(mine, JSON.stringify(text)).toEqual(jsSlots(text));
      }
    }
    // It declines only "-0" and leading zeros among valid short numbers: the comparison is not with nothing.
    expect(valid).toBeGreaterThan(5000);
    expect(read).toBeGreaterThan(valid * 0.9);
  });

  it('reads -0.0 as -0 and declines -0 written as an integer, as the general reader', () => {
    const negZero = kernelSlots(kernel, rec('-0.0'));
    expect(negZero).not.toBeNull();
    expect(negZero!.slice(0, 2)).toEqual([0, -2147483648]);
    expect(kernelSlots(kernel, rec('-0'))).toBeNull();
  });
});
