/** Keys held while a demo's or a lesson's sandbox starts, until the screen takes them. */
export interface HeldKeys {
  /** The screen is about to read the terminal: the keys held wait for it there, raw mode stays on. */
  handOver(): void;
  /** The terminal as it was (after the screen, or when it never came up). */
  release(): void;
}

const CTRL_C = 0x03;

/**
 * Puts the terminal in raw mode while a demo's or a lesson's sandbox starts, before Ink takes
 * it, as the shell's first frame does: keys pressed meanwhile (a presenter pressing on) are
 * not echoed by the terminal, which would push the screen down and leave a copy of its top
 * line above Ink's next frame, and are not lost: the screen reads them once it is up. Ctrl-C
 * still interrupts, as it would in the terminal's own mode.
 */
export function holdKeys(stdin: NodeJS.ReadStream = process.stdin): HeldKeys {
  if (!stdin.isTTY) return { handOver: () => undefined, release: () => undefined };
  const held: Buffer[] = [];
  let holding = true;
  // Read as Ink reads ('readable', not 'data'): a stream paused after flowing would not read for Ink again.
  const onReadable = () => {
    let chunk: Buffer | string | null;
    while ((chunk = stdin.read() as Buffer | string | null) !== null) {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (bytes.includes(CTRL_C)) {
        stop();
        stdin.setRawMode(false);
        process.kill(process.pid, 'SIGINT');
        return;
      }
      held.push(bytes);
    }
  };
  const stop = () => {
    if (!holding) return;
    holding = false;
    stdin.off('readable', onReadable);
  };
  stdin.setRawMode(true);
  stdin.on('readable', onReadable);
  return {
    handOver() {
      if (!holding) return;
      stop();
      // Back at the front of the stream, in the order typed, for the screen's first read.
      for (const chunk of held.reverse()) stdin.unshift(chunk);
    },
    release() {
      const unread = holding;
      stop();
      if (stdin.isTTY) stdin.setRawMode(false);
      // Nobody took the terminal over: it must not keep the process alive.
      if (unread) stdin.unref?.();
    },
  };
}
