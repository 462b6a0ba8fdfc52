/**
 * The sandbox's sense of time. Everything the simulated control plane does on its own
 * (boot delays, task transitions, deployments) reads this clock, never Date.now(), so
 * that `--speed` compresses time and tests can move it by hand.
 */
export interface Clock {
  /** Simulated epoch milliseconds. */
  now(): number;
  /** How many simulated milliseconds pass per real millisecond (0 for a manual clock). */
  readonly speed: number;
}

/** Real time scaled by `speed`, starting at `origin` (simulated epoch ms). */
export class ScaledClock implements Clock {
  private readonly realStart = Date.now();
  constructor(
    readonly speed = 1,
    private readonly origin = Date.now(),
  ) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);
  }
  now(): number {
    return Math.floor(this.origin + (Date.now() - this.realStart) * this.speed);
  }
}

/** A clock that moves only when told: for tests and deterministic playback. */
export class ManualClock implements Clock {
  readonly speed = 0;
  constructor(private current = Date.UTC(2026, 0, 1)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`cannot move the clock back (${ms} ms)`);
    this.current += ms;
  }
  set(ms: number): void {
    if (ms < this.current) throw new RangeError('cannot move the clock back');
    this.current = ms;
  }
}
