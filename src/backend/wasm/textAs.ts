/**
 * The kernel's own JSON-lines reader (AssemblyScript, generated per input type): `pfaReadText`
 * reads records, one JSON text per line, from a text buffer in linear memory and writes each one's
 * wire slots (the layout wire.ts's `wireEncoder` writes), stopping at the first line it declines.
 * The host (src/backend/wasm/fastpath/kernelText.ts) reads that line with its own reader or the general decoder
 * and resumes after it, so order is kept and errors stay the general path's.
 *
 * Two shapes of scoring requests are read here. Records of numbers (double, float, int, long:
 * Sonar, iris, hipparcos), one slot per field: fields in declaration order, each once, keys
 * written without escapes. And maps of scalar unions whose values are null or tagged doubles
 * (aurelius's `map<union<null, string, double>>`), in the layout wire.ts gives such maps: their
 * keys are not in the document, so the host passes a key table (`keys`: the keys of the last map
 * it read, with their dictionary codes; fastpath/kernelText.ts) and a line is read only when its
 * keys are the table's, in its order, each written exactly as the table holds it. Numbers are
 * those assembly/lib/util/jsonText.ts reads bit for bit as JSON.parse does. Any other line is
 * declined.
 */
import { AvroType, RecordType, UnionType } from '../../types/avro.js';
import { RT } from './emit/names.js';
import { Lines } from './emit/code.js';
import { kernelReadable, kernelReadableMap } from './textReadable.js';

/** The entry's signature: (text, end, out, max, keys) → where reading stopped (`keys`: maps' key table). */
export const READ_TEXT_PARAMS: [string, string][] = [
  ['text', 'usize'],
  ['end', 'usize'],
  ['out', 'usize'],
  ['max', 'i32'],
  ['keys', 'usize'],
];
export const READ_TEXT_RETURNS = 'usize';

/**
 * The AS source of `pfaReadText(text, end, out, max)` for input type `t`, or null when the kernel
 * does not read it. It reads whole lines from `text` up to `end` (where the host put a "\n"),
 * at most `max` records, writing their slots from `out + 8`; it stores the count (i32) at `out`
 * and returns where it stopped: the start of the line it declined, or `end` when all were read.
 */
export function readTextSource(t: AvroType): string | null {
  if (kernelReadableMap(t)) return mapReadTextSource(t.values);
  if (!kernelReadable(t)) return null;
  const n = t.fields.length;
  // (readTextLine is indented by four spaces a level, pfaReadText by two)
  const line = new Lines('    ');
  line.block('function readTextLine(p: usize, o: usize, keys: usize): usize', () => {
    recordHead(line);
    t.fields.forEach((f, i) => {
      generalField(line, `"${f.name}"`, f.type.kind, `o + ${i * 8}`, i + 1 < n ? 44 : 125);
    });
    line.emit(`return ${RT.jsonLineEnd}(p);`);
  });
  const fast = fastLineSource(t);
  return [
    "/** One line's record at p (fields in order, numbers only): its slots at o; the next line's start, or 0 (declined). */",
    line.text(),
    '',
    ...(fast ? [fast, ''] : []),
    entrySource(`${n * 8}`, fast !== null),
  ].join('\n');
}

/** `{` between whitespace, at the start of a line's record or map. */
function recordHead(line: Lines): void {
  line.emit(`p = ${RT.jsonWs}(p);`);
  line.emit('if (load<u8>(p) != 123) return 0;');
  line.emit(`p = ${RT.jsonWs}(p + 1);`);
}

/**
 * `readTextLineFast`, tried before readTextLine when the record has double or float fields: those
 * are read by the runtime's fast reader (assembly/lib/util/jsonFields.ts: the layouts JSON.stringify
 * and Python write), the others as readTextLine reads them. What it declines, readTextLine reads
 * again from the line's start, so the answer is always readTextLine's. Null when no field is a
 * double or a float.
 */
function fastLineSource(t: RecordType): string | null {
  const n = t.fields.length;
  if (!t.fields.some((f) => f.type.kind === 'double' || f.type.kind === 'float')) return null;
  const line = new Lines('    ');
  line.block('function readTextLineFast(p: usize, o: usize): usize', () => {
    recordHead(line);
    t.fields.forEach((f, i) => {
      const sep = i + 1 < n ? 44 : 125;
      const at = `o + ${i * 8}`;
      const quoted = `"${f.name}"`;
      if (f.type.kind !== 'double' && f.type.kind !== 'float') {
        generalField(line, quoted, f.type.kind, at, sep);
        return;
      }
      if (quoted.length <= 8)
        line.emit(`p = ${RT.jsonFieldF64}(p, ${keyWord(quoted)}, ${at}, ${sep}); if (p == 0) return 0;`);
      else {
        line.emit(`if (!(${keyTest(quoted)})) return 0;`);
        line.emit(`p = ${RT.jsonValueF64}(p + ${quoted.length}, ${at}, ${sep}); if (p == 0) return 0;`);
      }
      // (a float is the double rounded to float, as storeValue stores it)
      if (f.type.kind === 'float') line.emit(`store<f64>(${at}, <f64><f32>load<f64>(${at}));`);
    });
    line.emit(`return ${RT.jsonLineEnd}(p);`);
  });
  return [
    "/** readTextLine for the usual layouts, faster: the next line's start, or 0 (then readTextLine reads the line). */",
    line.text(),
  ].join('\n');
}

/** One field as readTextLine reads it: the key (quoted), ":", the number stored at `at` as `kind`, then `sep` ("," or "}"). */
function generalField(line: Lines, quoted: string, kind: string, at: string, sep: number): void {
  const read =
    quoted.length <= 8
      ? [`p = ${shortField(quoted)}`]
      : [
          `if (!(${keyTest(quoted)})) return 0;`,
          `p = ${RT.jsonColon}(p + ${quoted.length}); if (p == 0) return 0;`,
          `p = ${RT.jsonNumber}(p);`,
        ];
  read.forEach((statement, k) => {
    line.emit(k === read.length - 1 ? `${statement} if (p == 0) return 0;` : statement);
  });
  line.emit(storeValue(kind, at));
  line.emit(`p = ${RT.jsonAfter}(p, ${sep}); if (p == 0) return 0;`);
}

/**
 * `pfaReadText`: reads lines with readTextLine (after readTextLineFast, when `fast`) while they read;
 * each record takes `recordBytes` bytes.
 */
function entrySource(recordBytes: string, fast = false): string {
  const entry = new Lines('  ');
  entry.block('export function pfaReadText(text: usize, end: usize, out: usize, max: i32, keys: usize): usize', () => {
    entry.emit('let p = text;');
    entry.emit('let o = out + 8;');
    entry.emit('let count = 0;');
    entry.block('while (count < max && p < end)', () => {
      entry.emit(fast ? 'let next = readTextLineFast(p, o);' : 'const next = readTextLine(p, o, keys);');
      if (fast) entry.emit('if (next == 0) next = readTextLine(p, o, keys);');
      entry.emit('if (next == 0) break;');
      entry.emit('p = next;');
      entry.emit(`o += ${recordBytes};`);
      entry.emit('count++;');
    });
    entry.emit('store<i32>(out, count);');
    entry.emit('return p < end ? p : end;');
  });
  return entry.text();
}

/** `"double"` as the little-endian u64 the tag test compares with (quotes included). */
const DOUBLE_TAG = Array.from('"double"')
  .reverse()
  .reduce((v, ch) => (v << 8n) | BigInt(ch.charCodeAt(0)), 0n);
/** `null` as a little-endian u32. */
const NULL_WORD = Array.from('null')
  .reverse()
  .reduce((v, ch) => (v << 8) | ch.charCodeAt(0), 0);

/**
 * The reader of a map of scalar unions (kernelReadableMap). The key table at `keys`: the count n
 * (i32), then per key its code (i32), the byte length of its JSON text, quotes included (i32),
 * and those bytes. A line is read when it holds exactly those n keys in that order (so no key
 * repeats and JSON.parse would keep that order: the host puts no array-index key in a table),
 * each followed by null or {"double": number}; the record is then the count, the n key codes
 * packed two to a slot, and a tag slot and a value slot per entry.
 */
function mapReadTextSource(u: UnionType): string {
  const nul = u.types.findIndex((b) => b.kind === 'null');
  const dbl = u.types.findIndex((b) => b.kind === 'double');
  const line = new Lines('    ');
  line.block('function readTextLine(p: usize, o: usize, keys: usize): usize', () => {
    line.emit('const n = load<i32>(keys);');
    line.emit('if (n <= 0) return 0;');
    recordHead(line);
    line.emit('store<i64>(o, <i64>n);');
    line.emit('const k = o + 8;');
    line.emit('if (n & 1) store<i32>(k + (<usize>n << 2), 0);');
    line.emit('let v = k + ((<usize>(n + 1) >> 1) << 3);');
    line.emit('let e = keys + 4;');
    line.block('for (let i = 0; i < n; i++)', () => {
      line.emit('const len = <usize>load<i32>(e + 4);');
      line.emit('if (memory.compare(p, e + 8, len) != 0) return 0;');
      line.emit(`p = ${RT.jsonColon}(p + len); if (p == 0) return 0;`);
      line.emit('store<i32>(k + (<usize>i << 2), load<i32>(e));');
      line.emit('e += 8 + len;');
      line.emit('const c = load<u8>(p);');
      line.block('if (c == 123)', () => {
        line.emit(`p = ${RT.jsonWs}(p + 1);`);
        line.emit(`if (load<u64>(p) != 0x${DOUBLE_TAG.toString(16)}) return 0;`);
        line.emit(`p = ${RT.jsonColon}(p + 8); if (p == 0) return 0;`);
        line.emit(`p = ${RT.jsonNumber}(p); if (p == 0) return 0;`);
        line.emit(`store<i64>(v, ${dbl});`);
        line.emit(`store<f64>(v + 8, ${RT.jsonNum});`);
        line.emit(`p = ${RT.jsonWs}(p); if (load<u8>(p) != 125) return 0;`);
        line.emit('p++;');
      });
      if (nul >= 0)
        line.block(`else if (c == 110 && load<u32>(p) == 0x${NULL_WORD.toString(16)})`, () => {
          line.emit(`store<i64>(v, ${nul});`);
          line.emit('store<i64>(v + 8, 0);');
          line.emit('p += 4;');
        });
      line.emit('else return 0;');
      line.emit('v += 16;');
      line.emit(`p = ${RT.jsonAfter}(p, <u32>(i + 1 < n ? 44 : 125)); if (p == 0) return 0;`);
    });
    line.emit(`return ${RT.jsonLineEnd}(p);`);
  });
  return [
    "/** One line's map at p (the key table's keys in order; null or tagged double values): its slots at o; the next line's start, or 0 (declined). */",
    line.text(),
    '',
    entrySource('8 + ((<usize>(load<i32>(keys) + 1) >> 1) << 3) + (<usize>load<i32>(keys) << 4)'),
  ].join('\n');
}

/** Reads a key of at most 8 bytes (quotes included), ":" and a number, in the runtime's one copy. */
function shortField(s: string): string {
  return `${RT.jsonShortField}(p, ${keyWord(s)});`;
}

/** A key of at most 8 bytes (ASCII, quotes included) as the arguments `key, mask, len` of the runtime's field readers. */
function keyWord(s: string): string {
  let v = 0n;
  for (let k = s.length - 1; k >= 0; k--) v = (v << 8n) | BigInt(s.charCodeAt(k));
  const mask = (1n << BigInt(8 * s.length)) - 1n;
  return `0x${v.toString(16)}, 0x${mask.toString(16)}, ${s.length}`;
}

/** A test that the bytes at p are `s` (ASCII), eight, four, two and one at a time. */
function keyTest(s: string): string {
  const tests: string[] = [];
  let at = 0;
  for (const width of [8, 4, 2, 1]) {
    while (s.length - at >= width) {
      let v = 0n;
      for (let k = width - 1; k >= 0; k--) v = (v << 8n) | BigInt(s.charCodeAt(at + k));
      const type = width === 8 ? 'u64' : width === 4 ? 'u32' : width === 2 ? 'u16' : 'u8';
      tests.push(`load<${type}>(p + ${at}) == 0x${v.toString(16)}`);
      at += width;
    }
  }
  return tests.join(' && ');
}

/** Stores `jsonNum` as the wire slot of a field of this kind (wireEncoder's layout), or declines. */
function storeValue(kind: string, at: string): string {
  switch (kind) {
    case 'double':
      return `store<f64>(${at}, ${RT.jsonNum});`;
    case 'float':
      return `store<f64>(${at}, <f64><f32>${RT.jsonNum});`;
    // int: an exact integer literal in range, as the JS reader's int (i32 in the low half, 0 above).
    case 'int':
      return `if (!${RT.jsonIntLit} || ${RT.jsonNum} < -2147483648 || ${RT.jsonNum} > 2147483647) return 0; store<i64>(${at}, <i64><u32><i32>${RT.jsonNum});`;
    // long: an integer literal below 2^53 (jsonIntLit says it is exact); larger ones go to the JS reader.
    case 'long':
      return `if (!${RT.jsonIntLit}) return 0; store<i64>(${at}, <i64>${RT.jsonNum});`;
    default:
      throw new Error(`internal: no kernel text reader for ${kind}`);
  }
}
