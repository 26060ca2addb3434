/**
 * The Wasm form of model.reg.gaussianProcess: the checks of the JS form in its order, then for
 * each output krige's steps with the numeric parts in assembly/lib/util/gaussianProcess.ts and
 * the user's kernel inlined where krige calls it (the correlation matrix's upper triangle row by
 * row, then the prediction), so its effects and errors come in the JS backend's order.
 */
import { WasmCall } from '../registry.js';
import { AvroType } from '../../types/avro.js';
import { RT } from '../../backend/wasm/emit/names.js';
import { eachItem } from './wasm.js';
import { DEFAULT_NUGGET } from './gaussianProcess.js';

const VEC = 'Array<f64>',
  MAT = 'Array<Array<f64>>';

/** `fail(name)` gives the failing statement of the named error (with the JS form's message). */
export function gaussianProcessWasm(c: WasmCall, fail: (name: string) => string): string {
  const [x, table, weight] = c.args;
  const vectorX = c.site.sig >= 2;
  const vectorTo = c.site.sig % 2 === 1;
  const T = c.site.params[1] as AvroType;
  const W = c.site.params[2] as AvroType;
  if (T.kind !== 'array' || T.items.kind !== 'record' || W.kind !== 'union')
    throw new Error('internal: gaussianProcess takes an array of records and a union');
  const R = T.items;
  const sigmaField = R.fields.find((f) => f.name === 'sigma');
  if (sigmaField && sigmaField.type.kind !== (vectorTo ? 'array' : 'double'))
    throw new Error('internal: the form checks that "sigma" is of the type of "to" (reg.ts hasSigma)');
  const field = (row: string, name: string) => c.field(R, row, name);

  c.emit(`if (${table}.length < 1) ${fail('tableMustHaveAtLeast1Entry')}`);
  const at = c.temp(VEC, vectorX ? x : `[${x}]`);
  if (vectorX) {
    c.emit(`if (${at}.length < 1) ${fail('xMustHaveAtLeast1Feature')}`);
    eachItem(c, table, (row) =>
      c.emit(`if (${field(row, 'x')}.length != ${at}.length) ${fail('tableMustHaveTheSameNumberOfFeaturesAsX')}`),
    );
  }
  const nOut = c.temp('i32', '1');
  if (vectorTo) {
    c.emit(`${nOut} = ${field(`unchecked(${table}[0])`, 'to')}.length;`);
    c.emit(`if (${nOut} < 1) ${fail('tableOutputsMustHaveAtLeast1Dimension')}`);
    eachItem(c, table, (row) =>
      c.emit(`if (${field(row, 'to')}.length != ${nOut}) ${fail('tableOutputsMustAllHaveTheSameNumberOfDimensions')}`),
    );
  }
  eachItem(c, at, (v) => c.emit(`if (!isFinite(${v})) ${fail('xIsNotFinite')}`));
  const allFinite = (row: string, name: string, vector: boolean) => {
    if (!vector) return c.emit(`if (!isFinite(${field(row, name)})) ${fail('tableValueIsNotFinite')}`);
    eachItem(c, c.temp(VEC, field(row, name)), (v) => c.emit(`if (!isFinite(${v})) ${fail('tableValueIsNotFinite')}`));
  };
  eachItem(c, table, (row) => allFinite(c.temp(c.type(R), row), 'to', vectorTo));
  eachItem(c, table, (row) => allFinite(c.temp(c.type(R), row), 'x', vectorX));
  const nullAt = W.types.findIndex((b) => b.kind === 'null');
  const hasBeta = c.temp('bool', `${c.tag(W, weight)} != ${nullAt}`);
  const beta = c.temp('f64', '0.0');
  c.if_(hasBeta, () => c.emit(`${beta} = ${c.branch(W, weight, 1 - nullAt)};`));
  c.emit(`if (${hasBeta} && !isFinite(${beta})) ${fail('krigingWeightIsNotFinite')}`);

  const xs = c.temp(MAT, `new ${MAT}(0)`);
  eachItem(c, table, (row) => c.emit(`${xs}.push(${vectorX ? field(row, 'x') : `[${field(row, 'x')}]`});`));
  const features = c.temp(RT.GpFeatures, `${RT.gpStandardise}(${xs})`);
  const norm = c.temp(MAT, `${features}.norm`);
  const n = c.temp('i32', `${norm}.length`);
  const atNorm = c.temp(VEC, `${RT.gpAtNorm}(${features}, ${at})`);
  const kernel = c.fcn(3);
  const out = c.temp(VEC, `new ${VEC}(0)`);
  const o = c.temp('i32', '0');
  c.block(`for (; ${o} < ${nOut}; ${o}++)`, () => {
    const y = c.temp(VEC, `new ${VEC}(0)`);
    const nugget = c.temp(VEC, `new ${VEC}(0)`);
    eachItem(c, table, (row) => {
      const r = c.temp(c.type(R), row);
      const yi = c.temp('f64', vectorTo ? `unchecked(${field(r, 'to')}[${o}])` : field(r, 'to'));
      c.emit(`${y}.push(${yi});`);
      if (!sigmaField) return c.emit(`${nugget}.push(${c.f64(DEFAULT_NUGGET)});`);
      // (a shorter sigma array reads undefined in JS: NaN)
      const sigma = vectorTo
        ? `(${o} < ${field(r, 'sigma')}.length ? unchecked(${field(r, 'sigma')}[${o}]) : NaN)`
        : field(r, 'sigma');
      const q = c.temp('f64', '0.0');
      c.emit(`if (${yi} != 0) { ${q} = ${sigma} / ${yi}; ${q} = ${q} * ${q}; } else ${q} = Infinity;`);
      c.emit(`${nugget}.push(${q});`);
    });
    const r = c.temp(MAT, `${RT.gpCorrelation}(${nugget})`);
    const i = c.temp('i32', '0'),
      j = c.temp('i32', '0');
    c.block(`for (${i} = 0; ${i} < ${n}; ${i}++)`, () => {
      c.block(`for (${j} = ${i} + 1; ${j} < ${n}; ${j}++)`, () => {
        c.emit(c.clock());
        const k = c.temp('f64', kernel.apply([`unchecked(${norm}[${i}])`, `unchecked(${norm}[${j}])`]));
        c.emit(`unchecked(${r}[${i}])[${j}] = ${k}; unchecked(${r}[${j}])[${i}] = ${k};`);
      });
    });
    const fit = c.temp(`${RT.GpFit} | null`, `${RT.gpFit}(${r}, ${y}, ${hasBeta}, ${beta})`);
    c.emit(`if (${fit} === null) ${fail('matrixOfKernelResultsIsNotPositiveDefinite')}`);
    const f = c.temp(RT.GpFit, `${fit}!`);
    const sum = c.temp('f64', `${f}.b`);
    eachItem(c, norm, (row, at_) => {
      const k = c.temp('f64', kernel.apply([atNorm, row]));
      c.emit(`${sum} += ${k} * unchecked(${f}.gamma[${at_}]);`);
    });
    c.emit(`${out}.push(${f}.ymean + ${f}.ystd * ${sum});`);
  });
  return vectorTo ? out : `unchecked(${out}[0])`;
}
