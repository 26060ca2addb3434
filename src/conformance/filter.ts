/**
 * Which conformance tests to run, by function name. A filter that is the exact name of a known
 * function selects that function only (`+` must not also select `++`, `a.map` must not select
 * `a.mapWithIndex`); any other filter is a prefix (`m.` selects `m.abs` and `m.link.logit`).
 * Several filters, given as a list or separated by commas, select the union.
 */

/** Returns a predicate on function names, or undefined when nothing is filtered. */
export function functionFilter(
  filters: readonly string[],
  knownNames: ReadonlySet<string>,
): ((name: string) => boolean) | undefined {
  const parts = filters.flatMap((f) => splitFilter(f));
  if (parts.length === 0) return undefined;
  const exact = new Set<string>();
  const prefixes: string[] = [];
  for (const p of parts) {
    if (knownNames.has(p)) exact.add(p);
    else prefixes.push(p);
  }
  return (name) => exact.has(name) || prefixes.some((p) => name.startsWith(p));
}

/**
 * Splits "m.,s." into its filters. A lone "," is kept whole, so the (hypothetical) operator named
 * "," stays selectable; empty pieces are dropped.
 */
function splitFilter(filter: string): string[] {
  if (filter === ',') return [filter];
  return filter.split(',').filter((p) => p !== '');
}
