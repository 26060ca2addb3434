/**
 * The output of `pfa-wasm score`: text written in order, waiting for 'drain' when the stream's
 * buffer is full, so that a slow reader (a pipe, a disk) holds the scoring back instead of
 * letting output pile up in memory.
 */
import { once } from 'node:events';
import { Writable } from 'node:stream';

export class Sink {
  private failure: Error | null = null;

  constructor(
    private readonly stream: Writable,
    private readonly owned: boolean,
  ) {
    stream.on('error', (e) => {
      this.failure = e;
    });
  }

  async write(text: string): Promise<void> {
    if (this.failure) throw this.failure;
    if (text === '') return;
    // once() rejects when 'error' comes first.
    if (!this.stream.write(text)) await once(this.stream, 'drain');
    if (this.failure) throw this.failure;
  }

  /** Ends a file stream (waiting until it is written), or waits for stdout's buffer to empty. */
  async close(): Promise<void> {
    if (this.owned) {
      await new Promise<void>((resolve, reject) => {
        this.stream.once('error', reject);
        this.stream.end(() => resolve());
      });
    } else if (this.stream.writableNeedDrain) {
      await once(this.stream, 'drain');
    }
    if (this.failure) throw this.failure;
  }
}
