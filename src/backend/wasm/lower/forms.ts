/**
 * Special forms whose lowering is more than a statement or two: `try` (spec sec. 3.9.5), which
 * must stop a failure at its boundary although kernels never unwind (ARCHITECTURE.md "Errors"),
 * `log`, whose values go to the host's log hook, and pools (sec. 3.8), maps held in globals.
 */
import type { Node } from '../../../ir/tree.js';
import { runtimeMessages } from '../../../errors/runtime.js';
import { RT } from '../emit/names.js';
import { convert } from './convert.js';
import type { Fn } from './fn.js';
import type { ErrorSite, Module } from './module.js';
import { lowerExpr } from './expr.js';
import { lowerPath, lowerStepsUpdate, steps } from './paths.js';

/**
 * `try`: the body runs inside a break-out block (Fn.insideTry); past it, a failure the try catches
 * (a runtime or user error whose code or message the filter names, as the JS backend decides:
 * backend/js/compile.ts) is cleared and the value is null; any other goes on outwards.
 */
export function lowerTry(m: Module, fn: Fn, n: Extract<Node, { k: 'try' }>): string {
  // (a body of type null makes a try of type null, not a union: there is no value to keep)
  const u = n.type.kind === 'union' ? n.type : null;
  const out = u ? fn.local(m.types.as(u)) : '0';
  fn.insideTry(() => {
    const v = lowerExpr(m, fn, n.value);
    if (u) fn.emit(`${out} = ${convert(fn, v, n.value.type, u)};`);
  });
  const catches = m.catcher(n.filter);
  fn.if_(`${RT.errorSite} != 0`, () => {
    fn.if_(
      `${catches}(${RT.errorSite}, ${RT.errorDetail})`,
      () => {
        fn.emit(`${RT.errorSite} = 0;`);
        if (u)
          fn.emit(
            `${out} = ${m.types.makeUnion(
              u,
              u.types.findIndex((t) => t.kind === 'null'),
            )};`,
          );
      },
      () => fn.emit(fn.propagate()),
    );
  });
  return out;
}

/**
 * `log`: every value is computed first (as the JS backend does), then they are written one after
 * another on the output wire, each as its own type, and handed to the host by log site.
 */
export function lowerLog(m: Module, fn: Fn, n: Extract<Node, { k: 'log' }>): string {
  const vs = n.values.map((x) => lowerExpr(m, fn, x));
  const site = m.logSite({ types: n.values.map((x) => x.type), namespace: n.namespace });
  const at = fn.temp('usize', `${RT.emitBegin}()`);
  vs.forEach((v, i) => {
    fn.emit(m.wire.write(n.values[i].type, v));
  });
  fn.emit(`${RT.logEnd}(${site}, ${at});`);
  return '0';
}

/**
 * A pool read, or an update as the JS backend does it: the path's keys, then the item's `init` when
 * the pool has no such item (a copy of the pool with it), then the update; the value is the item.
 */
export function lowerPool(m: Module, fn: Fn, n: Extract<Node, { k: 'pool' }>): string {
  const g = m.pool(n.name, n.path);
  const t = m.poolType(n.name);
  if (!n.to) return lowerPath(m, fn, g, t, n.steps, n.code, n.path);
  const ss = steps(m, fn, t, n.steps);
  const item = ss[0].key;
  const root = fn.temp(m.types.as(t), g);
  const init = n.init!;
  fn.if_(`${root}.find(${item}) < 0`, () => {
    const v = convert(fn, lowerExpr(m, fn, init), init.type, t.values);
    fn.emit(`${root} = ${m.copyMapWith(fn, t, root, item, v)};`);
  });
  fn.emit(`${g} = ${lowerStepsUpdate(m, fn, root, t, ss, n.code, n.to, n.path)};`);
  return fn.temp(m.types.as(t.values), `${g}.get(${item})`);
}

/** `pool-del`: a copy of the pool without the item, when it has it. */
export function lowerPoolDel(m: Module, fn: Fn, n: Extract<Node, { k: 'pooldel' }>): string {
  const key = lowerExpr(m, fn, n.key);
  const g = m.pool(n.name, n.path);
  const T_ = m.types.as(m.poolType(n.name));
  fn.if_(`${g}.find(${key}) >= 0`, () => {
    const out = fn.temp(T_, `new ${T_}(${g}.size)`);
    const i = fn.local('i32');
    fn.emit(
      `for (${i} = 0; ${i} < ${g}.size; ${i}++) if (${g}.keyAt(${i}) != ${key}) ${out}.set(${g}.keyAt(${i}), ${g}.valueAt(${i}));`,
    );
    fn.emit(`${g} = ${out};`);
  });
  return '0';
}

/**
 * The kernel function `name(site, detail)`: whether a `try` with `filter` catches the error at
 * `site` (1 + its index, as errorSite holds it). Written once every site is known. A message in the
 * filter that a site words with its detail (a missing key or index) matches that detail only.
 */
export function catcherSource(
  name: string,
  filter: readonly (string | number)[] | null,
  sites: readonly ErrorSite[],
  code: (s: string) => number,
): string {
  const conds: string[] = [];
  sites.forEach((s, i) => {
    if (s.kind !== 'runtime' && s.kind !== 'user') return;
    const at = `site == ${i + 1}`;
    if (s.detail === 'host') {
      // A library call run on the host (hostCalls.ts) fails with whichever error its JS form
      // raised: the host left in the call slots whether the JS backend's try could catch it (a
      // runtime or user error), its code and its message's dictionary code.
      const slot = (k: number) => `${RT.hostSlotI32}(${k})`;
      const named = (filter ?? []).map((x) =>
        typeof x === 'number' ? `${slot(2)} == ${x}` : `${slot(3)} == ${code(x)}`,
      );
      if (!filter) conds.push(`(${at} && ${slot(1)} != 0)`);
      else if (named.length) conds.push(`(${at} && ${slot(1)} != 0 && (${named.join(' || ')}))`);
    } else if (!filter || (s.code !== undefined && filter.includes(s.code))) conds.push(at);
    else if (!s.detail) {
      if (filter.includes(s.message)) conds.push(at);
    } else {
      const details = filter.flatMap((x) =>
        typeof x === 'string' ? detailOf(s.detail as 'key' | 'index', x, code) : [],
      );
      if (details.length) conds.push(`(${at} && (${details.map((d) => `detail == ${d}`).join(' || ')}))`);
    }
  });
  return `function ${name}(site: i32, detail: i32): bool { return ${conds.length ? conds.join(' || ') : 'false'}; }`;
}

const INDEX = /^array index (-?\d+) not found$/;
const KEY = /^map key "(.*)" not found$/s;

/** The detail (an index, a key's string code) whose message is `message`, if there is one. */
function detailOf(kind: 'key' | 'index', message: string, code: (s: string) => number): number[] {
  if (kind === 'index') {
    const x = INDEX.exec(message);
    const i = x ? Number(x[1]) : NaN;
    return x &&
      Number.isSafeInteger(i) &&
      i >= -(2 ** 31) &&
      i < 2 ** 31 &&
      runtimeMessages.arrayIndexNotFound.text(i) === message
      ? [i]
      : [];
  }
  const x = KEY.exec(message);
  return x && runtimeMessages.mapKeyNotFound.text(x[1]) === message ? [code(x[1])] : [];
}
