/**
 * Seeded randomness for the sandbox (ids, start-up delays, random placement), so that a
 * seed replays the same cluster. sfc32: small, fast, and its state fits in four numbers
 * that are saved with the sandbox's state.
 */
export type RandomState = [number, number, number, number];

export class Random {
  private s: RandomState;

  constructor(seedOrState: number | RandomState = Date.now()) {
    if (Array.isArray(seedOrState)) {
      this.s = [...seedOrState] as RandomState;
    } else {
      const seed = seedOrState >>> 0;
      this.s = [0x9e3779b9, 0x243f6a88, 0xb7e15162, seed];
      for (let i = 0; i < 15; i++) this.next();
    }
  }

  get state(): RandomState {
    return [...this.s] as RandomState;
  }

  /** A 32-bit unsigned integer. */
  nextUint32(): number {
    let [a, b, c, d] = this.s;
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) >>> 0;
    this.s = [a, b, c, d];
    return t;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('cannot pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** Log-normal with the given median and 99th percentile: how ECS's start-up times are shaped. */
  logNormal(median: number, p99: number): number {
    const sigma = Math.log(p99 / median) / 2.3263;
    return median * Math.exp(sigma * this.normal());
  }

  hex(length: number): string {
    let out = '';
    while (out.length < length) out += this.nextUint32().toString(16).padStart(8, '0');
    return out.slice(0, length);
  }

  /** A version 4 UUID. */
  uuid(): string {
    const h = this.hex(32).split('');
    h[12] = '4';
    h[16] = '89ab'[parseInt(h[16]!, 16) & 3]!;
    const s = h.join('');
    return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
  }
}
