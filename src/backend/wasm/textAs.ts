/**
 * The kernel's own JSON-lines reader (AssemblyScript, generated per input type): `pfaReadText`
 * reads records, one JSON text per line, from a text buffer in linear memory and writes each one's
 * wire slots (the layout wire.ts's `wireEncoder` writes), stopping at the first line it declines.
 * The host (src/backend/wasm/fastpath/kernelText.ts) reads that line with its own reader or the general decoder
 * and resumes after it, so order is kept and errors stay the general path's.
 *
 * Only inputs that are records of numbers (double, float, int, long) are read here, the common
 * shape of scoring requests (Sonar, iris, hipparcos): one slot per field. The reader is strict:
 * fields in declaration order, each once, keys written without escapes, numbers that
 * assembly/lib/util/jsonText.ts reads bit for bit as JSON.parse does. Any other line is declined.
 */
import { AvroType } from '../../types/avro.js';
import { RT } from './emit/names.js';
import { Lines } from './emit/code.js';
import { kernelReadable } from './textReadable.js';

/** The entry's signature: (text, end, out, max) → where reading stopped. */
export const READ_TEXT_PARAMS: [string, string][] = [
  ['text', 'usize'],
  ['end', 'usize'],
  ['out', 'usize'],
  ['max', 'i32'],
];
export const READ_TEXT_RETURNS = 'usize';

/**
 * The AS source of `pfaReadText(text, end, out, max)` for input type `t`, or null when the kernel
 * does not read it. It reads whole lines from `text` up to `end` (where the host put a "\n"),
 * at most `max` records, writing their slots from `out + 8`; it stores the count (i32) at `out`
 * and returns where it stopped: the start of the line it declined, or `end` when all were read.
 */
export function readTextSource(t: AvroType): string | null {
  if (!kernelReadable(t)) return null;
  const n = t.fields.length;
  // (readTextLine is indented by four spaces a level, pfaReadText by two)
  const line = new Lines('    ');
  line.block('function readTextLine(p: usize, o: usize): usize', () => {
    line.emit(`p = ${RT.jsonWs}(p);`);
    line.emit('if (load<u8>(p) != 123) return 0;');
    line.emit(`p = ${RT.jsonWs}(p + 1);`);
    t.fields.forEach((f, i) => {
      const sep = i + 1 < n ? 44 : 125;
      const key = keyTest(`"${f.name}"`);
      const read =
        f.name.length + 2 <= 8
          ? [`p = ${shortField(`"${f.name}"`)}`]
          : [
              `if (!(${key})) return 0;`,
              `p = ${RT.jsonColon}(p + ${f.name.length + 2}); if (p == 0) return 0;`,
              `p = ${RT.jsonNumber}(p);`,
            ];
      read.forEach((statement, k) => {
        line.emit(k === read.length - 1 ? `${statement} if (p == 0) return 0;` : statement);
      });
      line.emit(storeValue(f.type.kind, `o + ${i * 8}`));
      line.emit(`p = ${RT.jsonAfter}(p, ${sep}); if (p == 0) return 0;`);
    });
    line.emit(`return ${RT.jsonLineEnd}(p);`);
  });
  const entry = new Lines('  ');
  entry.block('export function pfaReadText(text: usize, end: usize, out: usize, max: i32): usize', () => {
    entry.emit('let p = text;');
    entry.emit('let o = out + 8;');
    entry.emit('let count = 0;');
    entry.block('while (count < max && p < end)', () => {
      entry.emit('const next = readTextLine(p, o);');
      entry.emit('if (next == 0) break;');
      entry.emit('p = next;');
      entry.emit(`o += ${n * 8};`);
      entry.emit('count++;');
    });
    entry.emit('store<i32>(out, count);');
    entry.emit('return p < end ? p : end;');
  });
  return [
    "/** One line's record at p (fields in order, numbers only): its slots at o; the next line's start, or 0 (declined). */",
    line.text(),
    '',
    entry.text(),
  ].join('\n');
}

/** Reads a key of at most 8 bytes (quotes included), ":" and a number, in the runtime's one copy. */
function shortField(s: string): string {
  let v = 0n;
  for (let k = s.length - 1; k >= 0; k--) v = (v << 8n) | BigInt(s.charCodeAt(k));
  const mask = (1n << BigInt(8 * s.length)) - 1n;
  return `${RT.jsonShortField}(p, 0x${v.toString(16)}, 0x${mask.toString(16)}, ${s.length});`;
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
