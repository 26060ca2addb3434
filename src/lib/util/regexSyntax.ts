/**
 * Parser for the regular-expression dialect of the `re` library: POSIX extended syntax (spec
 * sec. "Regular expressions") as the reference engine Hadrian reads it (Joni, the Java port of
 * Oniguruma, with its PosixExtended syntax). Patterns are sequences of code points (string
 * signatures) or bytes (bytes signatures). What that dialect accepts:
 *   - `|`, capturing `( )`, `*` `+` `?` `{n}` `{n,}` `{n,m}` (quantifiers stack: `a**` is legal);
 *   - `.` matches any character, newline included; `^` matches only at the start of the
 *     haystack, `$` at its end or before a final newline;
 *   - bracket expressions with ranges, negation and `[:name:]` classes; a backslash escapes
 *     inside them too;
 *   - `\1`…`\9` back-references to a group already opened (so a bare `\1` is a bad pattern);
 *     `\t \n \r \f \v \a \e` are control characters; any other escaped character is itself
 *     (so `\d` is the letter d, as in POSIX, not a digit class as in JavaScript);
 *   - an unmatched `)` is a literal; an unmatched `(`, a quantifier with nothing to repeat
 *     (at the start, after `(` or `|`, or after an anchor), a malformed or reversed interval,
 *     an unknown class name, a reversed range and a trailing backslash are errors.
 */

export type ClassName =
  | 'alpha'
  | 'digit'
  | 'alnum'
  | 'upper'
  | 'lower'
  | 'space'
  | 'blank'
  | 'cntrl'
  | 'punct'
  | 'graph'
  | 'print'
  | 'xdigit'
  | 'word'
  | 'ascii';
const CLASS_NAMES = new Set([
  'alpha',
  'digit',
  'alnum',
  'upper',
  'lower',
  'space',
  'blank',
  'cntrl',
  'punct',
  'graph',
  'print',
  'xdigit',
  'word',
  'ascii',
]);

export type Node =
  | { t: 'char'; c: number }
  | { t: 'any' }
  | { t: 'set'; negated: boolean; ranges: [number, number][]; classes: ClassName[] }
  | { t: 'bol' }
  | { t: 'eol' }
  | { t: 'group'; n: number; body: Node }
  | { t: 'backref'; n: number }
  | { t: 'cat'; items: Node[] }
  | { t: 'alt'; items: Node[] }
  | { t: 'rep'; body: Node; min: number; max: number };

export class RegexSyntaxError extends Error {}

/** Largest repeat count, as in Oniguruma (ONIG_MAX_REPEAT_NUM). */
export const MAX_REPEAT = 100000;

const ESCAPES: Record<number, number> = { 116: 9, 110: 10, 114: 13, 102: 12, 118: 11, 97: 7, 101: 27 }; // t n r f v a e

const ch = (s: string) => s.charCodeAt(0);
const [
  PIPE,
  LPAREN,
  RPAREN,
  STAR,
  PLUS,
  QMARK,
  LBRACE,
  RBRACE,
  DOT,
  CARET,
  DOLLAR,
  LBRACKET,
  RBRACKET,
  BACKSLASH,
  DASH,
  COLON,
  COMMA,
] = ['|', '(', ')', '*', '+', '?', '{', '}', '.', '^', '$', '[', ']', '\\', '-', ':', ','].map(ch);

const isDigit = (c: number) => c >= 48 && c <= 57;

export interface ParsedRegex {
  root: Node;
  groups: number;
}

export function parseRegex(p: ArrayLike<number>): ParsedRegex {
  let i = 0;
  let groups = 0;
  const fail = (msg: string): never => {
    throw new RegexSyntaxError(`${msg} at position ${i}`);
  };

  /** Reads `{n}`, `{n,}` or `{n,m}` at i (which is at '{'); fails if malformed. */
  const interval = (): [number, number] => {
    i++;
    const num = (): number | undefined => {
      let v: number | undefined;
      while (i < p.length && isDigit(p[i])) {
        v = (v ?? 0) * 10 + (p[i] - 48);
        if (v > MAX_REPEAT) fail('too big number for repeat range');
        i++;
      }
      return v;
    };
    const lo = num();
    if (lo === undefined) fail('invalid repeat interval');
    let hi = lo!;
    if (p[i] === COMMA) {
      i++;
      hi = num() ?? Infinity;
    }
    if (p[i] !== RBRACE) fail('invalid repeat interval');
    i++;
    if (hi < lo!) fail('upper bound below lower bound in repeat range');
    return [lo!, hi];
  };

  const bracket = (): Node => {
    i++; // '['
    let negated = false;
    if (p[i] === CARET) {
      negated = true;
      i++;
    }
    const ranges: [number, number][] = [];
    const classes: ClassName[] = [];
    let first = true;
    for (;;) {
      if (i >= p.length) fail('premature end of bracket expression');
      let c = p[i];
      if (c === RBRACKET && !first) {
        i++;
        break;
      }
      first = false;
      if (c === LBRACKET && p[i + 1] === COLON) {
        let j = i + 2,
          name = '';
        while (j < p.length && p[j] !== COLON && j - i < 12) name += String.fromCharCode(p[j++]);
        if (p[j] === COLON && p[j + 1] === RBRACKET) {
          if (!CLASS_NAMES.has(name)) fail(`unknown character class [:${name}:]`);
          classes.push(name as ClassName);
          i = j + 2;
          continue;
        }
      }
      if (c === BACKSLASH) {
        if (i + 1 >= p.length) fail('end of pattern at escape');
        c = ESCAPES[p[i + 1]] ?? p[i + 1];
        i += 2;
      } else i++;
      // A range, unless the '-' is last (then it is literal).
      if (p[i] === DASH && i + 1 < p.length && p[i + 1] !== RBRACKET) {
        i++;
        let hi = p[i];
        if (hi === BACKSLASH) {
          if (i + 1 >= p.length) fail('end of pattern at escape');
          hi = ESCAPES[p[i + 1]] ?? p[i + 1];
          i += 2;
        } else i++;
        if (hi < c) fail('empty range in bracket expression');
        ranges.push([c, hi]);
      } else ranges.push([c, c]);
    }
    return { t: 'set', negated, ranges, classes };
  };

  const alternation = (depth: number): Node => {
    const items: Node[] = [sequence(depth)];
    while (p[i] === PIPE) {
      i++;
      items.push(sequence(depth));
    }
    return items.length === 1 ? items[0] : { t: 'alt', items };
  };

  const sequence = (depth: number): Node => {
    const items: Node[] = [];
    while (i < p.length) {
      const c = p[i];
      if (c === PIPE) break;
      if (c === RPAREN && depth > 0) break;
      if (c === STAR || c === PLUS || c === QMARK || c === LBRACE) {
        const last = items[items.length - 1];
        if (last === undefined) fail('target of repeat operator is not specified');
        if (last.t === 'bol' || last.t === 'eol') fail('target of repeat operator is invalid');
        let min: number, max: number;
        if (c === LBRACE) [min, max] = interval();
        else {
          i++;
          [min, max] = c === STAR ? [0, Infinity] : c === PLUS ? [1, Infinity] : [0, 1];
        }
        items[items.length - 1] = { t: 'rep', body: last, min, max };
        continue;
      }
      items.push(atom(depth));
    }
    return items.length === 1 ? items[0] : { t: 'cat', items };
  };

  const atom = (depth: number): Node => {
    const c = p[i];
    switch (c) {
      case LPAREN: {
        i++;
        const n = ++groups;
        const body = alternation(depth + 1);
        if (p[i] !== RPAREN) fail('end pattern with unmatched parenthesis');
        i++;
        return { t: 'group', n, body };
      }
      case DOT:
        i++;
        return { t: 'any' };
      case CARET:
        i++;
        return { t: 'bol' };
      case DOLLAR:
        i++;
        return { t: 'eol' };
      case LBRACKET:
        return bracket();
      case BACKSLASH: {
        if (i + 1 >= p.length) fail('end pattern at escape');
        const e = p[i + 1];
        i += 2;
        if (e >= 49 && e <= 57) {
          // \1 … \9
          const n = e - 48;
          if (n > groups) fail('invalid backref number');
          return { t: 'backref', n };
        }
        return { t: 'char', c: ESCAPES[e] ?? e };
      }
      default:
        i++;
        return { t: 'char', c }; // includes an unmatched ')' at top level
    }
  };

  const root = alternation(0);
  if (i < p.length) fail('unexpected character'); // not reachable: top level consumes all
  return { root, groups };
}

/** Can the node match the empty string? (Loops over such bodies need an empty-iteration guard.) */
export function nullable(n: Node): boolean {
  switch (n.t) {
    case 'char':
    case 'any':
    case 'set':
      return false;
    case 'bol':
    case 'eol':
    case 'backref':
      return true;
    case 'group':
      return nullable(n.body);
    case 'cat':
      return n.items.every(nullable);
    case 'alt':
      return n.items.some(nullable);
    case 'rep':
      return n.min === 0 || nullable(n.body);
  }
}

export function hasBackrefs(n: Node): boolean {
  switch (n.t) {
    case 'backref':
      return true;
    case 'group':
    case 'rep':
      return hasBackrefs(n.body);
    case 'cat':
    case 'alt':
      return n.items.some(hasBackrefs);
    default:
      return false;
  }
}
