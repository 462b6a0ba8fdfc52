import { useStdin } from 'ink';
import { useEffect, useRef } from 'react';
import { functionKeyOf } from '../function-keys.js';

/** Calls `onKey(n)` for Fn, whichever component has focus (useInput reports no F-keys). */
export function useFunctionKeys(onKey: (key: number) => void, isActive = true): void {
  const { internal_eventEmitter: input, setRawMode, isRawModeSupported } = useStdin();
  const handler = useRef(onKey);
  handler.current = onKey;
  // Ink reads the terminal only while some component holds raw mode, as useInput does.
  useEffect(() => {
    if (!isActive || !isRawModeSupported) return;
    setRawMode(true);
    return () => setRawMode(false);
  }, [isActive, isRawModeSupported, setRawMode]);
  useEffect(() => {
    if (!isActive) return;
    const listener = (data: string) => {
      const key = functionKeyOf(data);
      if (key !== undefined) handler.current(key);
    };
    input.on('input', listener);
    return () => {
      input.off('input', listener);
    };
  }, [input, isActive]);
}
