/**
 * The `a` namespace of the PFA library (spec sec. "Array manipulation"), split by theme:
 * basic access and manipulation, searching, ordering and extremes, numerics, sets, functional
 * programming and restructuring. Listed here in the spec's order.
 */
import { defineNamespace } from '../registry.js';
import { len, subseq, head, tail, last, init, subseqto, concat, append, cycle, insert, replace, remove, rotate } from './basic.js';
import { contains, count, index, rindex, startswith, endswith } from './search.js';
import {
  sort, sortLT, shuffle, reverse, max, min, maxLT, minLT, maxN, minN, maxNLT, minNLT,
  argmax, argmin, argmaxLT, argminLT, argmaxN, argminN, argmaxNLT, argminNLT,
} from './order.js';
import { sum, product, lnsum, mean, geomean, median, ntile, mode, logsumexp } from './numeric.js';
import { distinct, seteq, union, intersection, diff, symdiff, subset, disjoint } from './sets.js';
import {
  map, mapWithIndex, filter, filterWithIndex, filterMap, filterMapWithIndex, flatMap, flatMapWithIndex,
  zipmap, zipmapWithIndex, reduce, reduceRight, fold, foldRight, takeWhile, dropWhile, any, all,
  corresponds, correspondsWithIndex,
} from './functional.js';
import { slidingWindow, combinations, permutations, flatten, groupby } from './restructure.js';

export default defineNamespace('a', [
  len, subseq, head, tail, last, init, subseqto,
  contains, count, index, rindex, startswith, endswith,
  concat, append, cycle, insert, replace, remove, rotate,
  sort, sortLT, shuffle, reverse,
  max, min, maxLT, minLT, maxN, minN, maxNLT, minNLT,
  argmax, argmin, argmaxLT, argminLT, argmaxN, argminN, argmaxNLT, argminNLT,
  sum, product, lnsum, mean, geomean, median, ntile, mode, logsumexp,
  distinct, seteq, union, intersection, diff, symdiff, subset, disjoint,
  map, mapWithIndex, filter, filterWithIndex, filterMap, filterMapWithIndex, flatMap, flatMapWithIndex,
  zipmap, zipmapWithIndex, reduce, reduceRight, fold, foldRight, takeWhile, dropWhile,
  any, all, corresponds, correspondsWithIndex,
  slidingWindow, combinations, permutations, flatten, groupby,
]);
