/**
 * The kernel's own JSON reader (backend/wasm/textAs.ts, assembly/lib/util/jsonText.ts) against
 * the JS reader and JSON.parse: the wire slots it writes for a record of numbers are the JS
 * reader's bit for bit, on edge numbers and many random ones; what it declines is read by the JS
 * paths; scoreText, scoreTextBatch and the CLI's scoreBlock answer exactly what
 * `encodeText(action(decodeText(text)))` of the JS backend answers, errors included.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { PFAEngine, PfaError } from '../../../../src/index.js';
import { type KernelLines, kernelLinesOf } from '../../../../src/backend/wasm/fastpath/kernelText.js';
import { StringDict } from '../../../../src/backend/wasm/wire.js';
import type { WasmHost } from '../../../../src/backend/wasm/host.js';
import { scoreBlock, scoreLines } from '../../../../src/hosts/cli/score/batch.js';
import { blockLines } from '../../../../src/hosts/cli/score/lines.js';
import { answer, describeError } from '../../../helpers/answers.js';
import { jsReaderSlots, kernelSlots } from '../../../helpers/textSlots.js';

const DOC = {
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'd', type: 'double' },
      { name: 'f', type: 'float' },
      { name: 'i', type: 'int' },
      { name: 'l', type: 'long' },
      { name: 'longer_name_x9', type: 'double' },
    ],
  },
  // 1/d and 1/f tell -0 from 0 in the output text.
  output: {
    type: 'record',
    name: 'Out',
    fields: [
      { name: 'in', type: 'In' },
      { name: 'rd', type: 'double' },
      { name: 'rf', type: 'double' },
    ],
  },
  action: { new: { in: 'input', rd: { '/': [1, 'input.d'] }, rf: { '/': [1, 'input.f'] } }, type: 'Out' },
};

const FIELDS: [string, string][] = [
  ['d', '0.5'],
  ['f', '0.1'],
  ['i', '7'],
  ['l', '12'],
  ['longer_name_x9', '-3.25'],
];

function rec(changes: Record<string, string | undefined> = {}, order?: string[], sep = ', '): string {
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
      .join(sep) +
    '}'
  );
}

/**
 * Numbers the kernel reads: by Clinger's fast path (a mantissa below 2^53, a decimal exponent
 * within +-22) or by Eisel-Lemire (up to 19 digits, a normal result; test/backend/wasm/fastpath/eiselLemire.test.ts).
 */
const KERNEL_NUMBERS = [
  '0',
  '-1',
  '0.5',
  '-0.0',
  '-0e0',
  '0.0e5',
  '4.35',
  '0.1',
  '0.2',
  '0.3000000000000000',
  '0.1000000000000001',
  '1e22',
  '1e-22',
  '123456789012345e-22',
  '9007199254740991',
  '-9007199254740991',
  '900719925474099.1',
  '1E5',
  '1e+5',
  '1.5e-7',
  '-123.456e-3',
  '0.000001',
  '1234567890.098765',
  '4.940656458412465e-7',
  '0.0000000000000000000001',
  '1.797693134862315e15',
  '2.225073858507201e-7',
  '0e0',
  '0.1234567890123456789',
  '1.7976931348623157e308',
  '2.2250738585072014e-308',
  '123456789012345678',
  '0.30000000000000004',
  '9007199254740992',
  '0e400',
  '1e-23',
];

/**
 * Numbers the kernel declines but the JS reader or the general path reads (20 digits or more,
 * subnormal or infinite results, ties Eisel-Lemire cannot tell, -0 integer literals).
 */
const JS_NUMBERS = [
  '5e-324',
  '1e23',
  '1e-400',
  '-1e-400',
  '1e400',
  '-1e400',
  '9007199254740993',
  '2.4703282292062328e-324',
  '100000000000000000000000',
  '-0',
  '0.10000000000000000000',
  '1234567890.0987654321',
  '2.2250738585072011e-308',
  '1.7976931348623159e308',
];

/** Texts the kernel reads itself. */
const KERNEL_READ: string[] = [
  rec(),
  rec({}, undefined, ','),
  rec({}, undefined, ' \t, \r '),
  ' \t{ "d" :0.5 , "f": 0.1,"i":7,"l":12,"longer_name_x9":-3.25 } \t\r',
  ...KERNEL_NUMBERS.map((d) => rec({ d, f: d, longer_name_x9: d })),
  ...['2147483647', '-2147483648', '0', '-1'].map((i) => rec({ i })),
  ...['9007199254740991', '-9007199254740991', '0', '1234567890123456'].map((l) => rec({ l })),
  rec({ f: '1e20' }),
  rec({ f: '3.4028235e22' }),
  rec({ f: '1e-22' }),
  rec({ f: '1e39' }),
];

/** Texts the kernel declines (some read by the JS reader, some by the general path, some errors). */
const KERNEL_DECLINED: string[] = [
  '',
  ' ',
  'null',
  '[]',
  '{}',
  '{',
  rec().slice(0, -1),
  rec() + ' x',
  rec() + '}',
  rec() + ',',
  '\ufeff' + rec(),
  rec() + '\n' + rec(),
  '\n' + rec(),
  rec().replace(', "f"', ',\n"f"'),
  ...JS_NUMBERS.map((d) => rec({ d })),
  ...[
    '-0',
    '01',
    '1.',
    '.5',
    '+1',
    '1e',
    '1e+',
    '--1',
    '0x10',
    'true',
    '"1.5"',
    'null',
    'NaN',
    'Infinity',
    '-',
    '1.5.5',
    '1e5e5',
    '١',
  ].map((d) => rec({ d })),
  rec({}, ['f', 'd', 'i', 'l', 'longer_name_x9']),
  rec({}, ['d', 'f', 'i', 'longer_name_x9', 'l']),
  rec({ zz: '1' }),
  rec({ d: undefined }),
  rec({ longer_name_x9: undefined }),
  rec().replace('"d": 0.5', '"d": 0.5, "d": 0.75'),
  rec().replace('}', ', "i": 8}'),
  rec().replace('"d"', String.raw`"\u0064"`),
  rec().replace('"d"', '"D"'),
  rec().replace('"longer_name_x9"', '"longer_name_x"'),
  rec().replace('"longer_name_x9"', '"longer_name_x99"'),
  rec().replace('"longer_name_x9"', '"longer_name_é9"'),
  rec().replace('"d"', '"dé"'),
  rec().replace('"d"', 'd'),
  rec().replace('"d":', '"d"'),
  ...['2147483648', '-2147483649', '1.0', '1e2', '1.5', '-0', '"1"'].map((i) => rec({ i })),
  ...[
    '9223372036854775807',
    '-9223372036854775808',
    '9223372036854775808',
    '12.5',
    '1e3',
    '-0',
    '99999999999999999999999',
  ].map((l) => rec({ l })),
  rec({ f: '-0' }),
  rec({ d: '0.5 /* comment */' }),
  rec({ d: '0.5é' }),
  rec({ d: '0.5\u00a0' }),
];

/** Random numbers in the kernel's range, written in the ways JSON allows. */
function randomNumbers(count: number, seed: number): string[] {
  let s = seed >>> 0;
  const next = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
  const out: string[] = [];
  for (let k = 0; k < count; k++) {
    const digits = 1 + Math.floor(next() * 17);
    let m = String(1 + Math.floor(next() * 9));
    for (let d = 1; d < digits; d++) m += String(Math.floor(next() * 10));
    const point = Math.floor(next() * (digits + 1));
    let text = point === 0 || point === digits ? m : m.slice(0, point) + '.' + m.slice(point);
    if (point === 0 && next() < 0.5) text = '0.' + m;
    const r = next();
    if (r < 0.4) text += `e${Math.floor(next() * 50) - 25}`;
    else if (r < 0.5) text += `E+${Math.floor(next() * 25)}`;
    if (next() < 0.5) text = '-' + text;
    out.push(text);
  }
  return out;
}

describe('the kernel JSON reader against the JS reader and the general path', () => {
  let js: PFAEngine;
  let wasm: PFAEngine;
  let kernel: KernelLines;
  beforeAll(async () => {
    js = await PFAEngine.create(DOC, { backend: 'js' });
    wasm = await PFAEngine.create(DOC, { backend: 'wasm' });
    kernel = kernelLinesOf((wasm as unknown as { wasm: WasmHost }).wasm, wasm.inputType)!;
  }, 120_000);

  const reference = (text: string) => answer(() => js.encodeText(js.action(js.decodeText(text))));

  /** The kernel's slots for a text (null: declined) and the JS reader's (null: declined). */
  const slots = (text: string) => kernelSlots(kernel, text);
  const jsSlots = (text: string) => jsReaderSlots(js.inputType, new StringDict(), text);

  it('is there for records of numbers, and reads them exactly as the JS reader', () => {
    expect(kernel).not.toBeNull();
    expect(wasm.textPath()!.readsLines).toBe(true);
    for (const text of KERNEL_READ) {
      const mine = slots(text);
      expect(mine, text).not.toBeNull();
      expect(mine, text).toEqual(jsSlots(text));
    }
    for (const text of KERNEL_DECLINED) expect(slots(text), text.slice(0, 200)).toBeNull();
  });

  it('reads only inputs within maxInputDepth, as the JS reader, which it builds only for a declined text', async () => {
    // A record is one level deep: with maxInputDepth 0 neither reader takes it, and the answer is
    // the general decoder's depth error, as on the JS backend.
    const limits = { maxInputDepth: 0 };
    const shallowJs = await PFAEngine.create(DOC, { backend: 'js', limits });
    const shallow = await PFAEngine.create(DOC, { backend: 'wasm', limits });
    expect(shallow.textPath()!.readsLines).toBe(false);
    expect(shallow.textPath()!.read).toBeNull();
    expect(shallow.textPath()!.readsText).toBe(false);
    const expected = answer(() => shallowJs.encodeText(shallowJs.action(shallowJs.decodeText(rec()))));
    expect(answer(() => shallow.scoreText(rec()))).toEqual(expected);

    const fresh = await PFAEngine.create(DOC, { backend: 'wasm' });
    const scorer = fresh.textPath()!;
    const built = () => scorer.staging.reader !== undefined;
    expect(scorer.readsText).toBe(true);
    expect(fresh.scoreText(rec())).toBe(reference(rec()));
    expect(built()).toBe(false);
    const declined = KERNEL_DECLINED.find((t) => jsSlots(t) !== null)!;
    expect(fresh.scoreText(declined)).toBe(reference(declined));
    expect(built()).toBe(true);
  }, 120_000);

  it('reads random numbers bit for bit as JSON.parse (and declines the ones it cannot)', () => {
    const numbers = [...randomNumbers(20000, 7), ...KERNEL_NUMBERS, ...JS_NUMBERS];
    let read = 0;
    const f64 = new Float64Array(1);
    const bits = new Int32Array(f64.buffer);
    for (const n of numbers) {
      const mine = slots(rec({ d: n, longer_name_x9: n, f: n }));
      if (mine === null) continue;
      read++;
      f64[0] = JSON.parse(n) as number;
      expect([mine[0], mine[1]], n).toEqual([bits[0], bits[1]]);
      expect([mine[8], mine[9]], n).toEqual([bits[0], bits[1]]);
      f64[0] = Math.fround(JSON.parse(n) as number);
      expect([mine[2], mine[3]], n).toEqual([bits[0], bits[1]]);
    }
    // Most are in its range: the comparison is not with nothing.
    expect(read).toBeGreaterThan(numbers.length * 0.6);
    const ints = randomNumbers(5000, 11).filter((n) => /^-?[0-9]+$/.test(n));
    expect(ints.length).toBeGreaterThan(200);
    // longs: read when exact in a double (beyond, the JS reader reads them with BigInt).
    for (const l of ints)
      expect(slots(rec({ l })), l).toEqual(Math.abs(Number(l)) <= Number.MAX_SAFE_INTEGER ? jsSlots(rec({ l })) : null);
    for (const i of ints) expect(slots(rec({ i })), i).toEqual(jsSlots(rec({ i })));
  });

  it('answers what the general path answers, one text at a time, in a batch, and in CLI blocks', () => {
    const texts = [...KERNEL_READ, ...KERNEL_DECLINED];
    const expected = texts.map(reference);
    expect(expected.filter((x) => x.startsWith('error ')).length).toBeGreaterThan(40);
    expect(expected.filter((x) => !x.startsWith('error ')).length).toBeGreaterThan(40);
    for (let i = 0; i < texts.length; i++)
      expect(
        answer(() => wasm.scoreText(texts[i])),
        texts[i].slice(0, 200),
      ).toBe(expected[i]);
    const batch = wasm.scoreTextBatch(texts).map((r) => (r instanceof PfaError ? describeError(r) : r));
    expect(batch).toEqual(expected);
  });

  it('scores a block of bytes as scoreLines scores its lines (blank lines, CRLF, UTF-8, declined lines, batches, windows)', () => {
    const lines = [...KERNEL_READ, ...KERNEL_DECLINED].filter((t) => !t.includes('\n'));
    const numbers = randomNumbers(3000, 3);
    for (let k = 0; k < numbers.length; k += 3)
      lines.push(rec({ d: numbers[k], f: numbers[k + 1], longer_name_x9: numbers[k + 2] }));
    // Many canonical lines: more than one window of the kernel's reader.
    for (let k = 0; k < 9000; k++) lines.push(rec({ d: String(k / 8), i: String(k) }));
    const shuffled = lines
      .map((l, k) => [(k * 7919) % lines.length, l] as const)
      .sort((a, b) => a[0] - b[0])
      .map((x) => x[1]);
    const block = Buffer.from(
      shuffled.map((l, k) => (k % 5 === 0 ? l + '\r\n' : k % 7 === 0 ? l + '\n \n\n\t\r\n' : l + '\n')).join('') +
        rec({ d: '2.5' }),
    );
    expect(block.length).toBeGreaterThan(1 << 19);
    const expectedLines = blockLines(block);
    for (const size of [1, 7, 4096]) {
      const want = { text: '', records: 0, failed: 0 };
      for (let i = 0; i < expectedLines.length; i += size) {
        const s = scoreLines(js, expectedLines.slice(i, i + size));
        want.text += s.text;
        want.records += s.records;
        want.failed += s.failed;
      }
      const got = size === 1 ? scoreBlock(wasm, block.subarray(0, 20000), size) : scoreBlock(wasm, block, size);
      if (size === 1) {
        const few = blockLines(block.subarray(0, 20000));
        expect(got).toEqual(scoreLines(js, few));
        continue;
      }
      expect(got.records).toBe(want.records);
      expect(got.failed).toBe(want.failed);
      expect(got.failed).toBeGreaterThan(40);
      expect(got.text === want.text).toBe(true);
    }
  });

  it('reads more records than one kernel call takes, and leaves a line longer than its buffer to the JS readers', () => {
    const short = Array.from({ length: 20000 }, (_, k) => `{"d":${k % 10},"f":2,"i":3,"l":4,"longer_name_x9":5}`);
    const huge = rec({ d: '0.25' }) + ' '.repeat(17 << 20);
    for (const lines of [short, [...short.slice(0, 10), huge, ...short.slice(0, 10)]]) {
      const block = Buffer.from(lines.join('\n') + '\n');
      const want = scoreLines(js, blockLines(block));
      const got = scoreBlock(wasm, block, 50000);
      expect([got.records, got.failed]).toEqual([want.records, want.failed]);
      expect(got.text === want.text).toBe(true);
    }
  }, 60_000);

  it('reads in the new instance after a trap replaced the kernel', async () => {
    // n doublings of an array: n = 40 runs out of memory (a trap, error 1200); the kernel is replaced.
    const doc = {
      input: { type: 'record', name: 'N', fields: [{ name: 'n', type: 'int' }] },
      output: 'int',
      action: [
        { let: { a: { new: [], type: { type: 'array', items: 'double' } } } },
        {
          for: { i: 0 },
          while: { '<': ['i', 'input.n'] },
          step: { i: { '+': ['i', 1] } },
          do: { set: { a: { 'a.concat': [{ 'a.append': ['a', 1.5] }, 'a'] } } },
        },
        { 'a.len': 'a' },
      ],
    };
    const engine = await PFAEngine.create(doc, { backend: 'wasm' });
    expect(engine.textPath()!.readsLines).toBe(true);
    const out = (texts: string[]) =>
      engine.scoreTextBatch(texts).map((r) => (r instanceof PfaError ? `error ${r.code}` : r));
    expect(out(['{"n": 3}', '{"n": 40}', '{"n": 2}'])).toEqual(['7', 'error 1200', '3']);
    expect(engine.scoreText('{"n": 4}')).toBe('15');
    const block = scoreBlock(engine, Buffer.from('{"n": 1}\n{"n": 40}\n{"n": 2}\n{"n": 5}\n'), 10);
    expect(block.text).toMatch(/^1\n\{"error":.*"code":1200\}\n3\n31\n$/);
    expect([block.records, block.failed]).toEqual([4, 1]);
  }, 120_000);
});
