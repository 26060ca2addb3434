/**
 * The wire's slots themselves (wire.ts describes the layout): the string dictionary, and the
 * writer and reader of 8-byte slots in a buffer or in a kernel's memory. Apart from the value
 * codecs in wire.ts because the text paths (fastpath/) use these alone: the Lambda handler's
 * cold path carries this file and loads the codecs only when a request needs them (issue 17,
 * deploy/build-lambda.ts `DEFERRED`).
 */

/** Strings as i32 codes: constant strings first, input strings appended as they arrive. */
export class StringDict {
  readonly strings: string[] = [];
  private readonly codes = new Map<string, number>();
  /** Moves on whenever codes are forgotten (truncate): codes remembered from before may now mean other strings. */
  epoch = 0;

  code(s: string): number {
    let c = this.codes.get(s);
    if (c === undefined) {
      c = this.strings.length;
      this.strings.push(s);
      this.codes.set(s, c);
    }
    return c;
  }

  has(s: string): boolean {
    return this.codes.has(s);
  }

  get size(): number {
    return this.strings.length;
  }

  /** Forgets input strings beyond the first `n` (the constants), so hostile inputs cannot grow it forever. */
  truncate(n: number): void {
    if (n >= this.strings.length) return;
    for (let i = n; i < this.strings.length; i++) this.codes.delete(this.strings[i]);
    this.strings.length = n;
    this.epoch++;
  }
}

/** Thrown by a writer attached to kernel memory when the value does not fit (the caller grows). */
export class WireFull extends Error {
  constructor(readonly slotsNeeded: number) {
    super('wire buffer full');
  }
}

/**
 * A buffer of 8-byte slots. Detached, it owns a growable ArrayBuffer; attached, it writes straight
 * into the kernel's linear memory (no copy on the hot path) and throws WireFull when out of room.
 */
export class WireWriter {
  buf: ArrayBuffer = new ArrayBuffer(1 << 16);
  f64 = new Float64Array(this.buf);
  i32 = new Int32Array(this.buf);
  i64 = new BigInt64Array(this.buf);
  slot = 0;
  private start = 0;
  private end = this.buf.byteLength / 8;
  private attached = false;

  reset(): void {
    this.slot = this.start;
  }

  /** Writes from byte `ptr` of `memory` onward, at most `capacity` bytes. */
  attach(memory: ArrayBuffer, ptr: number, capacity: number): void {
    if (this.buf !== memory) {
      this.buf = memory;
      this.f64 = new Float64Array(memory);
      this.i32 = new Int32Array(memory);
      this.i64 = new BigInt64Array(memory);
    }
    this.attached = true;
    this.start = this.slot = ptr / 8;
    this.end = this.start + Math.floor(capacity / 8);
  }

  ensure(n: number): void {
    if (this.slot + n <= this.end) return;
    if (this.attached) throw new WireFull(this.slot + n - this.start);
    let size = this.buf.byteLength * 2;
    while (size < (this.slot + n) * 8) size *= 2;
    const next = new ArrayBuffer(size);
    new Uint8Array(next).set(new Uint8Array(this.buf, 0, this.slot * 8));
    this.buf = next;
    this.f64 = new Float64Array(next);
    this.i32 = new Int32Array(next);
    this.i64 = new BigInt64Array(next);
    this.end = size / 8;
  }

  putF64(x: number): void {
    if (this.slot >= this.end) this.ensure(1);
    this.f64[this.slot++] = x;
  }
  putI32(x: number): void {
    if (this.slot >= this.end) this.ensure(1);
    this.i32[this.slot * 2] = x;
    this.i32[this.slot * 2 + 1] = 0;
    this.slot++;
  }
  putI64(x: bigint): void {
    if (this.slot >= this.end) this.ensure(1);
    this.i64[this.slot++] = x;
  }

  bytes(): Uint8Array {
    return new Uint8Array(this.buf, this.start * 8, (this.slot - this.start) * 8);
  }
}

export class WireReader {
  // (views of the whole buffer, indexed by slot; read directly by the map-of-unions decoder)
  f64!: Float64Array;
  i32!: Int32Array;
  i64!: BigInt64Array;
  private buffer: ArrayBuffer | null = null;
  slot = 0;
  constructor(
    buffer: ArrayBuffer,
    byteOffset: number,
    readonly dict: StringDict,
  ) {
    this.at(buffer, byteOffset);
  }
  /** Reads from byte `byteOffset` of `buffer` (views are rebuilt only when the memory changed). */
  at(buffer: ArrayBuffer, byteOffset: number): this {
    if (buffer !== this.buffer) {
      this.buffer = buffer;
      this.f64 = new Float64Array(buffer);
      this.i32 = new Int32Array(buffer);
      this.i64 = new BigInt64Array(buffer);
    }
    this.slot = byteOffset / 8;
    return this;
  }
  getF64(): number {
    return this.f64[this.slot++];
  }
  getI32(): number {
    return this.i32[2 * this.slot++];
  }
  getI64(): bigint {
    return this.i64[this.slot++];
  }
}
