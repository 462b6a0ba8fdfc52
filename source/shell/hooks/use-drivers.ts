import { useEffect, useMemo, useRef, useState } from 'react';
import type { DrivenScreen, ScreenDrivers, ShellDriver } from '../demo/shell-driver.js';
import type { KeyPress } from '../../terminal/index.js';
import type { LineOutcome } from '../shell-context.js';

/** What the screen lends its drivers; the same for each, but for its status and finish. */
export type ScreenHandles = Omit<DrivenScreen, 'setStatus' | 'finish'>;

export interface Drivers extends ScreenDrivers {
  /** The drivers' statuses, for the toolbar. */
  status: string | undefined;
  /** A key the person pressed: true when a driver took it (the prompt does not see it then). */
  takeKey(key: KeyPress): boolean;
  /** A line run from the prompt finished. */
  lineDone(line: string, outcome: LineOutcome): void;
}

/**
 * The demo players, lessons and recordings on the screen: started once the screen is up
 * (those given at start) or when a command adds one, stopped when the shell leaves. The
 * newest hears a key first.
 */
export function useDrivers(initial: readonly ShellDriver[], handles: ScreenHandles): Drivers {
  const latest = useRef(handles);
  latest.current = handles;
  const active = useRef<ShellDriver[]>([]);
  const [statuses, setStatuses] = useState<ReadonlyMap<ShellDriver, string>>(new Map());

  const drivers = useMemo(() => {
    const setStatus = (driver: ShellDriver, text: string | undefined) =>
      setStatuses((current) => {
        const next = new Map(current);
        if (text === undefined) next.delete(driver);
        else next.set(driver, text);
        return next;
      });
    const screenFor = (driver: ShellDriver): DrivenScreen => ({
      press: (input) => latest.current.press(input),
      submit: (line, shown) => latest.current.submit(line, shown),
      promptText: () => latest.current.promptText(),
      narrate: (kind, text) => latest.current.narrate(kind, text),
      runQuietly: (line) => latest.current.runQuietly(line),
      workIn: (directory) => latest.current.workIn(directory),
      tapOutput: (listener) => latest.current.tapOutput(listener),
      size: () => latest.current.size(),
      exit: () => latest.current.exit(),
      setStatus: (text) => setStatus(driver, text),
      finish: () => {
        active.current = active.current.filter((other) => other !== driver);
        setStatus(driver, undefined);
      },
    });
    return {
      add(driver: ShellDriver) {
        active.current = [...active.current, driver];
        driver.start(screenFor(driver));
      },
      find: (kind: ShellDriver['kind']) => active.current.findLast((driver) => driver.kind === kind),
      takeKey: (key: KeyPress) => [...active.current].reverse().some((driver) => driver.takeKey?.(key) ?? false),
      lineDone: (line: string, outcome: LineOutcome) => {
        for (const driver of [...active.current]) driver.lineDone?.(line, outcome);
      },
    };
  }, []);

  useEffect(() => {
    // After the first frame, so that a driver's first keys land on a prompt that is there.
    const timer = setImmediate(() => {
      for (const driver of initial) drivers.add(driver);
    });
    return () => {
      clearImmediate(timer);
      for (const driver of active.current) driver.stop?.();
      active.current = [];
    };
  }, []);

  const status = statuses.size > 0 ? [...statuses.values()].join(' · ') : undefined;
  return { ...drivers, status };
}
