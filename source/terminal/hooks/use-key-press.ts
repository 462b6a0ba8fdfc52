import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { decodeKeys, type KeyPress } from '../key-press.js';

/**
 * Every key typed, decoded (function keys by name, a pasted line's Enter kept), whichever
 * component has focus. It listens where Ink's own useInput listens, to the input events Ink
 * cuts from stdin.
 */
export function useKeyPress(handler: (key: KeyPress) => void, isActive = true): void {
  const { setRawMode, isRawModeSupported, internal_eventEmitter: input } = useStdin();
  const latest = useRef(handler);
  latest.current = handler;

  // Ink reads the terminal only while some component holds raw mode, as useInput does.
  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);

  useEffect(() => {
    if (!isActive) return;
    const onInput = (data: string) => {
      for (const key of decodeKeys(data)) latest.current(key);
    };
    input.on('input', onInput);
    return () => {
      input.off('input', onInput);
    };
  }, [isActive, input]);
}
