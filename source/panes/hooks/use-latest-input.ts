import { useInput, type Key } from 'ink';
import { useCallback, useRef } from 'react';

/**
 * useInput with a handler that always sees the latest render: the listener stays registered
 * once (not again on every frame), and a key that arrives before React has run the effects of
 * the last render is not handled with that render's predecessor's data. Typed text arriving in
 * one piece is handled a character at a time.
 */
export function useLatestInput(handler: (input: string, key: Key) => void, isActive: boolean): void {
  const latest = useRef(handler);
  latest.current = handler;
  const stable = useCallback((input: string, key: Key) => {
    // A paste, or keys a fast sender (tmux) wrote at once, arrive as one string: each is a key.
    if (input.length > 1 && !key.ctrl && !key.meta) for (const char of input) latest.current(...asKey(char, key));
    else latest.current(input, key);
  }, []);
  useInput(stable, { isActive });
}

/** A character of a chunk as useInput would report it alone: Enter, Tab and Backspace are keys, not text. */
function asKey(char: string, key: Key): [string, Key] {
  if (char === '\r' || char === '\n') return ['', { ...key, return: true }];
  if (char === '\t') return ['', { ...key, tab: true }];
  if (char === '\u007f' || char === '\b') return ['', { ...key, backspace: true }];
  return [char, key];
}
