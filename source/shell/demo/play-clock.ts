/**
 * The time a demo is played in: its pauses (typing, reading, a marker) and the times of a
 * cast's events. On the terminal the pauses are real; rendering a cast off screen, they pass
 * at once and are only counted, so that `ecsh demo cast` takes as long as the commands take,
 * while the cast still shows a person's pace.
 */
export interface PlayClock {
  /** Milliseconds, only forward. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: PlayClock = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};

/** Real time a typist's pause still takes: enough for React and Ink to draw what came before it. */
const DRAW_MS = 1;
/** A pause this long or longer is for watching (an output, a chapter): it lets the live panes draw. */
const WATCHING_MS = 1000;
/** Real time a watching pause takes, at most. */
const WATCHED_MS = 300;

/**
 * Real time plus every pause, mostly skipped: a typist's pause only lets the screen draw what
 * came before it; a longer one gives the panes a moment to poll and draw.
 */
export function skippingClock(): PlayClock {
  let skipped = 0;
  return {
    now: () => performance.now() + skipped,
    sleep: (ms) => {
      const real = ms >= WATCHING_MS ? WATCHED_MS : DRAW_MS;
      skipped += Math.max(0, ms - real);
      return new Promise((resolve) => setTimeout(resolve, real));
    },
  };
}
