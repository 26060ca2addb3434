/**
 * JSON text in, JSON text out, on the Wasm backend (PFAEngine.scoreText / scoreTextBatch, and
 * the request bodies of the Lambda handler). One text that the kernel reads whole as a record is
 * scored from the kernel's text buffer (`readOne`, `scoreRead`); everything else is staged first
 * and scored in one kernel call (staging.ts, made at its first use: the Lambda handler's cold path
 * leaves it to a chunk, issue 17). The one-record path is functions rather than methods: a cold
 * start runs it, and a function hinted for the script's compile (deploy/eager.ts) costs it less
 * than a method, which V8 compiles at its first call.
 */
import { PfaError } from '../../../errors/PfaError.js';
import type { WasmHost } from '../host.js';
import type { WireReader, WireWriter } from '../wireSlots.js';
import type { Scan } from './scan.js';
import type { FieldReader } from './reader.js';
import { withinDepth } from './readable.js';
import { TextWriter, textWriter } from './writer.js';
import { type KernelLines, copyRecord, kernelLinesOf, readWholeAt, recordSlots } from './kernelText.js';
import { type Staging, stagingOf } from './staging.js';

export { asString, isUtf8 } from './staging.js';

/**
 * A request's text, as a string or as its UTF-8 bytes (a body as it came off the socket: the
 * kernel reads those with no string in between). Bytes must be UTF-8: the caller checks (the
 * server's isUtf8), since a string cannot say how bytes that are not UTF-8 should read.
 */
export type Text = string | Uint8Array;

/** Entry j's answer: its output text (emit engines: the emitted texts joined), or its PfaError. */
export type Answer = (j: number, answer: string | PfaError) => void;

export class TextScorer {
  readonly write: TextWriter;
  /** The kernel's own reader of this input type (records of numbers, maps of scalar unions), or null. */
  readonly kernel: KernelLines | null;
  /** The staged path, made at its first use (undefined: not yet). */
  private staged_: Staging | undefined;

  /**
   * The host's codec is the general path: it decodes a text the readers decline (the value, or
   * throws the PfaError) and writes emitted values as text.
   */
  constructor(readonly wasm: WasmHost) {
    this.write = textWriter(wasm.outputType);
    // The kernel reads only where the JS reader could (it re-reads the texts the dictionary
    // forgot): inputs no deeper than maxInputDepth. The types the kernel reads (textReadable.ts)
    // are ones valueReader builds a reader for, so the depth is the whole gate, and the JS reader
    // itself waits for a text the kernel declines.
    const { inputType, codec } = wasm;
    this.kernel = withinDepth(inputType, codec.maxInputDepth) ? kernelLinesOf(wasm, inputType) : null;
  }

  /** The staged path: every text but one record the kernel reads whole. */
  get staging(): Staging {
    return (this.staged_ ??= stagingOf(this));
  }

  /** Reads one input value at the cursor (null: the type is never read fast). */
  get read(): FieldReader | null {
    return this.staging.read;
  }

  /** Whether `stageLines` reads lines in the kernel (else it stages none). */
  get readsLines(): boolean {
    return this.kernel !== null;
  }

  /**
   * scoreTextBatch: entry i is the answer for texts[i] (emit: emitted texts joined by "\n") or its
   * PfaError. `kernelDeclined`: the kernel's reader already declined every text.
   */
  score(texts: readonly Text[], kernelDeclined = false): (string | PfaError)[] {
    return this.staging.score(texts, kernelDeclined);
  }

  /** scoreText: entry 0 of `score([text])`. Given bytes, the same answer as given their text. */
  scoreOne(text: Text): string | PfaError {
    return this.staging.scoreOne(text);
  }

  /** Reads one text in the kernel onto the wire at `ptr` (WasmHost.placeInput); where its slots start, or -1. */
  readonly placeText = (text: Text, ptr: number): number => readWholeAt(this.kernel!, text, ptr);

  /**
   * Whether texts are read fast, by the kernel or the JS reader (else the general decoder reads
   * them all); without building the JS reader where the kernel reads.
   */
  get readsText(): boolean {
    return readsText(this);
  }

  // readOne's record and scoreRead's answer, for its two callbacks (made once, not per call).
  oneFrom = -1;
  /** Whether readOne placed its record on the input wire (else it is in the text buffer). */
  onePlaced = false;
  oneReader: unknown;
  one: string | PfaError | undefined;
  readonly fillOne = (_from: number, w: WireWriter): void => {
    // (the instance is replaced only when a call traps, and none ran since the read)
    if (this.wasm.textReader() !== this.oneReader)
      throw new Error('internal: the kernel was replaced after reading a text');
    copyRecord(this.kernel!, this.oneFrom, w);
  };
  readonly answerOne = (_j: number, r: WireReader | null, error: PfaError | null): void => {
    this.one = error ?? answerText(this, r as WireReader);
  };

  /**
   * Stages one whole text: read in the kernel, else by the generated JS reader, else decoded by the
   * general decoder; its PfaError (nothing staged) when that fails.
   */
  stageText(text: Text): PfaError | null {
    return this.staging.stageText(text);
  }

  /** Stages one whole text read by the kernel's reader; false (nothing staged) when it has none or declines. */
  stageInKernel(text: Text): boolean {
    return this.staging.stageInKernel(text);
  }

  /**
   * Stages at most `max` records read by the kernel from the JSON lines in bytes[at, end) (`end`
   * ends a line or the bytes); returns where it stopped: `end`, after the `max`-th record, or at
   * the start of a line it declined (the caller reads that one with stageText). Stages nothing
   * when the kernel has no reader (`readsLines`).
   */
  stageLines(bytes: Uint8Array, at: number, end: number, max: number): number {
    return this.staging.stageLines(bytes, at, end, max);
  }

  /** Forgets the staged entries. */
  clear(): void {
    this.staging.clear();
  }

  get staged(): number {
    return this.staging.staged;
  }

  /**
   * Reads one input at the cursor onto the stage (and, when `whole`, nothing but whitespace after
   * it). False, with nothing staged and the cursor anywhere, when the reader declines.
   */
  stageAt(scan: Scan, whole: boolean): boolean {
    return this.staging.stageAt(scan, whole);
  }

  /**
   * Scores the staged entries in order, in one kernel call; `answer(j, ...)` gets each. With
   * `stopAtError`, one call per entry, and none after the first that fails (as a loop of `action`
   * calls that stops at an error). Emitted values are joined with `joiner`.
   */
  run(joiner: string, stopAtError: boolean, answer: Answer): void {
    this.staging.run(joiner, stopAtError, answer);
  }
}

/**
 * Whether texts are read fast, by the kernel or the JS reader (else the general decoder reads
 * them all); without building the JS reader where the kernel reads.
 */
/*! @eager */
export function readsText(s: TextScorer): boolean {
  return s.kernel !== null || s.read !== null;
}

/**
 * Whether `readOne` may be asked: the kernel reads the input type (a record of numbers; not a
 * map, whose key codes must be staged to be read again should the dictionary forget them) and
 * the engine does not emit (`run` gathers emitted values).
 */
/*! @eager */
export function scoresOneInKernel(s: TextScorer): boolean {
  return s.kernel !== null && s.kernel.keys === null && s.wasm.method !== 'emit';
}

/**
 * Reads a text whole as one record in the kernel, for `scoreRead` (only where `scoresOneInKernel`);
 * false when the kernel declines it. One text has no order to keep, so it is not staged (two
 * copies, five entry lists and a closure per call less than `score`): where `action`'s
 * per-record path applies (WasmHost.placesInput), the kernel reads it straight onto the input
 * wire (WasmHost.placeInput); otherwise the record stays in the kernel's text buffer and is
 * copied onto the wire of a batch of one.
 */
/*! @eager */
export function readOne(s: TextScorer, text: Text): boolean {
  s.onePlaced = s.wasm.placesInput;
  if (s.onePlaced) {
    s.oneFrom = s.wasm.placeInput(8 + recordSlots(s.kernel!) * 8, s.placeText, text);
    return s.oneFrom >= 0;
  }
  s.oneReader = s.wasm.textReader();
  s.oneFrom = readWholeAt(s.kernel!, text, -1);
  return s.oneFrom >= 0;
}

/** The answer for the record `readOne` read: its output text or its PfaError. */
/*! @eager */
export function scoreRead(s: TextScorer): string | PfaError {
  if (s.oneFrom < 0) throw new Error('internal: no record read to score');
  if (s.onePlaced) {
    const from = s.oneFrom;
    s.oneFrom = -1;
    let r: WireReader;
    try {
      r = s.wasm.runPlaced(from);
    } catch (e) {
      if (!(e instanceof PfaError)) throw e;
      return e;
    }
    return answerText(s, r);
  }
  s.one = undefined;
  s.wasm.batch(1, s.fillOne, s.answerOne);
  s.oneFrom = -1;
  return s.one!;
}

/** The answer's text as the writer makes it, or the PfaError it raises. */
/*! @eager */
export function answerText(s: TextScorer, r: WireReader): string | PfaError {
  try {
    return s.write(r);
  } catch (e) {
    if (!(e instanceof PfaError)) throw e;
    return e;
  }
}
