/** rand's text: random strings and bytes (from a range or a population) and UUIDs. */
import { CallSite, EngineServices, WasmCall, defineFunction } from '../registry.js';
import { T } from '../../types/avro.js';
import { sizedArray } from '../util/wasm.js';
import { RT } from '../../backend/wasm/emit/names.js';
import { PR, below, belowWasm } from './draws.js';

type SizeRange<E extends string> = {
  sizeMustBePositive: number;
  highMustBeGreaterThanLow: number;
  populationMustBeNonEmpty: number;
} & Record<E, number>;

/**
 * Without a range, code points are drawn from 1 to 0xD7FF: the spec says "up to and including
 * 0xD800", but U+D800 is a lone surrogate that no string encoding can carry.
 */
export const string = defineFunction({
  name: 'rand.string',
  sigs: [
    '(size: int) -> string',
    '(size: int, population: string) -> string',
    '(size: int, low: int, high: int) -> string',
  ],
  errors: {
    sizeMustBePositive: 34080,
    highMustBeGreaterThanLow: 34081,
    invalidChar: 34082,
    populationMustBeNonEmpty: 34083,
  },
  nondeterministic: PR,
  // The same checks in the same order and one draw per code point, in the kernel; the host gives
  // a population's code points and makes the string (it holds text).
  wasm: (c) => {
    const size = c.args[0];
    c.emit(`if (${size} <= 0) ${c.fail('sizeMustBePositive')}`);
    let pick: string;
    if (c.site.sig === 0)
      pick = `1 + <i32>${belowWasm('55295.0')}`; // 1 + below(0xD7FF)
    else if (c.site.sig === 1) {
      const cps = c.codePoints(c.args[1]);
      c.emit(`if (${cps}.length == 0) ${c.fail('populationMustBeNonEmpty', 'population must be non-empty')}`);
      pick = `unchecked(${cps}[<i32>${belowWasm(`<f64>${cps}.length`)}])`;
    } else {
      const [, low, high] = c.args;
      c.emit(`if (${high} <= ${low}) ${c.fail('highMustBeGreaterThanLow')}`);
      c.emit(`if (${low} < 1 || ${low} > 0xd800 || ${high} < 1 || ${high} > 0xd800) ${c.fail('invalidChar')}`);
      pick = `<i32>(<f64>${low} + ${belowWasm(`(<f64>${high} - <f64>${low})`)})`;
    }
    const out = sizedArray(c, T.int, size);
    const i = c.temp('i32', '0');
    c.emit(`for (; ${i} < ${size}; ${i}++) ${RT.setAt}(${out}, ${i}, ${pick});`);
    return c.fromCodePoints(out);
  },
  js: (site: CallSite<SizeRange<'invalidChar'>>) => {
    const draw = (size: number, pick: () => number): string => {
      const cps: number[] = [];
      for (let i = 0; i < size; i++) cps.push(pick());
      return String.fromCodePoint(...cps);
    };
    switch (site.sig) {
      case 0:
        return (size: number) =>
          size <= 0 ? site.fail('sizeMustBePositive') : draw(size, () => 1 + below(site.engine, 0xd7ff));
      case 1:
        return (size: number, population: string) => {
          if (size <= 0) return site.fail('sizeMustBePositive');
          const cps = Array.from(population, (c) => c.codePointAt(0) as number); // code points, not UTF-16 units
          if (cps.length === 0) return site.fail('populationMustBeNonEmpty', 'population must be non-empty');
          return draw(size, () => cps[below(site.engine, cps.length)]);
        };
      default:
        return (size: number, low: number, high: number) => {
          if (size <= 0) return site.fail('sizeMustBePositive');
          if (high <= low) return site.fail('highMustBeGreaterThanLow');
          if (low < 1 || low > 0xd800 || high < 1 || high > 0xd800) return site.fail('invalidChar');
          return draw(size, () => low + below(site.engine, high - low));
        };
    }
  },
});

export const bytes = defineFunction({
  name: 'rand.bytes',
  sigs: [
    '(size: int) -> bytes',
    '(size: int, population: bytes) -> bytes',
    '(size: int, low: int, high: int) -> bytes',
  ],
  errors: {
    sizeMustBePositive: 34090,
    highMustBeGreaterThanLow: 34091,
    invalidByte: 34092,
    populationMustBeNonEmpty: 34093,
  },
  nondeterministic: PR,
  js: (site: CallSite<SizeRange<'invalidByte'>>) => {
    const draw = (size: number, pick: () => number): Uint8Array => {
      const out = new Uint8Array(size);
      for (let i = 0; i < size; i++) out[i] = pick();
      return out;
    };
    switch (site.sig) {
      case 0:
        return (size: number) =>
          size <= 0 ? site.fail('sizeMustBePositive') : draw(size, () => below(site.engine, 256));
      case 1:
        return (size: number, population: Uint8Array) => {
          if (size <= 0) return site.fail('sizeMustBePositive');
          if (population.length === 0) return site.fail('populationMustBeNonEmpty', 'population must be non-empty');
          return draw(size, () => population[below(site.engine, population.length)]);
        };
      default:
        return (size: number, low: number, high: number) => {
          if (size <= 0) return site.fail('sizeMustBePositive');
          if (high <= low) return site.fail('highMustBeGreaterThanLow');
          if (low < 0 || low > 255 || high < 0 || high > 256) return site.fail('invalidByte');
          return draw(size, () => low + below(site.engine, high - low));
        };
    }
  },
  // The same checks in the same order, and one draw per byte from the engine's generator, as above.
  wasm: (c) => {
    const size = c.args[0];
    c.emit(`if (${size} <= 0) ${c.fail('sizeMustBePositive')}`);
    let pick: string;
    if (c.site.sig === 0) pick = belowWasm('256.0');
    else if (c.site.sig === 1) {
      const pop = c.args[1];
      c.emit(`if (${pop}.length == 0) ${c.fail('populationMustBeNonEmpty', 'population must be non-empty')}`);
      pick = `unchecked(${pop}[<i32>${belowWasm(`<f64>${pop}.length`)}])`;
    } else {
      const [, low, high] = c.args;
      c.emit(`if (${high} <= ${low}) ${c.fail('highMustBeGreaterThanLow')}`);
      c.emit(`if (${low} < 0 || ${low} > 255 || ${high} < 0 || ${high} > 256) ${c.fail('invalidByte')}`);
      pick = `<u8>(<f64>${low} + ${belowWasm(`(<f64>${high} - <f64>${low})`)})`;
    }
    const out = c.temp('Uint8Array', `new Uint8Array(${size})`);
    const i = c.temp('i32', '0');
    c.emit(`for (; ${i} < ${size}; ${i}++) unchecked(${out}[${i}] = <u8>${pick});`);
    return out;
  },
});

/**
 * uuid4's Wasm form: the same 30 draws in order, each a lowercase hex digit's code point, with the
 * dashes and the fixed 4 and 8 in place; the host makes the string.
 */
function uuid4Wasm(c: WasmCall): string {
  const out = sizedArray(c, T.int, '36');
  const i = c.temp('i32', '0');
  const d = c.temp('i32', '0');
  c.block(`for (; ${i} < 36; ${i}++)`, () => {
    c.emit(`${d} = ${i} == 8 || ${i} == 13 || ${i} == 18 || ${i} == 23 ? 45 : ${i} == 14 ? 52 : ${i} == 19 ? 56 : -1;`);
    c.block(`if (${d} < 0)`, () => {
      c.emit(`${d} = <i32>${belowWasm('16.0')};`);
      c.emit(`${d} = ${d} < 10 ? 48 + ${d} : 87 + ${d};`);
    });
    c.emit(`${RT.setAt}(${out}, ${i}, ${d});`);
  });
  return c.fromCodePoints(out);
}

/** xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx with random lowercase hex digits, as the spec writes it. */
function uuid4(rng: EngineServices): string {
  const hex = (n: number): string => {
    let s = '';
    for (let i = 0; i < n; i++) s += below(rng, 16).toString(16);
    return s;
  };
  return `${hex(8)}-${hex(4)}-4${hex(3)}-8${hex(3)}-${hex(12)}`;
}

export const uuid = defineFunction({
  name: 'rand.uuid',
  sigs: ['() -> string'],
  deprecated: { 0: '0.7.2' },
  nondeterministic: PR,
  js: (site) => () => uuid4(site.engine),
  wasm: uuid4Wasm,
});

export const uuid4Fn = defineFunction({
  name: 'rand.uuid4',
  sigs: ['() -> string'],
  nondeterministic: PR,
  js: (site) => () => uuid4(site.engine),
  wasm: uuid4Wasm,
});
