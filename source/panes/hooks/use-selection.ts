import { useRef } from 'react';
import { useLatestState } from './use-latest-state.js';

export interface Selection {
  /** The selected key, always one of `keys` while there are any. */
  key: string | undefined;
  index: number;
  /** Moves by `delta` rows, stopping at the ends. */
  move(delta: number): void;
  moveTo(index: number): void;
}

/**
 * The selected row, by key, so that it stays on the same task as rows come and go; when the
 * row itself goes (a replaced task), the selection stays at its place in the list.
 */
export function useSelection(keys: readonly string[]): Selection {
  const [chosen, setChosen, latestChosen] = useLatestState<string | undefined>(undefined);
  const lastIndex = useRef(0);
  const indexOf = (key: string | undefined) => {
    const found = key === undefined ? -1 : keys.indexOf(key);
    return found >= 0 ? found : Math.min(lastIndex.current, keys.length - 1);
  };
  const index = indexOf(chosen);
  lastIndex.current = Math.max(0, index);
  const moveTo = (target: number) => {
    if (!keys.length) return;
    const next = Math.min(Math.max(0, target), keys.length - 1);
    lastIndex.current = next;
    setChosen(keys[next]);
  };
  return {
    key: index >= 0 ? keys[index] : undefined,
    index,
    move: (delta) => moveTo(Math.max(0, indexOf(latestChosen())) + delta),
    moveTo,
  };
}
