/**
 * The `model.tree` namespace (spec sec. "Decision and regression Trees"): test functions that
 * decide which branch of a node to take, and walk functions that apply a test until they reach a
 * leaf. Walks iterate rather than recurse, so trees of any depth score without growing the stack.
 *
 * A node's `pass`/`fail` (and `missing`) fields are unions of the node record type T and the
 * score type S; a branch is a node exactly when it is a record with T's fields (see `nodeTest`).
 */
import { CallSite, WasmCall, defineFunction, defineNamespace } from '../registry.js';
import { wasmFieldComparison, wasmMissingComparison } from '../util/treeCompareWasm.js';
import { flatWalk, leafValue } from '../util/flatTreeWasm.js';
import { AvroType, FcnType, RecordType } from '../../types/avro.js';
import { PfaRecord } from '../../values.js';
import { TreeErrors, makeFieldComparison, nodeTest } from '../util/treeCompare.js';

type Test = (datum: PfaRecord, node: PfaRecord) => boolean;
type MissingTest = (datum: PfaRecord, node: PfaRecord) => boolean | null;

function recordParam(site: CallSite, i: number): RecordType {
  const t = site.params[i] as AvroType | FcnType;
  if (t.kind !== 'record') throw new Error(`internal: parameter ${i} is not a record`);
  return t;
}

function fieldType(rec: RecordType, name: string): AvroType {
  const f = rec.fields.find((g) => g.name === name);
  if (!f) throw new Error(`internal: record ${rec.name} has no field ${name}`);
  return f.type;
}

const simpleTest = defineFunction({
  name: 'model.tree.simpleTest',
  sigs: [
    '(datum: record D, comparison: record T {field: enum F of fields of D, operator: string, value: any V}) -> boolean',
  ],
  errors: { invalidComparisonOperator: 32000, badValueType: 32001 },
  js: (site) => {
    const cmp = makeFieldComparison(
      recordParam(site, 0),
      fieldType(recordParam(site, 1), 'value'),
      false,
      site as CallSite<TreeErrors>,
    );
    return (datum: PfaRecord, c: PfaRecord) => cmp(datum, c.field as string, c.operator as string, c.value) as boolean;
  },
  wasm: (c) => {
    const D = c.site.params[0] as RecordType,
      T = c.site.params[1] as RecordType;
    const [datum, node] = c.args;
    const field = c.temp('i32', c.field(T, node, 'field'));
    const operator = c.temp('i32', c.field(T, node, 'operator'));
    const V = fieldType(T, 'value');
    const value = c.temp(c.type(V), c.field(T, node, 'value'));
    return wasmFieldComparison(c, D, V, datum, field, operator, value);
  },
});

const missingTest = defineFunction({
  name: 'model.tree.missingTest',
  sigs: [
    '(datum: record D, comparison: record T {field: enum F of fields of D, operator: string, value: any V}) -> union<null, boolean>',
  ],
  errors: { invalidComparisonOperator: 32010, badValueType: 32011 },
  js: (site) => {
    const cmp = makeFieldComparison(
      recordParam(site, 0),
      fieldType(recordParam(site, 1), 'value'),
      true,
      site as CallSite<TreeErrors>,
    );
    return (datum: PfaRecord, c: PfaRecord) => cmp(datum, c.field as string, c.operator as string, c.value);
  },
  wasm: (c) => {
    const D = c.site.params[0] as RecordType,
      T = c.site.params[1] as RecordType;
    const R = c.site.ret;
    if (R.kind !== 'union') throw new Error('internal: missingTest returns a union');
    const [datum, node] = c.args;
    const field = c.temp('i32', c.field(T, node, 'field'));
    const operator = c.temp('i32', c.field(T, node, 'operator'));
    const V = fieldType(T, 'value');
    const value = c.temp(c.type(V), c.field(T, node, 'value'));
    const { out, none } = wasmMissingComparison(c, D, V, datum, field, operator, value);
    const ni = R.types.findIndex((t) => t.kind === 'null'),
      bi = R.types.findIndex((t) => t.kind === 'boolean');
    const r = c.temp(c.type(R), c.makeUnion(R, bi, out));
    c.emit(`if (${none}) ${r} = ${c.makeUnion(R, ni)};`);
    return r;
  },
});

const compoundTest = defineFunction({
  name: 'model.tree.compoundTest',
  sigs: ['(datum: record D, operator: string, comparisons: array<record T>, test: fcn(D, T) -> boolean) -> boolean'],
  errors: { unrecognizedLogicalOperator: 32020 },
  js: (site) => (datum: PfaRecord, operator: string, comparisons: PfaRecord[], test: Test) => {
    switch (operator) {
      case 'and':
        for (const c of comparisons) if (!test(datum, c)) return false;
        return true;
      case 'or':
        for (const c of comparisons) if (test(datum, c)) return true;
        return false;
      case 'xor': {
        let n = 0;
        for (const c of comparisons) if (test(datum, c)) n++;
        return n % 2 === 1;
      }
      default:
        return site.fail('unrecognizedLogicalOperator');
    }
  }, // and/or stop at the first deciding test, xor counts every one (as the JS form).
  wasm: (c) => {
    const [datum, operator, comparisons] = c.args;
    const T = (c.site.params[2] as Extract<AvroType, { kind: 'array' }>).items;
    const out = c.temp('bool', 'false');
    const isAnd = `${operator} == ${c.str('and')}`,
      isOr = `${operator} == ${c.str('or')}`,
      isXor = `${operator} == ${c.str('xor')}`;
    c.emit(`if (!(${isAnd} || ${isOr} || ${isXor})) ${c.fail('unrecognizedLogicalOperator')}`);
    const n = c.temp('i32', '0');
    c.emit(`${out} = ${isAnd};`);
    const i = c.temp('i32', '0');
    c.block(`for (; ${i} < ${comparisons}.length; ${i}++)`, () => {
      c.emit(c.clock());
      const t = c.temp('bool', c.fcn(3).apply([datum, c.temp(c.type(T), `unchecked(${comparisons}[${i}])`)]));
      c.emit(
        `if (${isAnd}) { if (!${t}) { ${out} = false; break; } } else if (${isOr}) { if (${t}) { ${out} = true; break; } } else if (${t}) ${n}++;`,
      );
    });
    c.emit(`if (${isXor}) ${out} = ${n} % 2 == 1;`);
    return out;
  },
});

const surrogateTest = defineFunction({
  name: 'model.tree.surrogateTest',
  sigs: ['(datum: record D, comparisons: array<record T>, missingTest: fcn(D, T) -> union<null, boolean>) -> boolean'],
  errors: { noSuccessfulSurrogate: 32030 },
  js: (site) => (datum: PfaRecord, comparisons: PfaRecord[], test: MissingTest) => {
    for (const c of comparisons) {
      const r = test(datum, c);
      if (r !== null) return r;
    }
    return site.fail('noSuccessfulSurrogate');
  },
  wasm: (c) => {
    const [datum, comparisons] = c.args;
    const T = (c.site.params[1] as Extract<AvroType, { kind: 'array' }>).items;
    const R = c.fcn(2).ret;
    if (R.kind !== 'union') return c.unsupported('the test must return union<null, boolean>');
    const ni = R.types.findIndex((t) => t.kind === 'null'),
      bi = R.types.findIndex((t) => t.kind === 'boolean');
    const out = c.temp('bool', 'false');
    const found = c.temp('bool', 'false');
    const i = c.temp('i32', '0');
    c.block(`for (; ${i} < ${comparisons}.length; ${i}++)`, () => {
      c.emit(c.clock());
      const r = c.temp(c.type(R), c.fcn(2).apply([datum, c.temp(c.type(T), `unchecked(${comparisons}[${i}])`)]));
      c.emit(`if (${c.tag(R, r)} != ${ni}) { ${out} = ${c.branch(R, r, bi)}; ${found} = true; break; }`);
    });
    c.emit(`if (!${found}) ${c.fail('noSuccessfulSurrogate')}`);
    return out;
  },
});

const simpleWalk = defineFunction({
  name: 'model.tree.simpleWalk',
  sigs: [
    '(datum: record D, treeNode: record T {pass: union<T, any S>, fail: union<T, S>}, test: fcn(D, T) -> boolean) -> S',
  ],
  js: (site) => {
    const isNode = nodeTest(recordParam(site, 1), site.ret);
    return (datum: PfaRecord, treeNode: PfaRecord, test: Test) => {
      let node = treeNode;
      for (;;) {
        const next = test(datum, node) ? node.pass : node.fail;
        if (!isNode(next)) return next;
        node = next;
      }
    };
  },
  // A loop, no recursion: each step takes pass or fail; a branch of type T continues the walk. A
  // constant tree tested by simpleTest itself is walked flat (util/flatTreeWasm.ts).
  wasm: (c) =>
    (c.fcn(2).passesTo === 'model.tree.simpleTest' ? flatWalk(c, (node) => c.fcn(2).apply([c.args[0], node])) : null) ??
    wasmWalk(c, (node, step) => {
      const b = c.fcn(2).apply([c.args[0], node]);
      c.if_(
        b,
        () => {
          step('pass');
        },
        () => {
          step('fail');
        },
      );
    }),
});

/**
 * The Wasm form of a walk (simpleWalk, missingWalk, simpleTree): a loop from the node in argument
 * 1; `choose` emits the decision for the current node and calls `step(name)` in each of its
 * branches, which continues with a branch of type T or leaves the loop with a leaf as the result.
 */
function wasmWalk(c: WasmCall, choose: (node: string, step: (name: string) => void) => void): string {
  const T = c.site.params[1] as RecordType;
  const S = c.site.ret;
  const node = c.temp(c.type(T), c.args[1]);
  const out = c.temp(c.type(S), c.zero(S));
  c.block('while (true)', () => {
    c.emit(c.clock());
    choose(node, (name) => {
      const ft = fieldType(T, name);
      if (ft.kind !== 'union') return c.unsupported('tree branches must be unions');
      const next = c.temp(c.type(ft), c.field(T, node, name));
      const ti = ft.types.findIndex((t) => t.kind === 'record' && t.name === T.name);
      c.emit(`if (${c.tag(ft, next)} == ${ti}) { ${node} = ${c.branch(ft, next, ti)}; continue; }`);
      ft.types.forEach((_, i) => {
        if (i !== ti) c.emit(`if (${c.tag(ft, next)} == ${i}) { ${out} = ${leafValue(c, ft, S, next, i)}; break; }`);
      });
    });
  });
  return out;
}

const missingWalk = defineFunction({
  name: 'model.tree.missingWalk',
  sigs: [
    '(datum: record D, treeNode: record T {pass: union<T, any S>, fail: union<T, S>, missing: union<T, S>}, test: fcn(D, T) -> union<null, boolean>) -> S',
  ],
  js: (site) => {
    const isNode = nodeTest(recordParam(site, 1), site.ret);
    return (datum: PfaRecord, treeNode: PfaRecord, test: MissingTest) => {
      let node = treeNode;
      for (;;) {
        const r = test(datum, node);
        const next = r === null ? node.missing : r ? node.pass : node.fail;
        if (!isNode(next)) return next;
        node = next;
      }
    };
  },
  // The test's answer is union<null, boolean>: its null branch takes "missing".
  wasm: (c) =>
    wasmWalk(c, (node, step) => {
      const R = c.fcn(2).ret;
      if (R.kind !== 'union') return c.unsupported('the test must return union<null, boolean>');
      const r = c.temp(c.type(R), c.fcn(2).apply([c.args[0], node]));
      const ni = R.types.findIndex((t) => t.kind === 'null');
      const bi = R.types.findIndex((t) => t.kind === 'boolean');
      c.ifChain(
        [
          [
            `${c.tag(R, r)} == ${ni}`,
            () => {
              step('missing');
            },
          ],
          [
            c.branch(R, r, bi),
            () => {
              step('pass');
            },
          ],
        ],
        () => {
          step('fail');
        },
      );
    }),
});

const simpleTree = defineFunction({
  name: 'model.tree.simpleTree',
  sigs: [
    '(datum: record D, treeNode: record T {field: enum F of fields of D, operator: string, value: any V, pass: union<T, any S>, fail: union<T, S>}) -> S',
  ],
  errors: { invalidComparisonOperator: 32060, badValueType: 32061 },
  js: (site) => {
    const T = recordParam(site, 1);
    const cmp = makeFieldComparison(recordParam(site, 0), fieldType(T, 'value'), false, site as CallSite<TreeErrors>);
    const isNode = nodeTest(T, site.ret);
    return (datum: PfaRecord, treeNode: PfaRecord) => {
      let node = treeNode;
      for (;;) {
        const next = cmp(datum, node.field as string, node.operator as string, node.value) ? node.pass : node.fail;
        if (!isNode(next)) return next;
        node = next;
      }
    };
  },
  // simpleWalk with simpleTest's comparison inlined (the node is its own comparison record); a
  // constant tree is walked flat (util/flatTreeWasm.ts).
  wasm: (c) => {
    const D = c.site.params[0] as RecordType,
      T = c.site.params[1] as RecordType;
    const V = fieldType(T, 'value');
    const compare = (node: string) => {
      const field = c.temp('i32', c.field(T, node, 'field'));
      const operator = c.temp('i32', c.field(T, node, 'operator'));
      const value = c.temp(c.type(V), c.field(T, node, 'value'));
      return wasmFieldComparison(c, D, V, c.args[0], field, operator, value);
    };
    return (
      flatWalk(c, compare) ??
      wasmWalk(c, (node, step) => {
        const b = compare(node);
        c.if_(
          b,
          () => {
            step('pass');
          },
          () => {
            step('fail');
          },
        );
      })
    );
  },
});

export default defineNamespace('model.tree', [
  simpleTest,
  missingTest,
  compoundTest,
  surrogateTest,
  simpleWalk,
  missingWalk,
  simpleTree,
]);
