/**
 * Library signatures in a compact notation, parsed once at registration. The grammar follows the
 * spec's type patterns (sec. 3.7):
 *
 *   sig     := "(" [param ("," param)*] ")" "->" pattern
 *   param   := name ":" pattern
 *   pattern := null | boolean | int | long | float | double | string | bytes
 *            | "any" L ["of" "{" type ("," type)* "}"]     wildcard, optionally restricted
 *            | L                                           a label bound earlier
 *            | "array<" pattern ">" | "map<" pattern ">" | "union<" pattern ("," pattern)* ">"
 *            | "record" L ["{" name ":" pattern ("," ...)* "}"]   any record, with at least these fields
 *            | "enum" L ["of" "fields" "of" L]                     any enum (of a record's field names)
 *            | "fixed" L
 *            | "fcn(" [pattern ("," pattern)*] ")" "->" pattern
 *
 * Labels (L) are capitalised identifiers; their scope is the whole signature.
 * Example: `(a: array<any A>, fcn: fcn(A) -> boolean) -> array<A>`.
 */
import { AvroType, PrimitiveKind, PRIMITIVES, T } from '../types/avro.js';

export type Pattern =
  | { readonly p: 'type'; readonly type: AvroType }
  | { readonly p: 'any'; readonly label: string; readonly of?: readonly AvroType[] }
  | { readonly p: 'ref'; readonly label: string }
  | { readonly p: 'array'; readonly items: Pattern }
  | { readonly p: 'map'; readonly values: Pattern }
  | { readonly p: 'union'; readonly types: readonly Pattern[] }
  | { readonly p: 'record'; readonly label: string; readonly fields: readonly { name: string; type: Pattern }[] }
  | { readonly p: 'enum'; readonly label: string; readonly ofRecord?: string }
  | { readonly p: 'fixed'; readonly label: string }
  | { readonly p: 'fcn'; readonly params: readonly Pattern[]; readonly ret: Pattern };

export interface Param {
  readonly name: string;
  readonly type: Pattern;
}
export interface Signature {
  readonly params: readonly Param[];
  readonly ret: Pattern;
  /** The spec version that deprecated this signature, if any. */
  readonly deprecated?: string;
  readonly text: string;
}

const TOKEN = /\s*(->|[A-Za-z_][A-Za-z0-9_]*|[(){}<>,:])/y;

export function parseSignature(text: string): Signature {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  let pos = 0;
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
    if (pos >= text.length) break;
    TOKEN.lastIndex = pos;
    const m = TOKEN.exec(text);
    if (!m) throw new Error(`bad signature "${text}" at ${pos}`);
    tokens.push(m[1]);
    pos = TOKEN.lastIndex;
  }
  let i = 0;
  const peek = () => tokens[i];
  const next = () => tokens[i++];
  const expect = (t: string) => {
    if (tokens[i] !== t)
      throw new Error(`bad signature "${text}": expected "${t}" at token ${i}, found "${tokens[i]}"`);
    i++;
  };
  const label = (): string => {
    const l = next();
    if (!/^[A-Z][A-Za-z0-9]*$/.test(l ?? ''))
      throw new Error(`bad signature "${text}": expected a label, found "${l}"`);
    return l;
  };
  const list = <X>(open: string, close: string, item: () => X): X[] => {
    expect(open);
    const out: X[] = [];
    if (peek() === close) {
      i++;
      return out;
    }
    for (;;) {
      out.push(item());
      if (peek() === ',') {
        i++;
        continue;
      }
      expect(close);
      return out;
    }
  };
  const pattern = (): Pattern => {
    const t = next();
    if (t === undefined) throw new Error(`bad signature "${text}": unexpected end`);
    if (PRIMITIVES.has(t)) return { p: 'type', type: T[t as PrimitiveKind] };
    switch (t) {
      case 'any': {
        const l = label();
        if (peek() === 'of') {
          i++;
          const of = list('{', '}', () => {
            const p = pattern();
            if (p.p !== 'type') throw new Error(`bad signature "${text}": "of" takes plain types`);
            return p.type;
          });
          return { p: 'any', label: l, of };
        }
        return { p: 'any', label: l };
      }
      case 'array': {
        expect('<');
        const items = pattern();
        expect('>');
        return { p: 'array', items };
      }
      case 'map': {
        expect('<');
        const values = pattern();
        expect('>');
        return { p: 'map', values };
      }
      case 'union':
        return { p: 'union', types: list('<', '>', pattern) };
      case 'record': {
        const l = label();
        const fields =
          peek() === '{'
            ? list('{', '}', () => {
                const name = next();
                expect(':');
                return { name, type: pattern() };
              })
            : [];
        return { p: 'record', label: l, fields };
      }
      case 'enum': {
        const l = label();
        if (peek() === 'of') {
          i++;
          expect('fields');
          expect('of');
          return { p: 'enum', label: l, ofRecord: label() };
        }
        return { p: 'enum', label: l };
      }
      case 'fixed':
        return { p: 'fixed', label: label() };
      case 'fcn': {
        const params = list('(', ')', pattern);
        expect('->');
        return { p: 'fcn', params, ret: pattern() };
      }
      default:
        if (/^[A-Z][A-Za-z0-9]*$/.test(t)) return { p: 'ref', label: t };
        throw new Error(`bad signature "${text}": unexpected "${t}"`);
    }
  };
  const params = list('(', ')', () => {
    const name = next();
    expect(':');
    return { name, type: pattern() };
  });
  expect('->');
  const ret = pattern();
  if (i !== tokens.length) throw new Error(`bad signature "${text}": trailing "${tokens[i]}"`);
  return { params, ret, text };
}

/** The libfcns.json form of a pattern, for comparing the registry with the spec. */
export function patternToSpecJson(p: Pattern): unknown {
  switch (p.p) {
    case 'type':
      return p.type.kind;
    case 'any':
      return p.of ? { any: p.label, of: p.of.map((t) => t.kind) } : { any: p.label };
    case 'ref':
      return { ref: p.label };
    case 'array':
      return { array: patternToSpecJson(p.items) };
    case 'map':
      return { map: patternToSpecJson(p.values) };
    case 'union':
      return { union: p.types.map(patternToSpecJson) };
    case 'record':
      return { record: p.label, fields: p.fields.map((f) => ({ name: f.name, type: patternToSpecJson(f.type) })) };
    case 'enum':
      return p.ofRecord ? { enum: p.label, ofRecord: p.ofRecord } : { enum: p.label };
    case 'fixed':
      return { fixed: p.label };
    case 'fcn':
      return { function: { params: p.params.map(patternToSpecJson), ret: patternToSpecJson(p.ret) } };
  }
}
