/** Import progress: a bar with records/s and ETA on a terminal, periodic lines otherwise. */
export interface ProgressSnapshot {
  source: string;
  done: number;
  total: number | null;
  ratePerSecond: number;
  etaSeconds: number | null;
}

export type ProgressListener = (snapshot: ProgressSnapshot) => void;

export class Progress {
  private done = 0;
  private total: number | null = null;
  private readonly started = Date.now();
  private lastEmit = 0;

  constructor(readonly source: string, private readonly listener?: ProgressListener) {}

  setTotal(total: number): void {
    this.total = total;
    this.emit(true);
  }

  tick(n = 1): void {
    this.done += n;
    this.emit(false);
  }

  finish(): void {
    this.emit(true);
  }

  snapshot(): ProgressSnapshot {
    const seconds = Math.max((Date.now() - this.started) / 1000, 0.001);
    const rate = this.done / seconds;
    const eta = this.total !== null && rate > 0 ? Math.max(this.total - this.done, 0) / rate : null;
    return { source: this.source, done: this.done, total: this.total, ratePerSecond: rate, etaSeconds: eta };
  }

  private emit(force: boolean): void {
    const now = Date.now();
    if (!this.listener || (!force && now - this.lastEmit < 200)) return;
    this.lastEmit = now;
    this.listener(this.snapshot());
  }
}

function formatEta(seconds: number | null): string {
  if (seconds === null) return '--';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Renders progress to a stream: an in-place bar on a TTY, a line every few seconds elsewhere. */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): ProgressListener {
  let lastLine = 0;
  return (p) => {
    const rate = `${Math.round(p.ratePerSecond).toLocaleString('en-CA')} rec/s`;
    const count = p.total ? `${p.done}/${p.total}` : `${p.done}`;
    if (stream.isTTY) {
      const width = 30;
      const ratio = p.total ? Math.min(p.done / p.total, 1) : 0;
      const filled = Math.round(ratio * width);
      const bar = p.total ? `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${Math.round(ratio * 100)}%` : '';
      stream.write(`\r\x1b[K${p.source.padEnd(18)} ${bar} ${count} ${rate} ETA ${formatEta(p.etaSeconds)}`);
      if (p.total !== null && p.done >= p.total) stream.write('\n');
    } else if (Date.now() - lastLine > 2000 || (p.total !== null && p.done >= p.total)) {
      lastLine = Date.now();
      stream.write(`${p.source}: ${count} ${rate} ETA ${formatEta(p.etaSeconds)}\n`);
    }
  };
}
