/**
 * When open documents are re-analyzed. Edits that come in a burst (faster than IDLE_MS apart)
 * settle for DEBOUNCE_MS, and a newer edit replaces the pending run; the first edit after a pause
 * runs at once. Pull requests wait for the pending run of their document.
 */
const DEBOUNCE_MS = 15;
const IDLE_MS = 100;

type Pending = Promise<void> & { resolve: () => void };

export class AnalysisScheduler {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly pending = new Map<string, Pending>();
  private readonly lastEdit = new Map<string, number>();

  constructor(private readonly run: (uri: string) => Promise<void>) {}

  /** An edit arrived: analyze now after a pause, or debounced within a burst. */
  edited(uri: string): void {
    const now = Date.now();
    const burst = now - (this.lastEdit.get(uri) ?? 0) < IDLE_MS;
    this.lastEdit.set(uri, now);
    this.schedule(uri, burst ? DEBOUNCE_MS : 0);
  }

  schedule(uri: string, delay: number): void {
    clearTimeout(this.timers.get(uri));
    if (!this.pending.has(uri)) {
      let resolve!: () => void;
      this.pending.set(uri, Object.assign(new Promise<void>((r) => (resolve = r)), { resolve: () => resolve() }));
    }
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.run(uri).finally(() => this.settle(uri));
      }, delay),
    );
  }

  /** Resolves when the document's pending analysis (if any) has run. */
  whenSettled(uri: string): Promise<void> | undefined {
    return this.pending.get(uri);
  }

  isPending(uri: string): boolean {
    return this.timers.has(uri);
  }

  /** Drops a pending run (the caller analyzed the document itself, or it closed). */
  cancel(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.settle(uri);
  }

  forget(uri: string): void {
    this.cancel(uri);
    this.lastEdit.delete(uri);
  }

  dispose(): void {
    for (const uri of [...this.timers.keys()]) this.cancel(uri);
  }

  private settle(uri: string): void {
    const pending = this.pending.get(uri);
    this.pending.delete(uri);
    pending?.resolve();
  }
}
