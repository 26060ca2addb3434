/**
 * The Wasm form of treeCompare.ts's field comparison (model.tree.simpleTest), check for check in
 * the same order: alwaysTrue/alwaysFalse, isMissing/notMissing, in/notIn, then the types, then the
 * operator. Fields of every type are lowered: numbers compare by value, other values in Avro order
 * after the field is upcast to the value's type (keeping its branch). Only "in" of a field in items
 * of another container type, whose values JS could take for equal, is unsupported (it then runs
 * in JS).
 */
import { AvroType, RecordType, accepts, isNumeric, typeEquals } from '../../types/avro.js';
import { holder } from '../../types/convert.js';
import { wasmEquals, wasmOrder } from './wasm.js';
import { WasmCall } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';

type Branch = { index: number; type: AvroType };

/** Emits the comparison; `fail(name)` gives the statements for badValueType / invalidComparisonOperator. */
export function wasmFieldComparison(
  c: WasmCall,
  D: RecordType,
  V: AvroType,
  datum: string,
  field: string,
  operator: string,
  value: string,
): string {
  return comparison(c, D, V, datum, field, operator, value, false).out;
}

/**
 * missingTest's comparison: a field of type union<null, X> is compared as X, and when it holds
 * null the answer is null (`none` true) once the types are known to fit; "isMissing" and
 * "notMissing" are not operators here.
 */
export function wasmMissingComparison(
  c: WasmCall,
  D: RecordType,
  V: AvroType,
  datum: string,
  field: string,
  operator: string,
  value: string,
): { out: string; none: string } {
  return comparison(c, D, V, datum, field, operator, value, true);
}

function comparison(
  c: WasmCall,
  D: RecordType,
  V: AvroType,
  datum: string,
  field: string,
  operator: string,
  value: string,
  missing: boolean,
): { out: string; none: string } {
  const out = c.temp('bool', 'false');
  const none = c.temp('bool', 'false');
  const op = (s: string) => `${operator} == ${c.str(s)}`;
  const branches: Branch[] =
    V.kind === 'union' ? V.types.map((type, index) => ({ index, type })) : [{ index: -1, type: V }];
  const val = (b: Branch) => (b.index < 0 ? value : c.branch(V, value, b.index));
  const isBranch = (b: Branch) => (b.index < 0 ? 'true' : `${c.tag(V, value)} == ${b.index}`);
  const numericBranches = branches.filter((b) => isNumeric(b.type));
  const arrayBranches = branches.filter((b) => b.type.kind === 'array');

  c.emit(`if (${op('alwaysTrue')}) { ${out} = true; } else if (${op('alwaysFalse')}) { ${out} = false; }`);
  c.block('else', () =>
    c.block(`switch (${field})`, () =>
      D.fields.forEach((f, i) => {
        c.group(
          [`case ${i}: {`, 'break; }'],
          [
            () => {
              const { ft, x, isNull } = fieldValue(c, D, datum, f.name, missing);
              const inOk = arrayBranches.some((b) => b.type.kind === 'array' && accepts(b.type.items, ft));
              const cmpOk = accepts(V, ft) || (isNumeric(V) && isNumeric(ft));
              // (missingTest: once the types fit, a null field answers null before the operator is looked at)
              const unlessNull = (then: () => void) =>
                missing ? c.block(`if (${isNull}) ${none} = true; else`, then) : then();
              // isMissing / notMissing (simpleTest and simpleTree only): whether the field holds null.
              if (!missing)
                c.emit(
                  `if (${op('isMissing')}) ${out} = ${isNull}; else if (${op('notMissing')}) ${out} = !(${isNull}); else`,
                );
              c.if_(
                `${op('in')} || ${op('notIn')}`,
                () => {
                  if (!inOk) {
                    c.emit(c.fail('badValueType'));
                    return;
                  }
                  unlessNull(() => {
                    // Any array the value holds is searched (the JS form only asks for an array).
                    const found = c.temp('bool', 'false');
                    for (const b of arrayBranches) {
                      const items = (b.type as Extract<AvroType, { kind: 'array' }>).items;
                      // (each test's else runs into the next test, the last into the failure)
                      c.group(
                        [`if (${isBranch(b)}) {`, '} else'],
                        [
                          () => {
                            const arr = c.temp(c.type(b.type), val(b));
                            const j = c.temp('i32', '0');
                            c.block(`for (; ${j} < ${arr}.length; ${j}++)`, () => {
                              const eq = same(c, ft, items, x, `unchecked(${arr}[${j}])`);
                              c.emit(`if (${eq}) { ${found} = true; break; }`);
                            });
                          },
                        ],
                      );
                    }
                    c.emit(`${c.fail('badValueType')}`);
                    c.emit(`${out} = ${op('in')} ? ${found} : !${found};`);
                  });
                },
                () => {
                  if (!cmpOk) c.emit(c.fail('badValueType'));
                  else
                    unlessNull(() => {
                      if (isNumeric(ft)) {
                        // Numbers: the value must hold a number; then the six operators.
                        const bothInt = (t: AvroType) => t.kind === 'int' || t.kind === 'long';
                        const cmpExpr = (b: Branch) => {
                          const integral = bothInt(ft) && bothInt(b.type);
                          const [a, v] = integral ? [`<i64>${x}`, `<i64>${val(b)}`] : [`<f64>${x}`, `<f64>${val(b)}`];
                          return (o: string) => `(${a} ${o} ${v})`;
                        };
                        let chain = '';
                        for (const b of numericBranches) {
                          const cmp = cmpExpr(b);
                          chain += `if (${isBranch(b)}) { if (${op('<')}) ${out} = ${cmp('<')}; else if (${op('<=')}) ${out} = ${cmp('<=')}; else if (${op('>')}) ${out} = ${cmp('>')}; else if (${op('>=')}) ${out} = ${cmp('>=')}; else if (${op('==')}) ${out} = ${cmp('==')}; else if (${op('!=')}) ${out} = ${cmp('!=')}; else ${c.fail('invalidComparisonOperator')} } else `;
                        }
                        c.emit(`${chain}${c.fail('badValueType')}`);
                      } else {
                        // Other types: Avro order of the field upcast to V (keeping its branch) and the value.
                        const r = c.temp('i32', wasmOrder(c, V, c.convert(x, ft, V), value));
                        c.emit(
                          `if (${op('<')}) ${out} = ${r} < 0; else if (${op('<=')}) ${out} = ${r} <= 0; else if (${op('>')}) ${out} = ${r} > 0; else if (${op('>=')}) ${out} = ${r} >= 0; else if (${op('==')}) ${out} = ${r} == 0; else if (${op('!=')}) ${out} = ${r} != 0; else ${c.fail('invalidComparisonOperator')}`,
                        );
                      }
                    });
                },
              );
            },
          ],
        );
      }),
    ),
  );
  return { out, none };
}

/**
 * The field as the comparison sees it: its type `ft` (missingTest takes null out of a nullable
 * field's type, treeCompare.ts withoutNull), its value `x` of that type, and `isNull`, an i32
 * expression for a field holding null. A box never leaves its union, so the branches left keep
 * the values they held.
 */
function fieldValue(
  c: WasmCall,
  D: RecordType,
  datum: string,
  name: string,
  missing: boolean,
): { ft: AvroType; x: string; isNull: string } {
  const t = D.fields.find((f) => f.name === name)!.type;
  const x = c.temp(c.type(t), c.field(D, datum, name));
  const ni = t.kind === 'union' ? t.types.findIndex((b) => b.kind === 'null') : -1;
  if (t.kind !== 'union' || ni < 0) return { ft: t, x, isNull: 'false' };
  const isNull = `${c.tag(t, x)} == ${ni}`;
  if (!missing || t.types.length === 1) return { ft: t, x, isNull };
  const rest = t.types.filter((b) => b.kind !== 'null');
  const ft: AvroType = rest.length === 1 ? rest[0] : { kind: 'union', types: rest };
  return { ft, x: c.temp(c.type(ft), c.convertPresent(x, t, ft)), isNull };
}

/** The kind of JS value (types/convert.ts holder) a type's values are, longs with the other numbers (compared by value). */
const looksLike = (t: AvroType): string => (isNumeric(t) ? 'number' : holder(t));

/**
 * Equality for "in" (treeCompare.ts same), of a field x of type ft and an item y of type `item`,
 * either of which may be a union: the values the branches hold compare, as the JS form compares
 * them unboxed. Numbers by value (int and long alike), other values of one type structurally
 * (valuesEqual); values of different kinds are never equal.
 */
function same(c: WasmCall, ft: AvroType, item: AvroType, x: string, y: string): string {
  if (ft.kind !== 'union' && item.kind !== 'union') return sameValues(c, ft, item, x, y) ?? 'false';
  const held = (t: AvroType, v: string) =>
    t.kind === 'union'
      ? t.types.map((type, i) => ({ type, value: () => c.branch(t, v, i), is: `${c.tag(t, v)} == ${i}` }))
      : [{ type: t, value: () => v, is: 'true' }];
  const r = c.temp('bool', 'false');
  for (const a of held(ft, x))
    for (const b of held(item, y)) {
      if (sameValues(c, a.type, b.type, 'x', 'y', true) === null) continue;
      c.if_(`${a.is} && ${b.is}`, () => c.emit(`${r} = ${sameValues(c, a.type, b.type, a.value(), b.value())};`));
    }
  return r;
}

/** sameValues of two non-union types, or null when no two such values are equal (`dry`: emit nothing). */
function sameValues(c: WasmCall, a: AvroType, b: AvroType, x: string, y: string, dry = false): string | null {
  if (isNumeric(a) && isNumeric(b)) {
    const integral = (t: AvroType) => t.kind === 'int' || t.kind === 'long';
    return integral(a) && integral(b) ? `<i64>${x} == <i64>${y}` : `<f64>${x} == <f64>${y}`;
  }
  if (typeEquals(a, b)) return dry ? 'true' : wasmEquals(c, a, x, y);
  // A string and an enum symbol (or symbols of two enums) are equal texts to the JS form.
  if (looksLike(a) === 'text' && looksLike(b) === 'text') return `(${textCode(c, a, x)} == ${textCode(c, b, y)})`;
  // Bytes and fixed values are both Uint8Arrays: equal when their bytes are.
  if (looksLike(a) === 'bytes' && looksLike(b) === 'bytes') return `(${RT.bytesCompare}(${x}, ${y}) == 0)`;
  const containers = new Set(['array', 'map', 'record']);
  if (looksLike(a) !== looksLike(b) && !(containers.has(a.kind) && containers.has(b.kind))) return null;
  return c.unsupported(`"in" of a ${a.kind} field in items of another type is not lowered`);
}

/** The string code of a value of type t, a string or an enum (an enum holds its symbol's index). */
function textCode(c: WasmCall, t: AvroType, v: string): string {
  if (t.kind !== 'enum') return v;
  return t.symbols.reduceRight((rest, symbol, i) => `(${v} == ${i} ? ${c.str(symbol)} : ${rest})`, '-1');
}
