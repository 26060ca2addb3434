/**
 * The kernel's JSON number reader beyond Clinger's fast path (assembly/lib/util/eiselLemire.ts,
 * `eiselLemire`): every number with at most 19 significant digits it reads is JSON.parse's double
 * bit for bit (correctly rounded, ties to even), on millions of doubles printed the ways JS and
 * other producers print them, random 19-digit mantissas, and the hard cases (halfway points,
 * the edges of the normal range); what it cannot decide it declines. Also: its power-of-ten
 * table is the generator's (src/backend/wasm/pow5Table.ts) and Go's strconv's.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { PFAEngine } from '../../../../src/index.js';
import { type KernelLines, kernelLinesOf } from '../../../../src/backend/wasm/fastpath/kernelText.js';
import { readTextOnto } from '../../../../src/backend/wasm/fastpath/kernelStage.js';
import { WireWriter } from '../../../../src/backend/wasm/wire.js';
import type { WasmHost } from '../../../../src/backend/wasm/host.js';
import { POW5_BEGIN, POW5_END, pow10Mantissa128, pow5TableAs } from '../../../../src/backend/wasm/pow5Table.js';

const DOC = {
  input: {
    type: 'record',
    name: 'In',
    fields: [
      { name: 'd', type: 'double' },
      { name: 'f', type: 'float' },
    ],
  },
  output: 'double',
  action: 'input.d',
};

/** Halfway points, the ends of the normal range, and other inputs that break naive converters. */
const HARD = [
  '9007199254740993',
  '9007199254740995',
  '9007199254740993.0',
  '-9007199254740993',
  '9007199254740992.5',
  '18014398509481985',
  '18014398509481987',
  '1.000000000000000111',
  '1.000000000000000112',
  '1.0000000000000001110',
  '1.000000000000000222',
  '1.000000000000000333',
  '0.9999999999999999444',
  '2.2250738585072011e-308',
  '2.2250738585072012e-308',
  '2.2250738585072013e-308',
  '2.2250738585072014e-308',
  '2.225073858507201136e-308',
  '4.9e-324',
  '5e-324',
  '2.4703282292062327e-324',
  '2.4703282292062328e-324',
  '1e-320',
  '4.4501477170144023e-308',
  '4.4501477170144028e-308',
  '1.7976931348623157e308',
  '1.7976931348623158e308',
  '1.7976931348623159e308',
  '1.797693134862315807e308',
  '1.797693134862315808e308',
  '-1.7976931348623158e308',
  '1.8e308',
  '1e308',
  '1e309',
  '9999999999999999999e288',
  '9999999999999999999e289',
  '9999999999999999999e290',
  '1e-307',
  '1e-308',
  '1e-326',
  '1e-400',
  '1e400',
  '1e23',
  '8.98846567431158e307',
  '7.3177701707893310e+15',
  '9007199254740992.0',
  '1.00000006e+09',
  '0.04628372940652459',
  '3.2219082003568315e-71',
  '0.1',
  '0.2',
  '0.3',
  '3.0e-1',
  '0.30000000000000004',
  '0.1000000000000000055511151231257827',
  '1.4e-45',
  '3.4028235e38',
  '3.4028236e38',
  '3.40282356779733661637539395458142568448e38',
  '1.2345678901234567e-300',
  '1.2345678901234567e300',
  '20.27016644172534',
  '-1.3950989426042756e-06',
  '123456789012345678',
  '1234567890123456789',
  '9999999999999999999',
  '10000000000000000000',
  '18446744073709551615',
  '18446744073709551616',
  '0.18446744073709551616',
  '0.0000000000000000000018446744073709551616',
  '0e400',
  '-0e400',
  '0.0e-999',
  '-0.000000000000000000000000000000',
  '0.00000000000000000000000000000000000001',
  '1e-22',
  '1e22',
  '1e-23',
  '4.35',
  '4.3500000000000000000',
  '2.2250738585072014e-308',
  '5.0e-324',
  '2.225073858507201e-308',
  '6.631236846766476e-316',
  '7.0420557077594588669468784357561207962098443483187940792729600000e+59',
  '1090544144181609348835077142190',
  '9.8813129168249309e-324',
  '1.9156918820264798e-56',
  '6.6564021122018745e+264',
  '4.91e-6',
  '5.547e-6',
  '2.47032822920623272e-324',
  '89255.0e-22',
  '1448997445238699',
  '2.089808202e+03',
  '4.9406564584124654e-324',
  '2.2250738585072009e-308',
  '2.2250738585072010e-308',
  '1.00000000000000000000',
];

/** xorshift64*: reproducible, every bit pattern reachable. */
function random(seed: bigint): () => bigint {
  let s = seed;
  return () => {
    s ^= s >> 12n;
    s ^= (s << 25n) & 0xffffffffffffffffn;
    s ^= s >> 27n;
    return (s * 0x2545f4914f6cdd1dn) & 0xffffffffffffffffn;
  };
}

/** Finite doubles: random bit patterns (every exponent alike) and random values near 1 and near typical data. */
function randomDoubles(count: number, seed: bigint): number[] {
  const next = random(seed);
  const f64 = new Float64Array(1);
  const u64 = new BigUint64Array(f64.buffer);
  const out: number[] = [];
  while (out.length < count) {
    u64[0] = next();
    const x = f64[0];
    if (!Number.isFinite(x)) continue;
    const k = out.length % 3;
    out.push(
      k === 0
        ? x
        : k === 1
          ? (Number(next() >> 11n) / 2 ** 53) * 1000
          : (Number(next() >> 11n) / 2 ** 53 - 0.5) * 10 ** (Number(next() % 40n) - 20),
    );
  }
  return out;
}

describe('the kernel reads numbers of up to 19 digits exactly (Eisel-Lemire)', () => {
  let kernel: KernelLines;
  beforeAll(async () => {
    const wasm = await PFAEngine.create(DOC, { backend: 'wasm' });
    kernel = kernelLinesOf((wasm as unknown as { wasm: WasmHost }).wasm, wasm.inputType)!;
  }, 120_000);

  const w = new WireWriter();
  const f64 = new Float64Array(1);
  const bits = new Uint32Array(f64.buffer);
  let read = 0;
  let declined = 0;
  /** Reads `{"d": n, "f": n}` in the kernel; when it reads it, expects JSON.parse's bits. Whether it read it. */
  const check = (n: string): boolean => {
    w.reset();
    if (!readTextOnto(kernel, `{"d": ${n}, "f": ${n}}`, w)) {
      declined++;
      return false;
    }
    read++;
    const want = JSON.parse(n) as number;
    f64[0] = want;
    if (w.i32[0] !== (bits[0] | 0) || w.i32[1] !== (bits[1] | 0))
      expect([w.i32[0], w.i32[1]], `${n}: ${want}`).toEqual([bits[0] | 0, bits[1] | 0]);
    f64[0] = Math.fround(want);
    if (w.i32[2] !== (bits[0] | 0) || w.i32[3] !== (bits[1] | 0))
      expect([w.i32[2], w.i32[3]], `float ${n}`).toEqual([bits[0] | 0, bits[1] | 0]);
    return true;
  };

  it("has the generator's table of powers of ten, whose rows are Go strconv's", () => {
    const source = readFileSync(new URL('../../../../assembly/lib/util/eiselLemire.ts', import.meta.url), 'utf8');
    const at = source.indexOf(POW5_BEGIN);
    const end = source.indexOf(POW5_END);
    expect(at).toBeGreaterThan(0);
    expect(source.slice(at, end + POW5_END.length + 1)).toBe(pow5TableAs());
    // Rows of Go's detailedPowersOfTen (src/strconv/eisel_lemire.go), [high, low]: rounded down.
    const go: [number, bigint, bigint][] = [
      [-326, 0x84a57695fe98746dn, 0x014bb630f7604b57n],
      [-308, 0xe61acf033d1a45dfn, 0x6fb92487298e33bdn],
      [-200, 0xc3f490aa77bd60fcn, 0xbedbfc4411068a9cn],
      [-28, 0xfd87b5f28300ca0dn, 0x8bca9d6e188853fcn],
      [-1, 0xccccccccccccccccn, 0xccccccccccccccccn],
      [0, 0x8000000000000000n, 0n],
      [43, 0xe596b7b0c643c719n, 0x6d9ccd05d0000000n],
      [291, 0xcd3a1230c43fb26fn, 0x28ce1bd2e55f35ebn],
    ];
    for (const [q, hi, lo] of go) expect(pow10Mantissa128(q), `1e${q}`).toBe((hi << 64n) | lo);
  });

  it('reads the hard cases as JSON.parse, or declines them', () => {
    const readNow = HARD.filter(check);
    // Read: the halfway points it can tell from their neighbours, and the normal range's ends.
    for (const n of [
      '1.000000000000000111',
      '1.000000000000000112',
      '9007199254740995',
      '1.7976931348623157e308',
      '1.7976931348623158e308',
      '2.2250738585072014e-308',
      '20.27016644172534',
      '-1.3950989426042756e-06',
      '9999999999999999999',
      '1234567890123456789',
      '0e400',
      '-0e400',
      '1e-307',
      '9999999999999999999e289',
    ])
      expect(readNow, n).toContain(n);
    // Declined: subnormal, infinite, more than 19 digits, and exact ties (9007199254740993, and 1e23:
    // 5^23 has 54 bits), which the truncated product cannot tell from numbers just beside them.
    for (const n of [
      '2.2250738585072011e-308',
      '4.9e-324',
      '5e-324',
      '1e-320',
      '1.7976931348623159e308',
      '1.8e308',
      '1e309',
      '1e-400',
      '1e400',
      '9999999999999999999e290',
      '10000000000000000000',
      '18446744073709551616',
      '9007199254740993',
      '1e23',
      '0.18446744073709551616',
      '0.0000000000000000000018446744073709551616',
      '1.0000000000000001110',
      '1.00000000000000000000',
    ])
      expect(readNow, n).not.toContain(n);
  });

  it('reads doubles printed by String, toPrecision(17) and toExponential(0..18) as JSON.parse', () => {
    read = 0;
    declined = 0;
    const xs = randomDoubles(120_000, 0x9e3779b97f4a7c15n);
    let normal = 0;
    for (const x of xs) {
      const s = String(x);
      const ok = check(s);
      // Every normal double's shortest text has at most 17 digits: read unless ambiguous (rare).
      if (Math.abs(x) >= 2.2250738585072014e-308 && ok) normal++;
      check(x.toPrecision(17));
      for (let k = 0; k <= 18; k++) check(x.toExponential(k));
    }
    const normals = xs.filter((x) => Math.abs(x) >= 2.2250738585072014e-308).length;
    expect(normal).toBeGreaterThan(normals * 0.99);
    expect(read + declined).toBe(xs.length * 21);
    expect(read).toBeGreaterThan(xs.length * 21 * 0.9);
  }, 600_000);

  it('reads random mantissas of 15 to 19 digits at every exponent as JSON.parse; 20 digits are declined', () => {
    const next = random(0x123456789abcdefn);
    read = 0;
    declined = 0;
    let twenty = 0;
    for (let k = 0; k < 400_000; k++) {
      const digits = 15 + Number(next() % 6n);
      let m = String(1n + (next() % 9n));
      for (let d = 1; d < digits; d++) m += String(next() % 10n);
      // Near halfway points too: a run of 0s or 9s, or ...5 then 0s.
      const r = Number(next() % 8n);
      if (r === 0) m = m.slice(0, 10) + '0'.repeat(digits - 11) + '5';
      else if (r === 1) m = m.slice(0, 12) + '9'.repeat(digits - 12);
      const e = Number(next() % 660n) - 345;
      const point = Number(next() % BigInt(digits + 1));
      const text = (point === 0 ? '0.' + m : point === digits ? m : m.slice(0, point) + '.' + m.slice(point)) + `e${e}`;
      const ok = check(next() % 2n === 0n ? text : '-' + text);
      if (digits === 20) {
        twenty++;
        expect(ok, text).toBe(false);
      }
    }
    expect(twenty).toBeGreaterThan(40_000);
    expect(read).toBeGreaterThan(200_000);
  }, 600_000);

  it('reads integers in double fields exactly beyond 2^53 (up to 19 digits)', () => {
    const next = random(0xc0ffeen);
    for (let k = 0; k < 100_000; k++) {
      const n = (next() % 10n ** (16n + (next() % 4n))).toString();
      if (n.length > 1) check(n);
    }
    for (let p = 54; p < 64; p++) {
      for (const d of [
        -3n,
        -1n,
        0n,
        1n,
        3n,
        2n ** BigInt(p - 53),
        2n ** BigInt(p - 53) - 1n,
        2n ** BigInt(p - 53) + 1n,
        3n * 2n ** BigInt(p - 54),
      ]) {
        check((2n ** BigInt(p) + d).toString());
      }
    }
  });
});
