/**
 * The time the cluster's timestamps are in, for ages ("started 12s ago"). On AWS that is the
 * wall clock. A sandbox runs on its own clock (sped up with --speed, or moved by hand in tests
 * and demos), which it tells at `/_ecsh/clock`: read at each poll and carried forward at its speed.
 */
export class ServerClock {
  private base: { at: number; realAt: number; speed: number } | undefined;
  private unsupported = false;

  constructor(private readonly endpoints: string | undefined) {}

  now(): number {
    if (!this.base) return Date.now();
    return Math.floor(this.base.at + (Date.now() - this.base.realAt) * this.base.speed);
  }

  async sync(): Promise<void> {
    if (this.endpoints === undefined || this.unsupported) return;
    try {
      const response = await fetch(`${this.endpoints}/_ecsh/clock`, { signal: AbortSignal.timeout(2_000) });
      if (!response.ok) {
        // An ECS-compatible endpoint that is not ecsh's sandbox: its timestamps are wall-clock ones.
        this.unsupported = response.status === 404;
        return;
      }
      const body = (await response.json()) as { now?: unknown; speed?: unknown };
      if (typeof body.now !== 'number') return;
      this.base = { at: body.now, realAt: Date.now(), speed: typeof body.speed === 'number' ? body.speed : 1 };
    } catch {
      // Keep the last reading: ages drift a little until the next poll reaches the sandbox.
    }
  }
}
