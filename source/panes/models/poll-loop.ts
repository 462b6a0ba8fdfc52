import { backoffDelay, isThrottling } from './throttling.js';

export interface PollState<T> {
  /** The last data loaded; kept through failed polls so the pane does not go blank. */
  data?: T;
  /** The last poll's failure, in one line; none once a poll succeeds again. */
  error?: string;
  /** The last poll was throttled: the loop is backing off. */
  throttled: boolean;
  /** Until the next poll. */
  delayMs: number;
  /** Wall-clock time of the last successful poll. */
  updatedAt?: number;
}

type Listener<T> = (state: PollState<T>) => void;

/**
 * Loads a pane's data again and again: every `intervalMs`, doubling the wait while the API
 * throttles, and never starting a poll while the previous one is still out (a slow API gets
 * fewer polls, not a queue of them).
 */
export class PollLoop<T> {
  private current: PollState<T>;
  private readonly listeners = new Set<Listener<T>>();
  private inFlight: Promise<void> | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private throttledInARow = 0;

  constructor(
    private readonly load: () => Promise<T>,
    private intervalMs: number,
  ) {
    this.current = { throttled: false, delayMs: intervalMs };
  }

  get state(): PollState<T> {
    return this.current;
  }

  subscribe(listener: Listener<T>): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Polls now, then on schedule until stopped. */
  start(): void {
    if (this.running) return;
    this.running = true;
    void this.refresh();
  }

  stop(): void {
    this.running = false;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  setInterval(ms: number): void {
    this.intervalMs = ms;
    if (this.running && !this.inFlight) this.schedule();
  }

  /** Polls now (or joins the poll already out); the next one is timed from its end. */
  refresh(): Promise<void> {
    this.inFlight ??= this.poll().finally(() => {
      this.inFlight = undefined;
      if (this.running) this.schedule();
    });
    return this.inFlight;
  }

  private async poll(): Promise<void> {
    clearTimeout(this.timer);
    try {
      const data = await this.load();
      this.throttledInARow = 0;
      this.update({ data, throttled: false, delayMs: this.intervalMs, updatedAt: Date.now() });
    } catch (error) {
      const throttled = isThrottling(error);
      this.throttledInARow = throttled ? this.throttledInARow + 1 : 0;
      this.update({
        data: this.current.data,
        updatedAt: this.current.updatedAt,
        error: oneLine(error),
        throttled,
        delayMs: backoffDelay(this.intervalMs, this.throttledInARow),
      });
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), this.current.throttled ? this.current.delayMs : this.intervalMs);
    // A pane alone must not keep the process alive (a one-shot command, a test that forgot to stop it).
    this.timer.unref?.();
  }

  private update(next: PollState<T>): void {
    this.current = next;
    for (const listener of this.listeners) listener(next);
  }
}

function oneLine(error: unknown): string {
  if (error instanceof Error) {
    const text = error.message.split('\n')[0] ?? '';
    return error.name && error.name !== 'Error' ? `${error.name}: ${text}` : text;
  }
  return String(error);
}
