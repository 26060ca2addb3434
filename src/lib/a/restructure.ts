/**
 * `a` namespace, restructuring: slidingWindow, combinations, permutations, flatten, groupby.
 * Combinations and permutations come out in lexicographic order of the item positions (the
 * order of Python's itertools, which the reference uses).
 */
import { defineFunction } from '../registry.js';

type Arr = readonly unknown[];

export const slidingWindow = defineFunction({
  name: 'a.slidingWindow',
  sigs: ['(a: array<any A>, size: int, step: int) -> array<array<A>>'],
  errors: { sizeLessThanOne: 15770, stepLessThanOne: 15771 },
  js: (site) => (a: Arr, size: number, step: number) => {
    if (size < 1) return site.fail('sizeLessThanOne', 'size < 1');
    if (step < 1) return site.fail('stepLessThanOne', 'step < 1');
    const out: unknown[][] = [];
    for (let start = 0; start + size <= a.length; start += step) out.push(a.slice(start, start + size));
    return out;
  },
});

export const combinations = defineFunction({
  name: 'a.combinations',
  sigs: ['(a: array<any A>, size: int) -> array<array<A>>'],
  errors: { sizeLessThanOne: 15780 },
  js: (site) => (a: Arr, size: number) => {
    if (size < 1) return site.fail('sizeLessThanOne', 'size < 1');
    const out: unknown[][] = [];
    if (size > a.length) return out;
    // Positions i[0] < i[1] < ... < i[size-1], advanced like an odometer from the right.
    const pos = Array.from({ length: size }, (_, i) => i);
    for (;;) {
      out.push(pos.map((i) => a[i]));
      let k = size - 1;
      while (k >= 0 && pos[k] === a.length - size + k) k--;
      if (k < 0) return out;
      pos[k]++;
      for (let j = k + 1; j < size; j++) pos[j] = pos[j - 1] + 1;
    }
  },
});

export const permutations = defineFunction({
  name: 'a.permutations',
  sigs: ['(a: array<any A>) -> array<array<A>>'],
  js: () => (a: Arr) => {
    const out: unknown[][] = [];
    const used = new Array<boolean>(a.length).fill(false);
    const current: unknown[] = [];
    // Depth-first, trying unused positions in ascending order at each level.
    const extend = () => {
      if (current.length === a.length) { out.push(current.slice()); return; }
      for (let i = 0; i < a.length; i++) {
        if (used[i]) continue;
        used[i] = true;
        current.push(a[i]);
        extend();
        current.pop();
        used[i] = false;
      }
    };
    extend();
    return out;
  },
});

export const flatten = defineFunction({
  name: 'a.flatten',
  sigs: ['(a: array<array<any A>>) -> array<A>'],
  js: () => (a: readonly Arr[]) => {
    const out: unknown[] = [];
    for (const part of a) for (const x of part) out.push(x);
    return out;
  },
});

export const groupby = defineFunction({
  name: 'a.groupby',
  sigs: ['(a: array<any A>, fcn: fcn(A) -> string) -> map<array<A>>'],
  js: () => (a: Arr, fcn: (x: unknown) => string) => {
    const out = new Map<string, unknown[]>();
    for (const x of a) {
      const k = fcn(x);
      const group = out.get(k);
      if (group) group.push(x);
      else out.set(k, [x]);
    }
    return out;
  },
});
