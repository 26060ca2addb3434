/**
 * Flat trees (issue 18): the Wasm walk of model.tree.simpleWalk (with simpleTest as its test) and
 * simpleTree over a constant tree, or over one tree of a constant forest. At load time the tree is
 * laid out in an rt.FlatTree (assembly/lib/model/tree.ts): the comparison of each node is decided
 * as far as constants decide it, into a code, and its children become offsets, so that the walk
 * reads a few words of one table per node instead of the node record, its fields and its union
 * boxes. The codes cover what the reference models compare: a double field with a number, a
 * string field "in" an array of strings, alwaysTrue and alwaysFalse. Every other node keeps its
 * record, and the walk runs the test itself on it (the comparison of treeCompareWasm.ts, or the
 * function argument), so its answers and errors are the same, at the same node.
 */
import { AvroType, RecordType, accepts, isNumeric, typeToString } from '../../types/avro.js';
import { WasmCall } from '../registry.js';
import { RT } from '../../backend/wasm/emit/names.js';

/** Codes of a node's comparison (the low four bits; the field's offset in the datum above them). */
const ORDERING = ['<', '<=', '>', '>=', '==', '!='];
const TRUE = 6,
  FALSE = 7,
  IN = 8,
  NOT_IN = 9,
  OTHER = 10;

function fieldType(rec: RecordType, name: string): AvroType {
  const f = rec.fields.find((g) => g.name === name);
  if (!f) throw new Error(`internal: record ${rec.name} has no field ${name}`);
  return f.type;
}

/**
 * The leaf held in branch i of a child (of union type ft) as the walk's result of type S: the
 * same value, or the union S holding it in its branch of that type.
 */
export function leafValue(c: WasmCall, ft: AvroType, S: AvroType, next: string, i: number): string {
  if (ft.kind !== 'union') throw new Error('internal: tree branches are unions');
  const t = ft.types[i];
  const leaf = t.kind === 'null' ? '' : c.branch(ft, next, i);
  if (S.kind !== 'union') return leaf;
  const j = S.types.findIndex((s) => typeToString(s) === typeToString(t));
  return c.makeUnion(S, j, t.kind === 'null' ? undefined : leaf);
}

/**
 * The flat walk from the tree in argument 1 (a constant, or an entry of a constant container) for
 * datum argument 0; `other(node)` emits the test of a node the table does not decide and returns
 * its boolean. Null when the tree is not constant (the caller then walks the records).
 */
export function flatWalk(c: WasmCall, other: (node: string) => string): string | null {
  const D = c.site.params[0] as RecordType,
    T = c.site.params[1] as RecordType;
  const S = c.site.ret;
  const Tas = c.type(T);
  const flat = `${RT.FlatTree}<${Tas}, ${c.type(S)}>`;
  const tree = c.loadTimeOf(1, flat, (root) => {
    const build = c.loadHelper('flatTree', c.site, [Tas], flat, (h, [r]) => flatten(h, D, T, S, flat, r));
    return `${build}(${root})`;
  });
  if (tree === null) return null;
  const [datum] = c.args;
  const base = c.temp('usize', `${tree}.at`);
  const dp = c.temp('usize', `changetype<usize>(${datum})`);
  const at = c.temp('i32', '0');
  const out = c.temp(c.type(S), c.zero(S));
  // The walk is bounded: a child comes after its parent in the table (flatten lays the tree out in
  // pre-order), so a walk visits at most every node once. It is charged to the clock once, as one
  // item, and its steps test nothing (a charge per node was a load and a store of the budget global
  // on the walk's chain, for a forest of small trees as many as the walk's loads).
  c.emit(c.clockAt('0', '1'));
  c.block('while (true)', () => {
    const a = c.temp('usize', `${base} + <usize>${at}`);
    const code = c.temp('i32', `load<i32>(${a}, 8)`);
    const k = c.temp('i32', `${code} & 15`);
    const b = c.temp('bool', 'false');
    const { numbers, strings } = fastKinds(D, fieldType(T, 'value'));
    const x = (t: string) => `load<${t}>(${dp} + <usize>(${code} >>> 4))`;
    // A switch and branches, not selects: the kinds of one tree are few (predicted), and a branch
    // on the comparison lets the next node's loads start before it is known; a select would put
    // every ordering and the comparison itself on the walk's chain of loads.
    c.block(`switch (${k})`, () => {
      if (numbers.length > 0)
        for (const [i, o] of ORDERING.entries())
          c.emit(`case ${i}: { ${b} = ${x('f64')} ${o} load<f64>(${a}); break; }`);
      c.emit(`case ${TRUE}: { ${b} = true; break; }`);
      if (strings.length > 0)
        c.emit(
          `case ${IN}: case ${NOT_IN}: { ${b} = ${RT.flatIn}(<usize>load<u32>(${a}), ${x('i32')}) == (${k} == ${IN}); break; }`,
        );
      c.group(
        [`case ${OTHER}: {`, 'break; }'],
        [
          () => {
            const node = c.temp(Tas, `unchecked(${tree}.nodes[load<i32>(${a}, 12)])`);
            c.emit(`${b} = ${other(node)};`);
          },
        ],
      );
    });
    c.emit(`if (${b}) ${at} = load<i32>(${a}, 16); else ${at} = load<i32>(${a}, 20);`);
    c.emit(`if (${at} < 0) { ${out} = unchecked(${tree}.leaves[~${at}]); break; }`);
  });
  return out;
}

/** The load-time function that lays out the tree from `root` (pre-order, by an explicit stack). */
function flatten(h: WasmCall, D: RecordType, T: RecordType, S: AvroType, flat: string, root: string): string {
  const Tas = h.type(T);
  const t = h.temp(flat, `new ${flat}()`);
  const stack = h.temp(`Array<${Tas}>`, `new Array<${Tas}>(0)`);
  const slots = h.temp('Array<i32>', 'new Array<i32>(0)');
  h.emit(`${stack}.push(${root}); ${slots}.push(-1);`);
  h.block(`while (${stack}.length > 0)`, () => {
    const n = h.temp(Tas, `${stack}.pop()`);
    const slot = h.temp('i32', `${slots}.pop()`);
    const { code, value } = decide(h, D, T, n);
    const i = h.temp('i32', `${t}.add(${n}, ${code}, ${value})`);
    h.emit(`if (${slot} >= 0) ${t}.linkNode(${slot} >> 1, ${slot} & 1, ${i});`);
    ['pass', 'fail'].forEach((name, which) => {
      const ft = fieldType(T, name);
      if (ft.kind !== 'union') h.unsupported('tree branches must be unions');
      const next = h.temp(h.type(ft), h.field(T, n, name));
      const ti = ft.types.findIndex((u) => u.kind === 'record' && u.name === T.name);
      const tag = h.tag(ft, next);
      h.emit(
        `if (${tag} == ${ti}) { ${stack}.push(${h.branch(ft, next, ti)}); ${slots}.push((${i} << 1) | ${which}); }`,
      );
      ft.types.forEach((_, j) => {
        if (j !== ti) h.emit(`if (${tag} == ${j}) ${t}.linkLeaf(${i}, ${which}, ${leafValue(h, ft, S, next, j)});`);
      });
    });
  });
  return `${t}.seal()`;
}

type Branch = { index: number; type: AvroType };

/** Whether the test orders a field of type ft with a value of type V as numbers, the field a double. */
function orders(ft: AvroType, V: AvroType): boolean {
  return ft.kind === 'double' && (accepts(V, ft) || isNumeric(V));
}

/** The branches of V (index -1: V itself) that codes cover: numbers, and arrays of strings. */
function fastKinds(D: RecordType, V: AvroType): { numbers: Branch[]; strings: Branch[] } {
  const branches: Branch[] =
    V.kind === 'union' ? V.types.map((type, index) => ({ index, type })) : [{ index: -1, type: V }];
  const ordered = D.fields.some((f) => orders(f.type, V));
  const searched = D.fields.some((f) => f.type.kind === 'string');
  return {
    numbers: ordered ? branches.filter((b) => isNumeric(b.type)) : [],
    strings: searched ? branches.filter((b) => b.type.kind === 'array' && b.type.items.kind === 'string') : [],
  };
}

/**
 * A node's code and value (i64 bits), as far as constants decide them: the checks of
 * treeCompareWasm.ts in their order (alwaysTrue/alwaysFalse, then by field: the types, the
 * value's branch, the operator); anything else, errors included, is OTHER.
 */
function decide(h: WasmCall, D: RecordType, T: RecordType, n: string): { code: string; value: string } {
  const V = fieldType(T, 'value');
  const op = h.temp('i32', h.field(T, n, 'operator'));
  const value = h.temp(h.type(V), h.field(T, n, 'value'));
  const code = h.temp('i32', String(OTHER));
  const bits = h.temp('i64', '0');
  const is = (o: string) => `${op} == ${h.str(o)}`;
  const { numbers, strings } = fastKinds(D, V);
  const held = (b: Branch) => (b.index < 0 ? value : h.branch(V, value, b.index));
  const isBranch = (b: Branch) => (b.index < 0 ? 'true' : `${h.tag(V, value)} == ${b.index}`);
  // (the operator's ordering code, -1 for any other operator; whether it is "in" or "notIn")
  const ordering = h.temp(
    'i32',
    ORDERING.reduceRight((rest, o, k) => `${is(o)} ? ${k} : ${rest}`, '-1'),
  );
  const inCode = h.temp('i32', `${is('in')} ? ${IN} : ${is('notIn')} ? ${NOT_IN} : -1`);
  h.emit(`if (${is('alwaysTrue')}) ${code} = ${TRUE}; else if (${is('alwaysFalse')}) ${code} = ${FALSE}; else`);
  h.block(`switch (${h.field(T, n, 'field')})`, () =>
    D.fields.forEach((f, i) => {
      const offset = `(<i32>${h.fieldOffset(D, f.name)} << 4)`;
      h.group(
        [`case ${i}: {`, 'break; }'],
        [
          () => {
            // A double field and a number: the comparison of the value converted as the test converts it.
            if (orders(f.type, V))
              for (const b of numbers)
                h.emit(
                  `if (${ordering} >= 0 && ${isBranch(b)}) { ${code} = ${ordering} | ${offset}; ${bits} = reinterpret<i64>(<f64>${held(b)}); }`,
                );
            // A string field "in" (or "notIn") an array of strings: the array, searched by code.
            if (f.type.kind === 'string')
              for (const b of strings)
                h.emit(
                  `if (${inCode} >= 0 && ${isBranch(b)}) { ${code} = ${inCode} | ${offset}; ${bits} = <i64>changetype<usize>(${held(b)}); }`,
                );
          },
        ],
      );
    }),
  );
  return { code, value: bits };
}
