import type { SessionState } from './session.js';

/** The prompt as typed lines are echoed in the log: `sandbox [demo]> `. */
export function promptText(state: Pick<SessionState, 'label' | 'cluster'>): string {
  return `${state.label}${state.cluster ? ` [${state.cluster}]` : ''}> `;
}
