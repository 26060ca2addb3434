/**
 * The staged half of TextScorer (scorer.ts): each text is read by the generated reader onto a
 * staging wire (or, when that reader declines, by the general decoder, whose error is then the
 * entry's answer); the entries that read are scored in one kernel call, and each answer is
 * written as text straight from the kernel's output memory.
 *
 * Staging first (rather than reading into the kernel's buffer) keeps the general path's order:
 * every text is decoded before any record is scored, and a text that does not decode is never
 * scored, so it does not take a record number.
 *
 * Apart from scorer.ts because the commonest request, one record the kernel reads, never stages:
 * the Lambda handler's cold path leaves this module to the chunk it loads at the first text that
 * needs it (issue 17, deploy/deferred.ts).
 */
import { PfaError } from '../../../errors/PfaError.js';
import { AvroType, someType } from '../../../types/avro.js';
import { Value } from '../../../values.js';
import type { WasmHost } from '../host.js';
import { WireEncoder, wireEncoder } from '../wire.js';
import { WireReader, WireWriter } from '../wireSlots.js';
import { Scan } from './scan.js';
import { FieldReader, valueReader } from './reader.js';
import { type KernelLines, recordSlots } from './kernelText.js';
import { readLines, readTextOnto } from './kernelStage.js';
import {
  type Answer,
  type Text,
  type TextScorer,
  answerText,
  readOne,
  scoreRead,
  scoresOneInKernel,
} from './scorer.js';

/** Most bytes of text, and most records, the kernel's reader takes in one call (its buffers stay bounded). */
const MAX_TEXT = 1 << 24;
const MAX_READ = 4096;

/** The staged path of `scorer` (TextScorer.staging). */
export function stagingOf(scorer: TextScorer): Staging {
  return new Staging(scorer);
}

export class Staging {
  /** valueReader's reader, built at its first use (undefined: not yet). */
  reader: FieldReader | null | undefined;
  /** The encoder of the values the general decoder read, built at its first use. */
  private encodeInput: WireEncoder | undefined;
  private readonly scan = new Scan();
  private readonly stage = new WireWriter();
  private readonly wasm: WasmHost;
  private readonly kernel: KernelLines | null;
  /** Whether inputs hold strings (their dictionary codes go stale if the dictionary forgets). */
  private readonly codesStrings: boolean;
  // The staged entries: slots [starts[j], ends[j]) of the stage, or (starts[j] < 0) a decoded value;
  // the text of an entry and where its value began in it (to read it again: in a string, the
  // value's offset; in bytes, the start of its line).
  private starts: number[] = [];
  private ends: number[] = [];
  private values: Value[] = [];
  private texts: Text[] = [];
  private offsets: number[] = [];
  /**
   * The dictionary's epoch when the first entry since `clear` was staged (-1: none): once it moved
   * on, the dictionary forgot strings (maybe more than once, maybe growing back past its old size
   * as the kernel made strings) and every staged code may be stale.
   */
  private stagedEpoch = -1;

  constructor(private readonly scorer: TextScorer) {
    this.wasm = scorer.wasm;
    this.kernel = scorer.kernel;
    this.codesStrings = holdsStrings(this.wasm.inputType);
  }

  /** Reads one input value at the cursor (null: the type is never read fast). */
  get read(): FieldReader | null {
    if (this.reader === undefined)
      this.reader = valueReader(this.wasm.inputType, this.wasm.dict, this.wasm.codec.maxInputDepth);
    return this.reader;
  }

  /** TextScorer.score. */
  score(texts: readonly Text[], kernelDeclined: boolean): (string | PfaError)[] {
    const out: (string | PfaError)[] = new Array(texts.length);
    this.clear();
    const at: number[] = [];
    for (let i = 0; i < texts.length; i++) {
      const error = kernelDeclined ? this.stageWithoutKernel(asString(texts[i])) : this.stageText(texts[i]);
      if (error === null) at.push(i);
      else out[i] = error;
    }
    this.run('\n', false, (j, answer) => {
      out[at[j]] = answer;
    });
    return out;
  }

  /** TextScorer.scoreOne. */
  scoreOne(text: Text): string | PfaError {
    const scorer = this.scorer;
    if (!scoresOneInKernel(scorer)) return this.score([text], false)[0];
    if (this.wasm.placesInput) return this.scorePlaced(text);
    return readOne(scorer, text) ? scoreRead(scorer) : this.score([text], true)[0];
  }

  /**
   * scoreOne on `action`'s per-record path (WasmHost.actionPlaced: a map or fold engine, begun):
   * the kernel reads the text straight onto the input wire, and the one call runs with no batch
   * around it. A text the kernel declines takes `score`.
   */
  private scorePlaced(text: Text): string | PfaError {
    const scorer = this.scorer;
    let r: WireReader | null;
    try {
      r = this.wasm.actionPlaced(8 + recordSlots(this.kernel!) * 8, scorer.placeText, text);
    } catch (e) {
      if (!(e instanceof PfaError)) throw e;
      return e;
    }
    return r === null ? this.score([text], true)[0] : answerText(scorer, r);
  }

  /** TextScorer.stageText. */
  stageText(text: Text): PfaError | null {
    return this.stageInKernel(text) ? null : this.stageWithoutKernel(asString(text));
  }

  /** stageText for a text the kernel declined: the generated JS reader, else the general decoder. */
  private stageWithoutKernel(text: string): PfaError | null {
    const kernel = this.kernel;
    const scan = this.scan;
    scan.reset(text);
    if (this.stageAt(scan, true)) {
      // A map the kernel declined (or the first): its keys become the kernel's key table.
      if (kernel?.keys) {
        const at = this.starts[this.starts.length - 1];
        const i32 = this.stage.i32;
        kernel.keys.learn(i32.subarray(2 * at + 2, 2 * at + 2 + i32[2 * at]));
      }
      return null;
    }
    try {
      this.stageValue(this.wasm.codec.decodeText(text));
      return null;
    } catch (e) {
      if (!(e instanceof PfaError)) throw e;
      return e;
    }
  }

  /** TextScorer.stageInKernel. */
  stageInKernel(text: Text): boolean {
    const kernel = this.kernel;
    if (kernel === null) return false;
    const mark = this.stage.slot;
    if (!readTextOnto(kernel, text, this.stage)) return false;
    this.stagedSlots(mark, 1);
    // As stageAt keeps them: should the dictionary forget strings before the call, the JS reader
    // reads the text again (fill; bytes are decoded then, only then).
    this.texts[this.texts.length - 1] = text;
    return true;
  }

  /** TextScorer.stageLines. */
  stageLines(bytes: Uint8Array, at: number, end: number, max: number): number {
    const kernel = this.kernel;
    if (kernel === null) return at;
    // Bounded kernel buffers: a text of more than MAX_TEXT bytes stops before its last lines (a
    // single line that long is declined: the JS readers take it), records go MAX_READ at a time.
    if (end - at > MAX_TEXT) {
      const cut = bytes.lastIndexOf(10, at + MAX_TEXT - 1);
      if (cut < at) return at;
      end = cut + 1;
    }
    let staged = 0;
    for (;;) {
      const want = Math.min(max - staged, MAX_READ);
      const mark = this.stage.slot;
      const n = readLines(kernel, bytes, at, end, want, this.stage);
      this.stagedSlots(mark, n);
      if (this.codesStrings) this.keepLines(bytes, at, n);
      staged += n;
      at = kernel.stop;
      if (n < want || staged === max || at >= end) return at;
    }
  }

  /**
   * For fill to read them again: the lines of the last `count` entries, which the kernel read one
   * a line from bytes[at, ...) (kernel reads stop at a line they decline, so none is skipped).
   */
  private keepLines(bytes: Uint8Array, at: number, count: number): void {
    const first = this.texts.length - count;
    for (let k = 0; k < count; k++) {
      this.texts[first + k] = bytes;
      this.offsets[first + k] = at;
      at = bytes.indexOf(10, at) + 1;
    }
  }

  /** Entries for `count` records of `recordSlots` slots each, staged from slot `mark` on. */
  private stagedSlots(mark: number, count: number): void {
    if (count > 0 && this.stagedEpoch < 0) this.stagedEpoch = this.wasm.dict.epoch;
    const size = recordSlots(this.kernel!);
    for (let k = 0; k < count; k++) {
      this.starts.push(mark + k * size);
      this.ends.push(mark + (k + 1) * size);
      this.values.push(null);
      this.texts.push('');
      this.offsets.push(0);
    }
  }

  /** TextScorer.clear. */
  clear(): void {
    this.stage.reset();
    this.stagedEpoch = -1;
    // (fresh arrays: setting an array's length is a call into V8's runtime, five of them per request)
    if (this.starts.length !== 0) {
      this.starts = [];
      this.ends = [];
      this.values = [];
      this.texts = [];
      this.offsets = [];
    }
  }

  get staged(): number {
    return this.starts.length;
  }

  /** TextScorer.stageAt. */
  stageAt(scan: Scan, whole: boolean): boolean {
    const read = this.read;
    if (!read) return false;
    const stage = this.stage;
    const mark = stage.slot;
    scan.ws();
    const offset = scan.i;
    if (!read(scan, stage) || (whole && !Number.isNaN(scan.ws()))) {
      stage.slot = mark;
      return false;
    }
    this.starts.push(mark);
    this.ends.push(stage.slot);
    this.values.push(null);
    this.texts.push(scan.text);
    this.offsets.push(offset);
    if (this.stagedEpoch < 0) this.stagedEpoch = this.wasm.dict.epoch;
    return true;
  }

  /** Stages an input the general decoder decoded. */
  private stageValue(value: Value): void {
    this.starts.push(-1);
    this.ends.push(-1);
    this.values.push(value);
    this.texts.push('');
    this.offsets.push(0);
  }

  /** TextScorer.run. */
  run(joiner: string, stopAtError: boolean, answer: Answer): void {
    const n = this.starts.length;
    if (!stopAtError) {
      this.runRange(0, n, joiner, answer);
      return;
    }
    let failed = false;
    for (let j = 0; j < n && !failed; j++) {
      this.runRange(j, j + 1, joiner, (k, a) => {
        if (a instanceof PfaError) failed = true;
        answer(k, a);
      });
    }
  }

  private runRange(first: number, end: number, joiner: string, answer: Answer): void {
    const n = end - first;
    if (n <= 0) return;
    const emitting = this.wasm.method === 'emit';
    const emitted: Value[][] = emitting ? Array.from({ length: n }, () => []) : [];
    this.wasm.batch(
      n,
      (from, w) => this.fill(w, first + from, end),
      (j, r, error) => {
        if (error) {
          answer(first + j, error);
          return;
        }
        if (!emitting) {
          answer(first + j, answerText(this.scorer, r as WireReader));
          return;
        }
        let text: string | PfaError;
        try {
          text = emitted[j].map((v) => this.wasm.codec.encodeText(v)).join(joiner);
        } catch (e) {
          if (!(e instanceof PfaError)) throw e;
          text = e;
        }
        answer(first + j, text);
      },
      emitting ? (j, v) => emitted[j].push(v) : undefined,
    );
  }

  /** Writes staged entries [from, end) on the kernel's wire. */
  private fill(w: WireWriter, from: number, end: number): void {
    const { starts, ends, stage } = this;
    // The engine forgot input strings since staging: the staged codes are stale; read again.
    const restage = this.codesStrings && this.stagedEpoch >= 0 && this.wasm.dict.epoch !== this.stagedEpoch;
    let j = from;
    while (j < end) {
      if (starts[j] < 0) {
        (this.encodeInput ??= wireEncoder(this.wasm.inputType, this.wasm.dict))(this.values[j], w);
        j++;
      } else if (restage) {
        this.rescan(j);
        if (!this.read!(this.scan, w)) throw new Error('internal: the fast reader declined a text it read before');
        j++;
      } else {
        // A run of staged entries is one copy.
        let k = j + 1;
        while (k < end && starts[k] === ends[k - 1]) k++;
        const slots = ends[k - 1] - starts[j];
        w.ensure(slots);
        new Uint8Array(w.buf, w.slot * 8, slots * 8).set(new Uint8Array(stage.buf, starts[j] * 8, slots * 8));
        w.slot += slots;
        j = k;
      }
    }
  }

  /** Puts the scan at staged entry j's value: in its string, or at the start of its line of bytes. */
  private rescan(j: number): void {
    const text = this.texts[j];
    if (typeof text === 'string') {
      this.scan.reset(text, this.offsets[j]);
      return;
    }
    const at = this.offsets[j];
    const nl = text.indexOf(10, at);
    this.scan.reset(asString(text.subarray(at, nl < 0 ? text.length : nl)));
  }
}

// Not fatal (the bytes are UTF-8), and a BOM stays, as Buffer's toString('utf8') keeps it: the text
// is the one the string entry would have been given.
const UTF8 = new TextDecoder('utf-8', { ignoreBOM: true });

const FATAL = new TextDecoder('utf-8', { fatal: true });

/** Whether bytes are UTF-8 (node:buffer's isUtf8 is not there in browsers); ASCII without a decoder. */
export function isUtf8(bytes: Uint8Array): boolean {
  let i = 0;
  while (i < bytes.length && bytes[i] < 128) i++;
  if (i === bytes.length) return true;
  try {
    FATAL.decode(bytes.subarray(i));
    return true;
  } catch {
    return false;
  }
}

/** The text as a string: bytes decoded (for the JS readers and the general decoder). */
export function asString(text: Text): string {
  return typeof text === 'string' ? text : UTF8.decode(text);
}

/** Whether values of `t` hold strings (a map's keys are strings). */
function holdsStrings(t: AvroType): boolean {
  return someType(t, (u) => u.kind === 'string' || u.kind === 'map');
}
