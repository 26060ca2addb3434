/**
 * The Wasm form of treeCompare.ts's field comparison (model.tree.simpleTest), check for check in
 * the same order: alwaysTrue/alwaysFalse, isMissing/notMissing, in/notIn, then the types, then the
 * operator. Fields that are numbers or strings are lowered; any other field whose type could be
 * compared with the value makes the call unsupported (it then runs in JS).
 */
import { AvroType, RecordType, accepts, isNumeric, typeEquals } from '../../types/avro.js';
import { wasmEquals, wasmOrder } from './wasm.js';
import { WasmCall } from '../registry.js';

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
        let ft = f.type;
        let isNull = 'false';
        let x = '';
        c.group(
          [`case ${i}: {`, 'break; }'],
          [
            () => {
              if (ft.kind === 'union' && ft.types.some((t) => t.kind === 'null')) {
                if (ft.types.length !== 2) c.unsupported('nullable datum fields of more than one type are not lowered');
                const u = ft;
                const ni = u.types.findIndex((t) => t.kind === 'null');
                const un = c.temp(c.type(u), c.field(D, datum, f.name));
                isNull = `${c.tag(u, un)} == ${ni}`;
                if (missing) {
                  // missingTest strips null from the field's type (withoutNull in treeCompare.ts).
                  ft = u.types[1 - ni];
                  x = c.temp(c.type(ft), c.branch(u, un, 1 - ni));
                } else {
                  // simpleTest/simpleTree compare the union itself: lowered only where the types never fit
                  // (the operators then fail with badValueType), as with a "null" value.
                  const fits =
                    arrayBranches.some((b) => b.type.kind === 'array' && accepts(b.type.items, u)) ||
                    accepts(V, u) ||
                    (isNumeric(V) && isNumeric(u));
                  if (fits) c.unsupported('comparing a nullable datum field is not lowered');
                  x = un;
                }
              } else x = c.temp(c.type(ft), c.field(D, datum, f.name));
              const inOk = arrayBranches.some((b) => b.type.kind === 'array' && accepts(b.type.items, ft));
              const cmpOk = accepts(V, ft) || (isNumeric(V) && isNumeric(ft));
              // in / notIn
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
                  c.block(`if (${isNull}) ${none} = true; else`, () => {
                    const found = c.temp('bool', 'false');
                    for (const b of arrayBranches) {
                      const items = (b.type as Extract<AvroType, { kind: 'array' }>).items;
                      if (!accepts(items, ft)) continue;
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
                  // Once the types fit, a missing (null) field answers null before the operator is looked at.
                  if (!cmpOk) c.emit(c.fail('badValueType'));
                  else
                    c.block(`if (${isNull}) ${none} = true; else`, () => {
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
                        // Other kinds: comparatorFor(V) of the field and the value, the field being
                        // in the one branch of V that its values can be taken for (values.ts branchIndex).
                        const r = c.temp('i32', order(c, V, ft, x, value));
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
 * Avro order of a (non-numeric) field value x of type ft and a value of type V that accepts ft: a
 * union V compares branch indices first, x's being that of the branch of its type, which must be
 * the only branch whose JS values look like x's (branchIndex finds branches by value).
 */
function order(c: WasmCall, V: AvroType, ft: AvroType, x: string, value: string): string {
  if (ft.kind === 'union') return c.unsupported(`comparing a union field is not lowered`);
  if (V.kind !== 'union') {
    if (!typeEquals(V, ft)) return c.unsupported(`comparing a ${ft.kind} field with another type is not lowered`);
    return wasmOrder(c, ft, x, value);
  }
  const j = V.types.findIndex((t) => typeEquals(t, ft));
  if (j < 0 || V.types.filter((t) => looksLike(t) === looksLike(ft)).length !== 1)
    return c.unsupported(`comparing a ${ft.kind} field with a union of values alike is not lowered`);
  const tag = c.temp('i32', c.tag(V, value));
  const r = c.temp('i32', `${tag} != ${j} ? (${j} < ${tag} ? -1 : 1) : 0`);
  c.if_(`${r} == 0`, () => c.emit(`${r} = ${wasmOrder(c, ft, x, c.branch(V, value, j))};`));
  return r;
}

/** The kind of JS value (values.ts) a type's values are: the types branchIndex cannot tell apart. */
function looksLike(t: AvroType): string {
  if (isNumeric(t)) return 'number';
  if (t.kind === 'enum') return 'string';
  if (t.kind === 'fixed') return 'bytes';
  return t.kind;
}

/**
 * Equality for "in" (treeCompare.ts same): numbers by value (int and long alike), other values of
 * the item type structurally (valuesEqual).
 */
function same(c: WasmCall, ft: AvroType, item: AvroType, x: string, y: string): string {
  if (isNumeric(ft) && isNumeric(item)) {
    const integral = (t: AvroType) => t.kind === 'int' || t.kind === 'long';
    return integral(ft) && integral(item) ? `<i64>${x} == <i64>${y}` : `<f64>${x} == <f64>${y}`;
  }
  if (!typeEquals(ft, item)) return c.unsupported(`"in" of a ${ft.kind} field in items of another type is not lowered`);
  return wasmEquals(c, ft, x, y);
}
