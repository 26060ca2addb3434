/**
 * Copies a record with some fields replaced. Library functions that update state records (e.g.
 * `stat.sample.update`) take "any record with at least these fields" and must return a record of
 * the same type, so every other field is carried through unchanged.
 */
import { PfaRecord, makeRecord } from '../../values.js';

export function updateRecord(old: PfaRecord, changes: PfaRecord | Record<string, unknown>): PfaRecord {
  const out = makeRecord();
  for (const k of Object.keys(old)) out[k] = old[k];
  for (const k of Object.keys(changes)) out[k] = (changes as PfaRecord)[k];
  return out;
}
