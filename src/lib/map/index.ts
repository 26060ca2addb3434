/**
 * The `map` namespace of the PFA library (spec sec. "Map manipulation"), split as the spec groups
 * it: basic access, search and manipulation; extreme values by key; sets; functional programming
 * and functional tests. Listed here in the spec's order.
 *
 * A map is a JS `Map<string, V>`; results are new Maps (inputs are never changed) that keep
 * the insertion order a dictionary would: updated keys stay where they were, new keys go last.
 * A set is a map from the base64 of an item's Avro binary encoding to the item (util/avroBinary).
 * Ties among extreme values are broken by key, in code-point order, as the spec says.
 */
import { defineNamespace } from '../registry.js';
import {
  len,
  keys,
  values,
  containsKey,
  containsValue,
  add,
  remove,
  only,
  except,
  update,
  split,
  join,
} from './basic.js';
import { argmax, argmin, argmaxLT, argminLT, argmaxN, argminN, argmaxNLT, argminNLT } from './extremes.js';
import { toset, fromset, in_, union, intersection, diff, symdiff, subset, disjoint } from './sets.js';
import {
  map,
  mapWithKey,
  filter,
  filterWithKey,
  filterMap,
  filterMapWithKey,
  flatMap,
  flatMapWithKey,
  zipmap,
  zipmapWithKey,
  corresponds,
  correspondsWithKey,
} from './functional.js';

export default defineNamespace('map', [
  len,
  keys,
  values,
  containsKey,
  containsValue,
  add,
  remove,
  only,
  except,
  update,
  split,
  join,
  argmax,
  argmin,
  argmaxLT,
  argminLT,
  argmaxN,
  argminN,
  argmaxNLT,
  argminNLT,
  toset,
  fromset,
  in_,
  union,
  intersection,
  diff,
  symdiff,
  subset,
  disjoint,
  map,
  mapWithKey,
  filter,
  filterWithKey,
  filterMap,
  filterMapWithKey,
  flatMap,
  flatMapWithKey,
  zipmap,
  zipmapWithKey,
  corresponds,
  correspondsWithKey,
]);
