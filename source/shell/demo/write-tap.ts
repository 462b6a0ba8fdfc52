/** A stream written to by Ink: the terminal, or an off-screen one. */
export interface WritableLike {
  write(chunk: string | Uint8Array, ...rest: unknown[]): boolean;
}

interface Tap {
  listeners: Set<(data: string) => void>;
  restore(): void;
}

const taps = new WeakMap<WritableLike, Tap>();

/**
 * Hears everything written to a stream, until the returned function is called: a recording
 * of the screen gets each frame as it goes to the terminal. The stream's own write is put
 * back once nothing listens any more.
 */
export function tapWrites(stream: WritableLike, listener: (data: string) => void): () => void {
  const tap = taps.get(stream) ?? install(stream);
  tap.listeners.add(listener);
  return () => {
    if (!tap.listeners.delete(listener) || tap.listeners.size > 0) return;
    taps.delete(stream);
    tap.restore();
  };
}

function install(stream: WritableLike): Tap {
  const listeners = new Set<(data: string) => void>();
  const hadOwnWrite = Object.hasOwn(stream, 'write');
  const original = stream.write;
  stream.write = (chunk: string | Uint8Array, ...rest: unknown[]) => {
    const data = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
    for (const hear of [...listeners]) hear(data);
    return original.call(stream, chunk, ...rest);
  };
  const tap: Tap = {
    listeners,
    restore: () => {
      if (hadOwnWrite) stream.write = original;
      else delete (stream as Partial<WritableLike>).write;
    },
  };
  taps.set(stream, tap);
  return tap;
}
