/**
 * The `rand` namespace: pseudorandom numbers, strings, bytes, samples and UUIDs. Every draw comes
 * from `site.engine.random()` (the engine's generator, seeded by `randseed`), so a scoring engine
 * with a seed is reproducible; nothing here uses Math.random or crypto.
 */
import { defineNamespace } from '../registry.js';
import { choice, choices, histogram, sample } from './populations.js';
import { double, float, gaussian, int, long } from './numbers.js';
import { bytes, string, uuid, uuid4Fn } from './text.js';

// In the spec's order.
export default defineNamespace('rand', [
  int,
  long,
  float,
  double,
  choice,
  choices,
  sample,
  histogram,
  string,
  bytes,
  uuid,
  uuid4Fn,
  gaussian,
]);
