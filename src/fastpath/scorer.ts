/**
 * JSON text in, JSON text out, on the Wasm backend (PFAEngine.scoreText / scoreTextBatch): each
 * text is read by the generated reader onto a staging wire (or, when that reader declines, by the
 * general decoder, whose error is then the entry's answer); the texts that read are scored in one
 * kernel call, and each answer is written as text straight from the kernel's output memory.
 *
 * Staging first (rather than reading into the kernel's buffer) keeps the general path's order:
 * every text is decoded before any record is scored, and a text that does not decode is never
 * scored, so it does not take a record number.
 */
import { PfaError } from '../errors/PfaError.js';
import { TypedEngine } from '../types/ir.js';
import { AvroType } from '../types/avro.js';
import { Value } from '../types/values.js';
import type { WasmEngine } from '../backend/wasm/engine.js';
import { WireEncoder, WireWriter, wireEncoder } from '../backend/wasm/wire.js';
import { Scan } from './scan.js';
import { textReader } from './reader.js';
import { TextWriter, textWriter } from './writer.js';

export interface ScorerOptions {
  /** The general path for a text the reader declines: the value, or throws the PfaError. */
  decodeText: (text: string) => Value;
  /** Writes an emitted value as text (emit engines). */
  encodeText: (value: Value) => string;
  /** The user's emit hook (emit engines), called with each value as it is emitted. */
  emit?: (value: Value) => void;
  maxInputDepth: number;
}

export class TextScorer {
  private readonly read: ((s: Scan, w: WireWriter) => boolean) | null;
  private readonly write: TextWriter;
  private readonly encodeInput: WireEncoder;
  private readonly scan = new Scan();
  private readonly stage = new WireWriter();
  /** Whether inputs hold strings (their dictionary codes go stale if the dictionary forgets). */
  private readonly codesStrings: boolean;

  constructor(typed: TypedEngine, private readonly wasm: WasmEngine, private readonly options: ScorerOptions) {
    this.read = textReader(typed.input, wasm.dict, options.maxInputDepth);
    this.write = textWriter(typed.output);
    this.encodeInput = wireEncoder(typed.input, wasm.dict);
    this.codesStrings = holdsStrings(typed.input, new Set());
  }

  /** Entry i: the answer's text for texts[i] (emit engines: emitted texts joined by "\n"), or its PfaError. */
  score(texts: readonly string[]): (string | PfaError)[] {
    const out: (string | PfaError)[] = new Array(texts.length);
    const { stage, scan, read } = this;
    stage.reset();
    // Entries that decoded: where their text is, and their staged slots or their decoded value.
    const at: number[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const values: Value[] = [];
    for (let i = 0; i < texts.length; i++) {
      const mark = stage.slot;
      if (read) {
        scan.reset(texts[i]);
        if (read(scan, stage)) {
          at.push(i); starts.push(mark); ends.push(stage.slot); values.push(null);
          continue;
        }
        stage.slot = mark;
      }
      try {
        values.push(this.options.decodeText(texts[i]));
      } catch (e) {
        if (!(e instanceof PfaError)) throw e;
        out[i] = e;
        continue;
      }
      at.push(i); starts.push(-1); ends.push(-1);
    }
    const n = at.length;
    if (n === 0) return out;
    const dict = this.wasm.dict;
    const stagedStrings = dict.size;
    const emitting = this.wasm.typed.method === 'emit';
    const emitted: Value[][] = emitting ? at.map(() => []) : [];
    const user = this.options.emit;
    this.wasm.batch(n, (w, from) => {
      // The engine forgot input strings before this call: the staged codes are stale; read again.
      const restage = this.codesStrings && dict.size < stagedStrings;
      let j = from;
      while (j < n) {
        if (starts[j] < 0) {
          this.encodeInput(values[j], w);
          j++;
        } else if (restage) {
          scan.reset(texts[at[j]]);
          if (!read!(scan, w)) throw new Error(`internal: the fast reader declined a text it read before (entry ${at[j]})`);
          j++;
        } else {
          // A run of staged entries is one copy.
          let k = j + 1;
          while (k < n && starts[k] === ends[k - 1]) k++;
          const slots = ends[k - 1] - starts[j];
          w.ensure(slots);
          new Uint8Array(w.buf, w.slot * 8, slots * 8).set(new Uint8Array(stage.buf, starts[j] * 8, slots * 8));
          w.slot += slots;
          j = k;
        }
      }
    }, (j, r, error) => {
      if (error) {
        out[at[j]] = error;
        return;
      }
      try {
        out[at[j]] = emitting ? emitted[j].map(this.options.encodeText).join('\n') : this.write(r!);
      } catch (e) {
        if (!(e instanceof PfaError)) throw e;
        out[at[j]] = e;
      }
    }, emitting ? (j, v) => { emitted[j].push(v); user?.(v); } : undefined);
    return out;
  }
}

function holdsStrings(t: AvroType, seen: Set<AvroType>): boolean {
  if (seen.has(t)) return false;
  seen.add(t);
  switch (t.kind) {
    case 'string': case 'map': return true;
    case 'array': return holdsStrings(t.items, seen);
    case 'union': return t.types.some((b) => holdsStrings(b, seen));
    case 'record': return t.fields.some((f) => holdsStrings(f.type, seen));
    default: return false;
  }
}
