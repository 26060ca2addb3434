/**
 * JSON lines from a byte stream, without readline (which costs more than scoring a Sonar record).
 * Chunks are cut after their last "\n" and the tail waits for the next chunk: a UTF-8 sequence
 * never contains the byte 0x0A, so every cut block decodes whole, even when a chunk boundary falls
 * inside a multi-byte character. A line may end in "\r\n"; the last line needs no newline; lines
 * of blanks only are skipped. A line whose bytes are not UTF-8 is an input error in its place
 * (code 1105, as the server refuses such a body), not a text with U+FFFD where the bytes were.
 */
import { isAscii, isUtf8 } from 'node:buffer';
import type { PfaError } from '../../../errors/PfaError.js';
import { inputMessages } from '../../../errors/runtime.js';

/** A line's text, or the error that it is not UTF-8. */
export type Line = string | PfaError;

/** Blocks of whole lines: each ends with "\n", except perhaps the last block of the stream. */
export async function* lineBlocks(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<Buffer> {
  let tail: Buffer[] = [];
  for await (const raw of chunks) {
    const chunk = typeof raw === 'string' ? Buffer.from(raw) : raw;
    const cut = chunk.lastIndexOf(10);
    if (cut < 0) {
      tail.push(chunk);
      continue;
    }
    const head = chunk.subarray(0, cut + 1);
    yield tail.length === 0 ? head : Buffer.concat([...tail, head]);
    tail = cut + 1 < chunk.length ? [chunk.subarray(cut + 1)] : [];
  }
  if (tail.length > 0) yield Buffer.concat(tail);
}

/** Appends the lines of a block of text to `into`, without "\r\n"/"\n" and without blank lines. */
export function splitLines(text: string, into: string[]): string[] {
  let start = 0;
  const n = text.length;
  while (start < n) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = n;
    const next = end + 1;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    if (end > start) {
      const first = text.charCodeAt(start);
      // Records start with "{" (or a digit, a quote...); only a line starting with a blank can be blank.
      if (!isBlank(first) || text.slice(start, end).trim() !== '') into.push(text.slice(start, end));
    }
    start = next;
  }
  return into;
}

/**
 * The line of a block in bytes [start, end) (`end` at its "\n" or the block's end) as splitLines
 * gives it: without a final "\r", decoded as its block decodes; null for a line it skips (blank).
 * (Decoding a line alone gives its text within the block: "\n" ends every UTF-8 sequence, valid
 * or not, and an ASCII line reads the same as Latin-1 or UTF-8.)
 */
export function lineAt(block: Buffer, start: number, end: number): Line | null {
  if (end > start && block[end - 1] === 13) end--;
  if (end <= start) return null;
  if (!isUtf8(block.subarray(start, end))) return inputMessages.notUtf8.atInput('');
  const text = block.toString('utf8', start, end);
  return isBlank(text.charCodeAt(0)) && text.trim() === '' ? null : text;
}

function isBlank(c: number): boolean {
  return (
    c === 32 ||
    c === 9 ||
    c === 13 ||
    c === 11 ||
    c === 12 ||
    c === 0xa0 ||
    c === 0xfeff ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x3000)
  );
}

/**
 * The lines of a block of bytes, as splitLines gives them. A block that is UTF-8 (all of them but
 * a broken input's) is decoded once and its lines are slices of that string; a block that is not
 * is cut into lines first, so that only the lines that are not UTF-8 fail.
 */
export function blockLines(block: Buffer): Line[] {
  // (ASCII, most JSON lines, decodes several times faster as Latin-1, to the same string)
  if (isAscii(block)) return splitLines(block.toString('latin1'), []);
  if (isUtf8(block)) return splitLines(block.toString('utf8'), []);
  const lines: Line[] = [];
  for (let start = 0; start < block.length; ) {
    let end = block.indexOf(10, start);
    if (end < 0) end = block.length;
    const line = lineAt(block, start, end);
    if (line !== null) lines.push(line);
    start = end + 1;
  }
  return lines;
}

/**
 * Batches of at most `size` lines, in order. The stream's blocks are decoded once each (one
 * string per block, lines are slices of it).
 */
export async function* lineBatches(chunks: AsyncIterable<Buffer | string>, size: number): AsyncGenerator<Line[]> {
  let batch: Line[] = [];
  for await (const block of lineBlocks(chunks)) {
    const lines = blockLines(block);
    for (const line of lines) {
      batch.push(line);
      if (batch.length === size) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length > 0) yield batch;
}
