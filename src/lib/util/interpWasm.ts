/**
 * The Wasm forms of the `interp` namespace (lib/interp.ts), operation for operation: the same
 * checks in the same order, the same comparisons (NaN never wins), the same arithmetic.
 */
import { ArrayType, AvroType, RecordType } from '../../types/avro.js';
import { WasmCall } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';

/** interp.bin, both signatures. */
export function wasmBin(c: WasmCall, intMin: number, intMax: number): string {
  const out = c.temp('f64', '0.0');
  if (c.site.sig === 0) {
    const [x, numbins, low, high] = c.args;
    c.emit(`if (!(${low} < ${high})) ${c.fail('badHistogramRange')}`);
    c.emit(`if (${numbins} < 1) ${c.fail('badHistogramScale')}`);
    c.emit(`if (!(${x} >= ${low} && ${x} < ${high})) ${c.fail('xOutOfRange')}`);
    c.emit(`${out} = Math.floor(<f64>${numbins} * ((${x} - ${low}) / (${high} - ${low})));`);
    c.emit(`if (!(${out} >= 0 && ${out} < <f64>${numbins})) ${c.fail('xOutOfRange')}`);
    return `<i32>${out}`;
  }
  const [x, origin, width] = c.args;
  c.emit(`if (!isFinite(${origin})) ${c.fail('badHistogramRange')}`);
  c.emit(`if (!(${width} > 0)) ${c.fail('badHistogramScale')}`);
  c.emit(`if (!isFinite(${x})) ${c.fail('xOutOfRange')}`);
  c.emit(`${out} = Math.floor((${x} - ${origin}) / ${width});`);
  c.emit(`if (!(${out} >= ${c.f64(intMin)} && ${out} <= ${c.f64(intMax)})) ${c.fail('xOutOfRange')}`);
  return `<i32>${out}`;
}

function tableRecord(c: WasmCall): RecordType {
  const R = (c.site.params[1] as ArrayType).items;
  // Every interp signature with a table takes an array of records (libfcns.json): no valid document gets here.
  if (R.kind !== 'record') return c.unsupported('internal: an interp table is an array of records');
  return R;
}

function fieldType(R: RecordType, name: string): AvroType {
  return R.fields.find((f) => f.name === name)!.type;
}

/** interp.nearest: the first entry with the smallest distance (nearestEntry). */
export function wasmNearest(c: WasmCall): string {
  const [x, table] = c.args;
  const R = tableRecord(c);
  c.emit(`if (${table}.length == 0) ${c.fail('tableMustHaveAtLeastOneEntry')}`);
  const distance = (e: string): string => {
    const ex = c.temp(c.type(fieldType(R, 'x')), c.field(R, e, 'x'));
    switch (c.site.sig) {
      case 0:
        return c.temp('f64', `Math.abs(${x} - ${ex})`);
      case 1: {
        c.emit(`if (${ex}.length != ${x}.length) ${c.fail('inconsistentDimensionality')}`);
        const s = c.temp('f64', '0.0');
        const i = c.temp('i32', '0');
        c.block(`for (; ${i} < ${x}.length; ${i}++)`, () => {
          c.emit(c.clock());
          const d = c.temp('f64', `unchecked(${x}[${i}]) - unchecked(${ex}[${i}])`);
          c.emit(`${s} += ${d} * ${d};`);
        });
        return s;
      }
      default:
        return c.temp('f64', c.fcn(2).apply([x, ex]));
    }
  };
  const best = c.temp(c.type(R), `unchecked(${table}[0])`);
  const bestD = c.temp('f64', distance(best));
  const i = c.temp('i32', '1');
  c.block(`for (; ${i} < ${table}.length; ${i}++)`, () => {
    c.emit(c.clock());
    const e = c.temp(c.type(R), `unchecked(${table}[${i}])`);
    const d = distance(e);
    c.emit(`if (${d} < ${bestD}) { ${best} = ${e}; ${bestD} = ${d}; }`);
  });
  return c.temp(c.type(c.site.ret), c.field(R, best, 'to'));
}

/** interp.linear, linearFlat and linearMissing: bracket, then interpolate (or not) as in JS. */
export function wasmLinear(c: WasmCall, outside: 'extrapolate' | 'flat' | 'missing'): string {
  const [x, table] = c.args;
  const R = tableRecord(c);
  const asR = c.type(R);
  const xOf = (e: string) => c.field(R, e, 'x');
  // bracket(): the closest entry at or below x and the closest strictly above.
  const below = c.temp(asR, `changetype<${asR}>(0)`);
  const above = c.temp(asR, `changetype<${asR}>(0)`);
  const hasBelow = c.temp('bool', 'false');
  const hasAbove = c.temp('bool', 'false');
  const belowD = c.temp('f64', '0.0');
  const aboveD = c.temp('f64', '0.0');
  const i = c.temp('i32', '0');
  c.block(`for (; ${i} < ${table}.length; ${i}++)`, () => {
    c.emit(c.clock());
    const e = c.temp(asR, `unchecked(${table}[${i}])`);
    const ex = c.temp('f64', xOf(e));
    c.emit(
      `if (${ex} <= ${x} && (!${hasBelow} || ${x} - ${ex} < ${belowD})) { ${below} = ${e}; ${belowD} = ${x} - ${ex}; ${hasBelow} = true; }`,
    );
    c.emit(
      `if (${x} < ${ex} && (!${hasAbove} || ${ex} - ${x} < ${aboveD})) { ${above} = ${e}; ${aboveD} = ${ex} - ${x}; ${hasAbove} = true; }`,
    );
  });
  const between = c.temp('bool', `${hasBelow} && ${hasAbove}`);
  const one = c.temp(asR, below);
  const two = c.temp(asR, above);
  c.if_(`!${between}`, () => {
    // Outside the table: the two closest entries at distinct distances.
    const hasOne = c.temp('bool', 'false');
    const hasTwo = c.temp('bool', 'false');
    const oneD = c.temp('f64', '0.0');
    const twoD = c.temp('f64', '0.0');
    const j = c.temp('i32', '0');
    c.block(`for (; ${j} < ${table}.length; ${j}++)`, () => {
      c.emit(c.clock());
      const f = c.temp(asR, `unchecked(${table}[${j}])`);
      const d = c.temp('f64', `Math.abs(${x} - ${xOf(f)})`);
      c.emit(
        `if (!${hasOne} || ${d} < ${oneD}) { ${two} = ${one}; ${twoD} = ${oneD}; ${hasTwo} = ${hasOne}; ${one} = ${f}; ${oneD} = ${d}; ${hasOne} = true; }`,
      );
      c.emit(
        `else if ((!${hasTwo} || ${d} < ${twoD}) && ${d} != ${oneD}) { ${two} = ${f}; ${twoD} = ${d}; ${hasTwo} = true; }`,
      );
    });
    c.emit(`if (!${hasOne} || !${hasTwo}) ${c.fail('tableMustHaveAtLeastTwoDistinctXValues')}`);
  });

  const ret = c.site.ret;
  const out = c.temp(c.type(ret), c.zero(ret));
  const interpolate = (): string => {
    const onex = c.temp('f64', xOf(one));
    const t = c.temp('f64', `(${x} - ${onex}) / (${xOf(two)} - ${onex})`);
    const a = c.field(R, one, 'to');
    const b = c.field(R, two, 'to');
    if (c.site.sig === 0) return c.temp('f64', `(1.0 - ${t}) * ${a} + ${t} * ${b}`);
    const av = c.temp('Array<f64>', a);
    const bv = c.temp('Array<f64>', b);
    c.emit(`if (${av}.length != ${bv}.length) ${c.fail('inconsistentDimensionality')}`);
    const r = c.temp('Array<f64>', `new Array<f64>(${av}.length)`);
    const k = c.temp('i32', '0');
    c.block(`for (; ${k} < ${av}.length; ${k}++)`, () => {
      c.emit(c.clock());
      c.emit(`${RT.setAt}(${r}, ${k}, (1.0 - ${t}) * unchecked(${av}[${k}]) + ${t} * unchecked(${bv}[${k}]));`);
    });
    return r;
  };
  if (outside === 'extrapolate') {
    c.emit(`${out} = ${interpolate()};`);
    return out;
  }
  if (outside === 'flat') {
    c.block(`if (!${between}) ${out} = ${c.field(R, one, 'to')}; else`, () => {
      c.emit(`${out} = ${interpolate()};`);
    });
    return out;
  }
  if (ret.kind !== 'union') return c.unsupported('internal: linearMissing returns a union');
  const nullAt = ret.types.findIndex((u) => u.kind === 'null');
  c.block(`if (!${between} && ${xOf(one)} != ${x}) ${out} = ${c.makeUnion(ret, nullAt)}; else`, () => {
    c.emit(`${out} = ${c.makeUnion(ret, 1 - nullAt, interpolate())};`);
  });
  return out;
}
