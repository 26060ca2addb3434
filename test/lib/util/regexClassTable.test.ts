/**
 * The POSIX classes' table (src/lib/util/regexClassTable.ts, written by scripts/regex-classes.ts):
 * it decodes to what the script scans from this Node's Unicode properties, so a stale or
 * hand-edited table fails here. On a Node with another Unicode version than the table's, only the
 * first 256 code points are compared (classes there have not changed since Unicode 1.1); the
 * encoding round-trips either way.
 */
import { describe, expect, it } from 'vitest';
import { CLASS_RANGES, CLASS_UNICODE_VERSION } from '../../../src/lib/util/regexClassTable.js';
import { decodeRanges } from '../../../src/lib/util/regexClasses.js';
import type { ClassName } from '../../../src/lib/util/regexSyntax.js';
import { DEFINITIONS, encodeRanges, scanClasses } from '../../../scripts/regex-classes.js';

const names = Object.keys(DEFINITIONS) as ClassName[];
const clip = (ranges: [number, number][], top: number): [number, number][] =>
  ranges.filter(([lo]) => lo <= top).map(([lo, hi]) => [lo, Math.min(hi, top)]);

describe('the regex class table', () => {
  it('holds every class, and each is what the script scans from Unicode', () => {
    expect(Object.keys(CLASS_RANGES).sort()).toEqual([...names].sort());
    const scanned = scanClasses();
    const same = process.versions.unicode === CLASS_UNICODE_VERSION;
    for (const k of names) {
      const table = decodeRanges(CLASS_RANGES[k]);
      if (same) expect(table, `${k}: npx tsx scripts/regex-classes.ts writes another table`).toEqual(scanned[k]);
      else expect(clip(table, 0xff), k).toEqual(clip(scanned[k], 0xff));
    }
  });

  it('ranges are sorted, disjoint and apart, and their text decodes back to them', () => {
    for (const k of names) {
      const table = decodeRanges(CLASS_RANGES[k]);
      for (let i = 1; i < table.length; i++) expect(table[i][0], k).toBeGreaterThan(table[i - 1][1] + 1);
      expect(encodeRanges(table)).toBe(CLASS_RANGES[k]);
    }
    const wide: [number, number][] = [
      [0, 0],
      [31, 32],
      [1024, 0x10ffff],
    ];
    expect(decodeRanges(encodeRanges(wide))).toEqual(wide);
  });
});
