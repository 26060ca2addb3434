/**
 * assembly/lib/util/codemap.ts, the map of every generated kernel, against a JS Map: seeded random
 * sequences of the operations the lowering emits (set, add of a new key, delete, find, findHint,
 * keys), on maps from a few keys (linear scan) to thousands (the lazily built index: adds with no
 * lookup between them, lookups after deletes, growth past half full). Built under both kernel
 * runtimes: the arena ("stub") and the collector ("minimal"), as compile.ts chooses them.
 */
import { describe, expect, it } from 'vitest';
import { buildAssembly } from '../../../helpers/asc.js';
import { mulberry32 as rng } from '../../../helpers/random.js';

const ENTRY = `import { CodeMap } from './lib/util/codemap';
let m = new CodeMap<f64>();
export function reset(capacity: i32): void { m = new CodeMap<f64>(capacity); }
export function set(k: i32, v: f64): void { m.set(k, v); }
export function add(k: i32, v: f64): void { m.add(k, v); }
export function del(k: i32): bool { return m.delete(k); }
export function find(k: i32): i32 { return m.find(k); }
export function findHint(k: i32, h: i32): i32 { return m.findHint(k, h); }
export function size(): i32 { return m.size; }
export function keyAt(i: i32): i32 { return m.keyAt(i); }
export function valueAt(i: i32): f64 { return m.valueAt(i); }
export function keysSum(): i64 { const ks = m.keys(); let s: i64 = 0; for (let i = 0; i < ks.length; i++) s = s * 31 + ks[i]; return s; }`;

interface Kernel {
  reset(capacity: number): void;
  set(k: number, v: number): void;
  add(k: number, v: number): void;
  del(k: number): number;
  find(k: number): number;
  findHint(k: number, h: number): number;
  size(): number;
  keyAt(i: number): number;
  valueAt(i: number): number;
  keysSum(): bigint;
}

/** The map under the kernels' runtimes: the arena ("stub") and the collector ("minimal"). */
const build = (runtime: string) =>
  buildAssembly<Kernel>(ENTRY, ['lib/util/codemap.ts', 'lib/util/arrays.ts', 'lib/util/arena.ts'], { runtime });

/** The kernel's entries (in order) and its answers for `probe`, against the reference map's. */
function check(k: Kernel, ref: Map<number, number>, probe: number[], whole: boolean): void {
  const keys = [...ref.keys()];
  expect(k.size()).toBe(keys.length);
  if (whole) {
    const got: [number, number][] = [];
    for (let i = 0; i < keys.length; i++) got.push([k.keyAt(i), k.valueAt(i)]);
    expect(got).toEqual([...ref.entries()]);
    let sum = 0n;
    for (const key of keys) sum = BigInt.asIntN(64, sum * 31n + BigInt(key));
    expect(k.keysSum()).toBe(sum);
  }
  const got: number[] = [];
  const want: number[] = [];
  for (const key of probe) {
    const i = keys.indexOf(key);
    got.push(k.find(key), k.findHint(key, i >= 0 ? i : 0), k.findHint(key, (i + 1) % (keys.length + 1)));
    want.push(i, i, i);
  }
  expect(got).toEqual(want);
}

describe.each(['stub', 'minimal'])('CodeMap (runtime %s)', (runtime) => {
  it('agrees with a JS Map on random operations, small and large', async () => {
    const k = await build(runtime);
    for (const [seed, size, ops] of [
      [1, 6, 400],
      [2, 40, 2000],
      [3, 3000, 20000],
      [4, 20, 3000],
    ] as const) {
      const random = rng(seed);
      const ref = new Map<number, number>();
      k.reset(seed === 3 ? 0 : size);
      for (let op = 0; op < ops; op++) {
        const key = Math.floor(random() * size * 2) - size; // negative keys too
        const r = random();
        if (r < 0.45) {
          // a run of adds with no lookup between them (a literal): the index is left behind
          if (!ref.has(key)) {
            k.add(key, op);
            ref.set(key, op);
          }
        } else if (r < 0.75) {
          k.set(key, op + 0.5);
          ref.set(key, op + 0.5);
        } else if (r < 0.9) {
          expect(k.del(key)).toBe(ref.delete(key) ? 1 : 0);
        } else {
          check(k, ref, [key, key + 1, -key], op % 50 === 0);
        }
      }
      check(k, ref, [...ref.keys()], true);
    }
  }, 120_000);
});
