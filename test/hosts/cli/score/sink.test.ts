/** The output sink waits for 'drain': a slow reader holds scoring back instead of filling memory. */
import { describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { Sink } from '../../../../src/hosts/cli/score/sink.js';

/** A stream whose writes complete only when `release` is called. */
function slowStream(): { stream: Writable; written: string[]; release: () => void } {
  const written: string[] = [];
  const waiting: (() => void)[] = [];
  const stream = new Writable({
    highWaterMark: 4,
    write(chunk, _enc, done) {
      written.push(String(chunk));
      waiting.push(done);
    },
  });
  return {
    stream,
    written,
    release: () => {
      for (const done of waiting.splice(0)) done();
    },
  };
}

describe('Sink', () => {
  it('does not resolve a write past the high-water mark until the stream drains', async () => {
    const { stream, written, release } = slowStream();
    const sink = new Sink(stream, true);
    let resolved = false;
    const first = sink.write('0123456789\n').then(() => {
      resolved = true;
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    release();
    await first;
    expect(resolved).toBe(true);
    const closing = sink.close();
    release();
    await closing;
    expect(written).toEqual(['0123456789\n']);
  });

  it('rejects writes after the stream failed', async () => {
    const stream = new Writable({
      write(_c, _e, done) {
        done(new Error('disk full'));
      },
    });
    const sink = new Sink(stream, true);
    await expect(sink.write('a\n')).rejects.toThrow('disk full');
  });
});
