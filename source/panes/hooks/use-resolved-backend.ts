import { useEffect, useState } from 'react';
import type { PaneBackend } from '../models/pane-api.js';

export interface ResolvedBackend {
  backend?: PaneBackend;
  /** Why the backend could not start, in one line. */
  error?: string;
}

/**
 * The backend, once it is up: the shell starts it after its first frame (and again after
 * `.backend`, `.profile` or `.region`, which change `key`), and a pane waits for it.
 */
export function useResolvedBackend(getBackend: () => Promise<PaneBackend>, key: string, enabled: boolean): ResolvedBackend {
  const [resolved, setResolved] = useState<ResolvedBackend & { key?: string }>({});
  useEffect(() => {
    if (!enabled) return;
    let current = true;
    getBackend().then(
      (backend) => current && setResolved({ backend, key }),
      (error: unknown) => current && setResolved({ error: error instanceof Error ? error.message.split('\n')[0] : String(error), key }),
    );
    return () => {
      current = false;
    };
    // getBackend is the session's, which `key` names: a new function each render must not restart this.
  }, [key, enabled]);
  return resolved.key === key ? resolved : {};
}
