/**
 * The cast library (spec sec. "Type conversions"): two's complement truncation, numeric
 * precision changes with exact int/long range checks (long is a bigint, never squeezed through a
 * double), one-hot "fanout" arrays, and serialization to Avro binary or JSON.
 */
import { CallSite, defineFunction, defineNamespace, onHost } from './registry.js';
import { EnumType } from '../types/avro.js';
import { encoderFor } from '../codec/avroJson.js';
import { jsonText } from '../document/json.js';
import { avroBinary } from './util/avroBinary.js';
import { intInRange } from './util/numeric.js';
import { eachItem, newArray } from './util/wasm.js';

const signed = defineFunction({
  name: 'cast.signed',
  sigs: ['(x: long, bits: int) -> long'],
  errors: { unrepresentableUnsignedNumber: 17000 },
  js: (site) => (x: bigint, bits: number) =>
    bits < 2 || bits > 64 ? site.fail('unrepresentableUnsignedNumber') : BigInt.asIntN(bits, x),
  // Shifting the low `bits` bits to the top and back (arithmetic shift) sign-extends them: asIntN.
  wasm: (c) => {
    const [x, bits] = c.args;
    c.emit(`if (${bits} < 2 || ${bits} > 64) ${c.fail('unrepresentableUnsignedNumber')}`);
    return c.temp('i64', `(${x} << <i64>(64 - ${bits})) >> <i64>(64 - ${bits})`);
  },
});

const unsigned = defineFunction({
  name: 'cast.unsigned',
  sigs: ['(x: long, bits: int) -> long'],
  errors: { unrepresentableUnsignedNumber: 17010 },
  js: (site) => (x: bigint, bits: number) =>
    bits < 1 || bits > 63 ? site.fail('unrepresentableUnsignedNumber') : BigInt.asUintN(bits, x),
  // The low `bits` bits (bits <= 63, so the answer is a non-negative long): asUintN.
  wasm: (c) => {
    const [x, bits] = c.args;
    c.emit(`if (${bits} < 1 || ${bits} > 63) ${c.fail('unrepresentableUnsignedNumber')}`);
    return c.temp('i64', `${x} & ((<i64>1 << <i64>${bits}) - 1)`);
  },
});

const FOUR = ['(x: int) -> R', '(x: long) -> R', '(x: float) -> R', '(x: double) -> R'];
const sigsTo = (r: string) => FOUR.map((s) => s.replace('R', r));

const TWO_63 = 2 ** 63;

// Floating-point values round half up (toward +∞ on ties), as the reference engines do;
// NaN and infinities are out of every integer range.
const int = defineFunction({
  name: 'cast.int',
  sigs: sigsTo('int'),
  errors: { intOverflow: 17020 },
  js: (site) => {
    switch (site.sig) {
      case 0:
        return (x: number) => x;
      case 1:
        return (x: bigint) => (x >= -2147483648n && x <= 2147483647n ? Number(x) : site.fail('intOverflow'));
      default:
        return (x: number) => {
          const r = Math.round(x);
          return intInRange(r) ? r + 0 : site.fail('intOverflow'); // + 0 turns -0 into 0
        };
    }
  },
  // Math.round in AS follows ECMAScript (asconfig.json's FdlibmMath forwards to NativeMath.round), so ties
  // round up exactly as in the JS form.
  wasm: (c) => {
    const x = c.args[0];
    switch (c.site.sig) {
      case 0:
        return x;
      case 1:
        c.emit(`if (${x} < <i64>i32.MIN_VALUE || ${x} > <i64>i32.MAX_VALUE) ${c.fail('intOverflow')}`);
        return `(<i32>${x})`;
      default: {
        const r = c.temp('f64', `Math.round(<f64>${x})`);
        c.emit(`if (!(${r} >= -2147483648.0 && ${r} <= 2147483647.0)) ${c.fail('intOverflow')}`);
        return `(<i32>${r})`;
      }
    }
  },
});

const long = defineFunction({
  name: 'cast.long',
  sigs: sigsTo('long'),
  errors: { longOverflow: 17030 },
  js: (site) => {
    switch (site.sig) {
      case 0:
        return (x: number) => BigInt(x);
      case 1:
        return (x: bigint) => x;
      default:
        return (x: number) => {
          const r = Math.round(x);
          // Doubles at or above 2^63 are outside the range; -2^63 itself is inside.
          return r >= -TWO_63 && r < TWO_63 ? BigInt(r) : site.fail('longOverflow');
        };
    }
  },
  wasm: (c) => {
    const x = c.args[0];
    switch (c.site.sig) {
      case 0:
        return `(<i64>${x})`;
      case 1:
        return x;
      default: {
        const r = c.temp('f64', `Math.round(<f64>${x})`);
        c.emit(`if (!(${r} >= -9223372036854775808.0 && ${r} < 9223372036854775808.0)) ${c.fail('longOverflow')}`);
        return `(<i64>${r})`;
      }
    }
  },
});

/**
 * A long rounded once, half to even, to float's 24-bit significand; going through a double
 * first would round twice and can land on the wrong float.
 */
function longToFloat(x: bigint): number {
  const neg = x < 0n;
  let m = neg ? -x : x;
  const bits = m.toString(2).length;
  if (bits <= 53) return Math.fround(Number(x)); // exact as a double: one rounding
  const shift = BigInt(bits - 24);
  const rem = m & ((1n << shift) - 1n),
    half = 1n << (shift - 1n);
  m >>= shift;
  if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
  const r = Math.fround(Number(m) * 2 ** Number(shift));
  return neg ? -r : r;
}

const float = defineFunction({
  name: 'cast.float',
  sigs: sigsTo('float'),
  js: (site) => (site.sig === 1 ? longToFloat : Math.fround),
  // f32.convert_i64_s rounds once, to nearest even: longToFloat's answer; the rest is Math.fround.
  wasm: (c) => `(<f32>${c.args[0]})`,
});

const double = defineFunction({
  name: 'cast.double',
  sigs: sigsTo('double'),
  js: (site) => (site.sig === 1 ? (x: bigint) => Number(x) : (x: number) => x),
  // f64.convert_i64_s rounds to nearest even, as Number(bigint) does.
  wasm: (c) => `(<f64>${c.args[0]})`,
});

const FANOUT = [
  '(x: enum A) -> array<R>',
  '(x: string, dictionary: array<string>, outOfRange: boolean) -> array<R>',
  '(x: int, minimum: int, maximum: int, outOfRange: boolean) -> array<R>',
];

const NON_DISTINCT = 'non-distinct values in dictionary';

/**
 * One-hot encoding; `on`/`off` are the element type's true and false, `asOn`/`asOff` the same
 * as AssemblyScript literals. In Wasm an enum is its symbol's index and a string its dictionary
 * code, so each comparison is an i32 compare.
 */
function fanout<V>(name: string, r: string, code: number, on: V, off: V, asOn: string, asOff: string) {
  return defineFunction({
    name,
    sigs: FANOUT.map((s) => s.replace('array<R>', `array<${r}>`)),
    errors: { nonDistinctValuesInDictionary: code },
    js: (site: CallSite<{ nonDistinctValuesInDictionary: number }>) => {
      switch (site.sig) {
        case 0: {
          const symbols = (site.bindings.A as EnumType).symbols;
          return (x: string) => symbols.map((s) => (s === x ? on : off));
        }
        case 1:
          return (x: string, dictionary: string[], outOfRange: boolean) => {
            if (new Set(dictionary).size !== dictionary.length) {
              return site.fail('nonDistinctValuesInDictionary', NON_DISTINCT);
            }
            const out = dictionary.map((s) => (s === x ? on : off));
            if (outOfRange) out.push(dictionary.includes(x) ? off : on);
            return out;
          };
        default:
          return (x: number, minimum: number, maximum: number, outOfRange: boolean) => {
            const out: V[] = [];
            for (let i = minimum; i < maximum; i++) out.push(i === x ? on : off);
            if (outOfRange) out.push(x < minimum || x >= maximum ? on : off);
            return out;
          };
      }
    },
    wasm: (c) => {
      const R = c.site.ret.kind === 'array' ? c.site.ret.items : c.site.ret;
      const [x] = c.args;
      const out = newArray(c, R);
      switch (c.site.sig) {
        case 0: {
          const n = (c.site.bindings.A as EnumType).symbols.length;
          const i = c.temp('i32', '0');
          c.emit(`for (; ${i} < ${n}; ${i}++) ${out}.push(${i} == ${x} ? ${asOn} : ${asOff});`);
          return out;
        }
        case 1: {
          const [, dictionary, outOfRange] = c.args;
          const seen = c.temp('Set<i32>', 'new Set<i32>()');
          eachItem(c, dictionary, (s) => c.emit(`${seen}.add(${s});`));
          c.emit(`if (${seen}.size != ${dictionary}.length) ${c.fail('nonDistinctValuesInDictionary', NON_DISTINCT)}`);
          eachItem(c, dictionary, (s) => c.emit(`${out}.push(${s} == ${x} ? ${asOn} : ${asOff});`));
          c.emit(`if (${outOfRange}) ${out}.push(${seen}.has(${x}) ? ${asOff} : ${asOn});`);
          return out;
        }
        default: {
          const [, minimum, maximum, outOfRange] = c.args;
          // i < maximum <= i32.MAX_VALUE, so i++ never wraps.
          const i = c.temp('i32', minimum);
          c.block(`for (; ${i} < ${maximum}; ${i}++)`, () => {
            c.emit(c.clock());
            c.emit(`${out}.push(${i} == ${x} ? ${asOn} : ${asOff});`);
          });
          c.emit(`if (${outOfRange}) ${out}.push(${x} < ${minimum} || ${x} >= ${maximum} ? ${asOn} : ${asOff});`);
          return out;
        }
      }
    },
  });
}

const fanoutBoolean = fanout('cast.fanoutBoolean', 'boolean', 17060, true, false, 'true', 'false');
const fanoutInt = fanout('cast.fanoutInt', 'int', 17070, 1, 0, '1', '0');
const fanoutLong = fanout('cast.fanoutLong', 'long', 17080, 1n, 0n, '<i64>1', '<i64>0');
const fanoutFloat = fanout('cast.fanoutFloat', 'float', 17090, 1, 0, '<f32>1', '<f32>0');
const fanoutDouble = fanout('cast.fanoutDouble', 'double', 17100, 1, 0, '1.0', '0.0');

const avro = defineFunction({
  name: 'cast.avro',
  sigs: ['(x: any A) -> bytes'],
  // (the value crosses to the host on the wire and its JS form encodes it: ARCHITECTURE.md "Library calls run on the host")
  wasm: onHost,
  js: (site) => {
    const t = site.bindings.A;
    return (x: unknown) => avroBinary(t, x);
  },
});

/** Avro-JSON of the value without whitespace (unions tagged; non-finite numbers as "inf"/"nan" strings). */
const json = defineFunction({
  name: 'cast.json',
  sigs: ['(x: any A) -> string'],
  nondeterministic: 'unstable',
  wasm: onHost,
  js: (site) => {
    const encode = encoderFor(site.bindings.A);
    return (x: unknown) => jsonText(encode(x));
  },
});

export default defineNamespace('cast', [
  signed,
  unsigned,
  int,
  long,
  float,
  double,
  fanoutBoolean,
  fanoutInt,
  fanoutLong,
  fanoutFloat,
  fanoutDouble,
  avro,
  json,
]);
