import { useCallback, useRef, useState } from 'react';

/**
 * State whose latest value handlers can read at once: keys typed or pasted in one burst each
 * see the state the previous key left, not the one of the last render.
 */
export function useLatestState<T>(initial: T): [T, (next: T) => void, () => T] {
  const [value, setValue] = useState(initial);
  const latest = useRef(value);
  const set = useCallback((next: T) => {
    latest.current = next;
    setValue(next);
  }, []);
  const get = useCallback(() => latest.current, []);
  return [value, set, get];
}
