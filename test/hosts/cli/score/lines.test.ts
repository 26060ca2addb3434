/** JSON lines from chunks of bytes: cuts at "\n" only, whatever the chunk boundaries. */
import { describe, expect, it } from 'vitest';
import { type Line, lineBatches, lineBlocks, splitLines } from '../../../../src/hosts/cli/score/lines.js';

async function* chunked(bytes: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const c of cuts) {
    yield bytes.subarray(at, c);
    at = c;
  }
  yield bytes.subarray(at);
}

async function collect(chunks: AsyncIterable<Buffer>, size: number): Promise<Line[][]> {
  const out: Line[][] = [];
  for await (const b of lineBatches(chunks, size)) out.push(b);
  return out;
}

describe('lineBatches', () => {
  it('keeps a multi-byte UTF-8 character whole when a chunk boundary falls inside it', async () => {
    const text = '{"s": "é"}\n{"s": "€𝄞"}\n{"s": "ü"}';
    const bytes = Buffer.from(text);
    const euro = bytes.indexOf(Buffer.from('€'));
    const clef = bytes.indexOf(Buffer.from('𝄞'));
    // Inside the 2-byte é, after the first byte of €, in the middle of the 4-byte 𝄞, and one byte at a time.
    for (const cuts of [
      [7],
      [euro + 1],
      [clef + 2],
      [clef + 1, clef + 3],
      Array.from({ length: bytes.length - 1 }, (_, i) => i + 1),
    ]) {
      expect((await collect(chunked(bytes, cuts), 100)).flat()).toEqual(['{"s": "é"}', '{"s": "€𝄞"}', '{"s": "ü"}']);
    }
  });

  it('takes "\\r\\n" and "\\n" endings, a last line without newline, and skips blank lines', async () => {
    const bytes = Buffer.from('a\r\n\r\nb\n   \n\t\r\nc \r\n d\ne');
    expect((await collect(chunked(bytes, [2, 3, 9]), 100)).flat()).toEqual(['a', 'b', 'c ', ' d', 'e']);
  });

  it('batches lines in order, at most `size` per batch', async () => {
    const lines = Array.from({ length: 23 }, (_, i) => `{"i": ${i}}`);
    const batches = await collect(chunked(Buffer.from(lines.join('\n') + '\n'), [5, 40, 41, 100]), 7);
    expect(batches.map((b) => b.length)).toEqual([7, 7, 7, 2]);
    expect(batches.flat()).toEqual(lines);
  });

  it('gives a line that is not UTF-8 as an input error (1105) in its place, and reads the others', async () => {
    // A lone continuation byte, an overlong "/", a surrogate, and a sequence cut short by the newline.
    const bad = [[0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xe2, 0x82]];
    for (const bytes of bad) {
      const input = Buffer.concat([
        Buffer.from('{"s": "é"}\n{"s": "'),
        Buffer.from(bytes),
        Buffer.from('"}\r\n\n{"s": 1}'),
      ]);
      for (const cuts of [[], [13], [input.length - 3]]) {
        const lines = (await collect(chunked(input, cuts), 100)).flat();
        expect(lines.map((l) => (typeof l === 'string' ? l : { code: l.code, message: l.message }))).toEqual([
          '{"s": "é"}',
          { code: 1105, message: 'the text is not valid UTF-8' },
          '{"s": 1}',
        ]);
      }
    }
  });

  it('reads an empty stream and a stream of blank lines as no lines', async () => {
    expect(await collect(chunked(Buffer.alloc(0), []), 4)).toEqual([]);
    expect(await collect(chunked(Buffer.from('\n\r\n  \n'), [1]), 4)).toEqual([]);
  });
});

describe('lineBlocks', () => {
  it('cuts after the last newline of a chunk and carries the rest', async () => {
    const blocks: string[] = [];
    for await (const b of lineBlocks(chunked(Buffer.from('ab\ncd\nef'), [4, 5]))) blocks.push(b.toString());
    expect(blocks).toEqual(['ab\n', 'cd\n', 'ef']);
  });
});

describe('splitLines', () => {
  it('appends to the array it is given', () => {
    expect(splitLines('x\ny', ['w'])).toEqual(['w', 'x', 'y']);
  });
});
