import { useEffect, useState } from 'react';
import type { Session, SessionState } from '../session.js';

/** The session's label, region and cluster, redrawn when a dot command or the backend changes them. */
export function useSessionState(session: Session): SessionState {
  const [state, setState] = useState(session.state);
  useEffect(() => {
    setState(session.state);
    return session.subscribe(setState);
  }, [session]);
  return state;
}
