import { useEffect, useState } from 'react';

export interface DeferredLoad<T> {
  value?: T;
  /** Why loading failed, in one line. */
  error?: string;
}

/**
 * Something the first frame does not need (the completion engine), loaded once that frame
 * is on screen, so that the prompt shows first and the loading happens while one reads it.
 */
export function useDeferredLoad<T>(load: () => Promise<T>): DeferredLoad<T> {
  const [state, setState] = useState<DeferredLoad<T>>({});
  useEffect(() => {
    let live = true;
    const timer = setImmediate(() => {
      load().then(
        (value) => live && setState({ value }),
        (error: unknown) => live && setState({ error: (error instanceof Error ? error.message : String(error)).replace(/\s*\n\s*/g, ' ') }),
      );
    });
    return () => {
      live = false;
      clearImmediate(timer);
    };
  }, [load]);
  return state;
}
