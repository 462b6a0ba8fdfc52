import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { PaneApi } from '../models/pane-api.js';
import type { PaneScope } from '../models/pane-scope.js';
import { PollLoop, type PollState } from '../models/poll-loop.js';
import { PANE_DEFINITIONS } from '../pane-definitions.js';
import type { PaneKind } from '../pane-settings.js';

export interface PaneData {
  state: PollState<unknown>;
  /** Polls now (after an action, or on `r`). */
  refresh(): Promise<void>;
}

/** A pane's data, polled while the pane is shown; a new kind or scope starts a new loop. */
export function usePaneData(kind: PaneKind, api: PaneApi, scope: PaneScope, refreshMs: number): PaneData {
  const { cluster, service } = scope;
  const loop = useMemo(() => {
    const definition = PANE_DEFINITIONS[kind];
    const fixed = { cluster, service };
    let last: unknown;
    return new PollLoop(async () => (last = await definition.load(api, fixed, last)), refreshMs);
    // refreshMs changes the running loop's interval below rather than starting a new loop.
  }, [kind, api, cluster, service]);
  useEffect(() => {
    loop.start();
    return () => loop.stop();
  }, [loop]);
  useEffect(() => loop.setInterval(refreshMs), [loop, refreshMs]);
  const state = useSyncExternalStore(
    (onChange) => loop.subscribe(onChange),
    () => loop.state,
  );
  return { state, refresh: () => loop.refresh() };
}
