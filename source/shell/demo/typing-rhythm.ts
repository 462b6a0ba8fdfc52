/**
 * How a person types a command: auto mode waits a little between keys, more or less around
 * the step's speed (characters per second) the way fingers do, and the same way on every
 * run of a seeded demo; present mode gives a few characters a key press.
 */

/** Characters typed per key press in present mode, at speed 1. */
const CHARACTERS_PER_PRESS = 3;

/** Keys come this much faster or slower than the speed, at most. */
const JITTER = 0.5;

/** A small seeded generator (mulberry32): the same seed, the same rhythm. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Milliseconds before each character of `text`, at `charactersPerSecond` times `speed`. */
export function keyDelays(text: string, charactersPerSecond: number, speed: number, random: () => number): number[] {
  const base = 1000 / (charactersPerSecond * speed);
  const chars = [...text];
  return chars.map((char, i) => {
    const jittered = base * (1 - JITTER + 2 * JITTER * random());
    // A beat after a word, as a typist takes before the next one.
    return chars[i - 1] === ' ' && char !== ' ' ? jittered * 1.5 : jittered;
  });
}

/** Characters a key press types in present mode. */
export function charactersPerPress(speed: number): number {
  return Math.max(1, Math.round(CHARACTERS_PER_PRESS * speed));
}
