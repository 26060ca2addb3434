/**
 * Safe code generation (STYLE.md item 5): identifiers are minted as prefix plus counter, never
 * built from PFA names; numbers go through one printer; no PFA text reaches the source.
 */

/**
 * The helpers of the hand-written runtime (assembly/runtime.ts, and what it re-exports from
 * assembly/lib/**) that generated code names: one typed table, so a misspelt helper is a type
 * error here and a unit test checks each entry against the assembly sources
 * (test/backend/wasm/emit/names.test.ts) instead of an asc compile of the model that reaches it.
 * Values are the spelling in generated code: the first group is imported by name (the kernel's
 * import line, lower/module.ts MODULE_HEADER), the second is reached as `rt.NAME`
 * (`import * as rt`), the third is re-exported to the host.
 */
export const RT_IMPORTED = [
  'errorSite',
  'fail',
  'clockExpired',
  'compareStrings',
  'outStart',
  'outF64',
  'outI64',
  'outI32',
  'addOverflowsI32',
  'subOverflowsI32',
  'mulOverflowsI32',
  'addOverflowsI64',
  'subOverflowsI64',
  'mulOverflowsI64',
  'modF64',
  'modI32',
  'modI64',
  'cmpF64',
  'powI64',
  'powOverflow',
] as const;

const RT_QUALIFIED = [
  // kernel entries and records (lower/module.ts), failures, the clock, emit
  'failWith',
  'errorDetail',
  'clockSpend',
  'outStatus',
  'outBytes',
  'outTake',
  'emitBegin',
  'emitEnd',
  'logEnd',
  'arenaMark',
  'arenaReset',
  'recordDone',
  'batchRecord',
  // arrays (assembly/lib/util/arrays.ts), strings, numbers
  'setAt',
  'rawArray',
  'arrayOfItems',
  'rawStatic',
  'itemsOf',
  'divide',
  // text in kernels (assembly/lib/util/text.ts) and the string library (assembly/lib/s.ts)
  'textOf',
  'textCode',
  'textCodes',
  'textsOf',
  'cpLength',
  'codePointsOf',
  'fromCodePoints',
  'sSubstr',
  'sSubstrto',
  'sCount',
  'sIndex',
  'sRindex',
  'sSplit',
  'sRepeat',
  'sStrip',
  'sReplaceall',
  'sReplacefirst',
  'sReplacelast',
  'sTranslate',
  'sLower',
  'sUpper',
  'sPad',
  'sLong',
  'sNumberDouble',
  // the parse library (assembly/lib/parse.ts)
  'parseInteger',
  'parseDouble',
  'parseFloat32',
  'parseStatus',
  // strings' text to bytes and back (assembly/lib/util/textBytes.ts)
  'textAtMost',
  'textWellFormed',
  'textEncode',
  'textDecode',
  'bytesToBase64',
  'bytesFromBase64',
  // the regular-expression library (assembly/lib/re.ts)
  'reExhausted',
  'reCached',
  'reKeep',
  'reIndex',
  'reContains',
  'reCount',
  'reRindex',
  'reGroups',
  'reIndexall',
  'reFindall',
  'reFindfirst',
  'reFindgroupsfirst',
  'reFindgroupsall',
  'reGroupsall',
  'reReplacefirst',
  'reReplacelast',
  'reReplaceall',
  'reSplit',
  // library calls run on the host (strings)
  'hostArgI32',
  'hostArgI64',
  'hostArgF64',
  'hostCall',
  'hostResultI32',
  'hostResultI64',
  'hostResultF64',
  'hostResultI32s',
  'hostResultWire',
  'hostSlotI32',
  'outAt',
  'outDrop',
  // bytes and fixed values (assembly/lib/bytes.ts)
  'bytesCompare',
  'bytesSubseq',
  'bytesSubseqto',
  'bytesAtMost',
  'bytesIsUtf8',
  'bytesIsUtf16',
  'bytesIsUtf16Marked',
  'fixedOverlay',
  // the byte layouts of pack and unpack (assembly/lib/util/pack.ts)
  'packBegin',
  'packInt',
  'packBytes',
  'packSkip',
  'packU4',
  'packU8',
  'unpackBegin',
  'unpackInt',
  'unpackSkip',
  'unpackRaw',
  'unpackNul',
  'unpackLen',
  'unpackEnd',
  // the engine's generator (assembly/lib/rand.ts)
  'random',
  'randBits64',
  'randBelowU64',
  // the calendar of time.* (assembly/lib/time.ts)
  'timeInRange',
  'timeOffset',
  'timeField',
  'timeValidCivil',
  'timeFromLocal',
  // special functions (assembly/lib/m/special.ts)
  'erf',
  'erfc',
  'lnGamma',
  'lnBeta',
  'chooseInt32',
  // linear algebra (assembly/lib/util/linalg.ts)
  'laMultiply',
  'laDeterminant',
  'laSolve',
  'laUnionKeys',
  'laColKeys',
  'laGet',
  'laToDense',
  'laToMapMat',
  'laAnyNonFinite',
  'laAnyNonFiniteMap',
  'laRagged',
  'laInverse',
  // decompositions (assembly/lib/util/spectral.ts)
  'laPseudoinverse',
  'laEigenBasis',
  // Gaussian Process regression (assembly/lib/util/gaussianProcess.ts)
  'GpFeatures',
  'GpFit',
  'gpStandardise',
  'gpAtNorm',
  'gpCorrelation',
  'gpFit',
  // flat trees (assembly/lib/model/tree.ts)
  'FlatTree',
  'flatIn',
  // distributions (assembly/lib/prob/dist.ts)
  'distLnBeta',
  'distLnGammaKernel',
  'distGammaTails',
  'distNormalTails',
  'distNormalQuantile',
  'distUpper',
  'distGammaQuantile',
  'distPoissonQuantile',
  'distDiscreteQuantile',
  'distBetaTails',
  'distBetaDensity',
  'distBetaQuantile',
  'distTUpperQuantile',
  'distFQuantile',
  // the chi-square CDF (assembly/lib/util/chiSquare.ts)
  'chiSquareCdf',
  // the hypergeometric distribution (assembly/lib/prob/hypergeometric.ts)
  'hyperInvalid',
  'hyperSet',
  'hyperPmf',
  'hyperCdf',
  'hyperQuantile',
  // the kernel's text reader (assembly/lib/util/jsonText.ts)
  'jsonNum',
  'jsonIntLit',
  'jsonWs',
  'jsonColon',
  'jsonAfter',
  'jsonLineEnd',
  'jsonNumber',
  'jsonShortField',
  // its fast reader of number fields (assembly/lib/util/jsonFields.ts)
  'jsonFieldF64',
  'jsonValueF64',
] as const;

/** What the kernel module re-exports from the runtime for the host (engine.ts, instance.ts). */
export const RT_EXPORTED = [
  'errorSite',
  'errorDetail',
  'wireBuffer',
  'outBegin',
  'outBaseSlot',
  'outPos',
  'markRecords',
  'batchDone',
  'arena',
  'textBuffer',
  'textForget',
] as const;

type Imported = (typeof RT_IMPORTED)[number];
type Qualified = (typeof RT_QUALIFIED)[number];

export const RT = Object.freeze(
  Object.fromEntries([...RT_IMPORTED.map((n) => [n, n]), ...RT_QUALIFIED.map((n) => [n, `rt.${n}`])]),
) as { readonly [K in Imported]: K } & { readonly [K in Qualified]: `rt.${K}` };

const PREFIX = /^[a-zA-Z]+$/;

export class Names {
  private next = 0;

  /** A fresh identifier: prefix (letters only) + counter. */
  mint(prefix: string): string {
    if (!PREFIX.test(prefix)) throw new Error(`internal: bad identifier prefix ${JSON.stringify(prefix)}`);
    return `${prefix}${this.next++}`;
  }
}

/** An f64 literal with the exact bits of `x` (decimal when it round-trips, which JS guarantees). */
export function f64Literal(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '(-Infinity)';
  if (Object.is(x, -0)) return '(-0.0)';
  const s = String(x);
  const text = /[.eE]/.test(s) ? s : `${s}.0`;
  return x < 0 ? `(${text})` : text;
}

export function f32Literal(x: number): string {
  return `<f32>${f64Literal(Math.fround(x))}`;
}

export function i32Literal(x: number): string {
  if (!Number.isInteger(x) || x < -2147483648 || x > 2147483647) throw new Error(`internal: ${x} is not an int`);
  return x < 0 ? `(${x})` : String(x);
}

export function i64Literal(x: bigint): string {
  if (x === -(2n ** 63n)) return 'i64.MIN_VALUE';
  return x < 0n ? `(<i64>${x})` : `<i64>${x}`;
}
