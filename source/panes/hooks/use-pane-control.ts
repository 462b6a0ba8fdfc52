import { useCallback, useRef, useState } from 'react';
import { functionKeyNumber, useKeyPress } from '../../terminal/index.js';
import { applyFunctionKey } from '../function-keys.js';
import { runPaneCommand, type PaneCommandResult } from '../pane-commands.js';
import type { PaneSettings } from '../pane-settings.js';

export interface PaneControl {
  settings: PaneSettings;
  /** `.pane ...` and `.layout ...`: the result to print, or undefined for any other line. */
  runCommand(line: string): PaneCommandResult | undefined;
}

/** The shell's pane settings: changed by the F-keys (bound here) and by the dot commands. */
export function usePaneControl(initial: PaneSettings): PaneControl {
  const [settings, setSettings] = useState(initial);
  const current = useRef(settings);
  current.current = settings;
  useKeyPress((key) => {
    const number = functionKeyNumber(key);
    const next = number === undefined ? undefined : applyFunctionKey(number, current.current);
    if (next) setSettings(next);
  });
  const runCommand = useCallback((line: string) => {
    const result = runPaneCommand(line, current.current);
    if (result?.ok) {
      current.current = result.settings;
      setSettings(result.settings);
    }
    return result;
  }, []);
  return { settings, runCommand };
}
