/**
 * A total order on Avro-JSON values, used to sort both sides of an `unordered` trial (map.keys,
 * map.values, ...) before comparing them. Numbers (bigint or not) sort by value, so an int that
 * the engine writes as a JS number sorts where the suite's bigint does; everything else sorts by a
 * canonical text with object keys in order.
 */

/**
 * Comparator for Array.prototype.sort. Numeric values (numbers, bigints and the strings "inf",
 * "-inf", "nan") come first, "nan" before the rest, then by value; all other values follow, by
 * canonical text. Ranking the classes first keeps the order total on mixed lists.
 */
export function canonicalOrder(a: unknown, b: unknown): number {
  // Longs beyond 2^53 would tie as doubles: compare integers exactly.
  const ia = integerValue(a);
  const ib = integerValue(b);
  if (ia !== undefined && ib !== undefined) return ia < ib ? -1 : ia > ib ? 1 : 0;
  const na = numericValue(a);
  const nb = numericValue(b);
  if (na !== undefined && nb !== undefined) {
    if (Number.isNaN(na) || Number.isNaN(nb)) return Number(!Number.isNaN(na)) - Number(!Number.isNaN(nb));
    return na < nb ? -1 : na > nb ? 1 : 0;
  }
  if (na !== undefined) return -1;
  if (nb !== undefined) return 1;
  const ka = canonicalKey(a);
  const kb = canonicalKey(b);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}

/** Text of a value with object keys sorted and numbers written alike whether bigint or not. */
export function canonicalKey(x: unknown): string {
  if (x === null || x === undefined) return 'null';
  if (typeof x === 'bigint') return x.toString();
  if (typeof x === 'number') return Number.isInteger(x) && Math.abs(x) < 2 ** 53 ? BigInt(x).toString() : String(x);
  if (typeof x === 'string') return JSON.stringify(x);
  if (typeof x === 'boolean') return String(x);
  if (Array.isArray(x)) return `[${x.map(canonicalKey).join(',')}]`;
  if (typeof x === 'object') {
    const o = x as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalKey(o[k])}`)
      .join(',')}}`;
  }
  return String(x);
}

/** The value of a numeric item (NaN for "nan"), or undefined for any other value. */
function numericValue(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (x === 'inf') return Infinity;
  if (x === '-inf') return -Infinity;
  if (x === 'nan') return NaN;
  return undefined;
}

function integerValue(x: unknown): bigint | undefined {
  if (typeof x === 'bigint') return x;
  return typeof x === 'number' && Number.isInteger(x) ? BigInt(x) : undefined;
}
