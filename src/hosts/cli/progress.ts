/**
 * A progress line on stderr for long runs (records and records/s), only when stderr is a terminal
 * and after two seconds. Callers tick once per batch, not per record.
 */
export class Progress {
  private readonly started = Date.now();
  private last = 0;
  private shown = false;

  constructor(private readonly stream: NodeJS.WriteStream | null) {}

  tick(count: number, total?: number): void {
    if (!this.stream?.isTTY) return;
    const now = Date.now();
    if (now - this.started < 2000 || now - this.last < 200) return;
    this.last = now;
    this.shown = true;
    const rate = Math.round(count / ((now - this.started) / 1000));
    const pct = total ? ` ${((100 * count) / total).toFixed(1)}%` : '';
    this.stream.write(`\r${count} records${pct}, ${rate}/s   `);
  }

  done(): void {
    if (this.shown && this.stream) this.stream.write('\n');
  }
}
