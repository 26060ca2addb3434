/**
 * `a` namespace, searching: contains, count, index, rindex, startswith, endswith. Each takes a
 * needle that is a subsequence (sig 0), a single item (sig 1) or, for the first four, a predicate
 * (sig 2). Items are compared structurally, NaN equal to NaN (util/sameItem).
 */
import { defineFunction } from '../registry.js';
import { sameItem } from '../util/sameItem.js';

type Arr = readonly unknown[];
type Pred = (x: unknown) => boolean;

const SEARCH_SIGS = [
  '(haystack: array<any A>, needle: array<A>) -> ',
  '(haystack: array<any A>, needle: A) -> ',
  '(haystack: array<any A>, needle: fcn(A) -> boolean) -> ',
];

/** Does `needle` occur in `haystack` starting at `at`? */
function matchesAt(haystack: Arr, needle: Arr, at: number): boolean {
  for (let j = 0; j < needle.length; j++) if (!sameItem(haystack[at + j], needle[j])) return false;
  return true;
}

/** Lowest start of `needle` as a subsequence, or -1 (an empty needle matches at 0). */
function firstMatch(haystack: Arr, needle: Arr): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) if (matchesAt(haystack, needle, i)) return i;
  return -1;
}

function lastMatch(haystack: Arr, needle: Arr): number {
  for (let i = haystack.length - needle.length; i >= 0; i--) if (matchesAt(haystack, needle, i)) return i;
  return -1;
}

function firstItem(haystack: Arr, test: Pred): number {
  for (let i = 0; i < haystack.length; i++) if (test(haystack[i])) return i;
  return -1;
}

function lastItem(haystack: Arr, test: Pred): number {
  for (let i = haystack.length - 1; i >= 0; i--) if (test(haystack[i])) return i;
  return -1;
}

const equalTo = (needle: unknown): Pred => (x) => sameItem(x, needle);

export const contains = defineFunction({
  name: 'a.contains',
  sigs: SEARCH_SIGS.map((s) => s + 'boolean'),
  js: (site) => {
    switch (site.sig) {
      case 0: return (h: Arr, needle: Arr) => firstMatch(h, needle) >= 0;
      case 1: return (h: Arr, needle: unknown) => firstItem(h, equalTo(needle)) >= 0;
      default: return (h: Arr, fcn: Pred) => firstItem(h, fcn) >= 0;
    }
  },
});

export const count = defineFunction({
  name: 'a.count',
  sigs: SEARCH_SIGS.map((s) => s + 'int'),
  js: (site) => {
    const countItems = (h: Arr, test: Pred) => {
      let n = 0;
      for (const x of h) if (test(x)) n++;
      return n;
    };
    switch (site.sig) {
      case 0: return (h: Arr, needle: Arr) => {
        // The spec: an empty needle occurs zero times. Occurrences may overlap.
        if (needle.length === 0) return 0;
        let n = 0;
        for (let i = 0; i + needle.length <= h.length; i++) if (matchesAt(h, needle, i)) n++;
        return n;
      };
      case 1: return (h: Arr, needle: unknown) => countItems(h, equalTo(needle));
      default: return countItems;
    }
  },
});

export const index = defineFunction({
  name: 'a.index',
  sigs: SEARCH_SIGS.map((s) => s + 'int'),
  js: (site) => {
    switch (site.sig) {
      case 0: return firstMatch;
      case 1: return (h: Arr, needle: unknown) => firstItem(h, equalTo(needle));
      default: return firstItem;
    }
  },
});

export const rindex = defineFunction({
  name: 'a.rindex',
  sigs: SEARCH_SIGS.map((s) => s + 'int'),
  js: (site) => {
    switch (site.sig) {
      case 0: return lastMatch;
      case 1: return (h: Arr, needle: unknown) => lastItem(h, equalTo(needle));
      default: return lastItem;
    }
  },
});

export const startswith = defineFunction({
  name: 'a.startswith',
  sigs: SEARCH_SIGS.slice(0, 2).map((s) => s + 'boolean'),
  js: (site) => site.sig === 0
    ? (h: Arr, needle: Arr) => needle.length <= h.length && matchesAt(h, needle, 0)
    : (h: Arr, needle: unknown) => h.length > 0 && sameItem(h[0], needle),
});

export const endswith = defineFunction({
  name: 'a.endswith',
  sigs: SEARCH_SIGS.slice(0, 2).map((s) => s + 'boolean'),
  js: (site) => site.sig === 0
    ? (h: Arr, needle: Arr) => needle.length <= h.length && matchesAt(h, needle, h.length - needle.length)
    : (h: Arr, needle: unknown) => h.length > 0 && sameItem(h[h.length - 1], needle),
});
