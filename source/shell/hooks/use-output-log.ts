import { useCallback, useState } from 'react';
import type { LogEntry } from '../output-lines.js';

/** Entries kept: older ones drop off, so a long session does not grow without bound. */
export const MAX_LOG_ENTRIES = 500;

export type NewEntry = Omit<LogEntry, 'id'>;

export interface OutputLogState {
  entries: readonly LogEntry[];
  /** Rows scrolled up from the bottom (0: following the newest output). */
  scroll: number;
  append(entries: readonly NewEntry[]): void;
  clear(): void;
  /** Scrolls by `rows` (up when positive), within 0..max. */
  scrollBy(rows: number, max: number): void;
}

let nextId = 1;

/** The output log: what was run and what came back. New output scrolls back to the bottom. */
export function useOutputLog(initial: readonly NewEntry[] = []): OutputLogState {
  const [entries, setEntries] = useState<readonly LogEntry[]>(() => initial.map((entry) => ({ ...entry, id: nextId++ })));
  const [scroll, setScroll] = useState(0);
  const append = useCallback((added: readonly NewEntry[]) => {
    if (added.length === 0) return;
    setEntries((current) => [...current, ...added.map((entry) => ({ ...entry, id: nextId++ }))].slice(-MAX_LOG_ENTRIES));
    setScroll(0);
  }, []);
  const clear = useCallback(() => {
    setEntries([]);
    setScroll(0);
  }, []);
  const scrollBy = useCallback((rows: number, max: number) => setScroll((current) => Math.max(0, Math.min(max, current + rows))), []);
  return { entries, scroll, append, clear, scrollBy };
}
