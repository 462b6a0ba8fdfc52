import type { SandboxSpec } from '../../demo/index.js';
import { Session } from '../session.js';

/** The sandboxes ecsh started seeded (a demo's, a lesson's), by their session. */
const specs = new WeakMap<Session, SandboxSpec>();

/**
 * A session on a fresh ephemeral sandbox with a script's seed, speed and region: what a demo
 * or a lesson plays on. The seed is remembered with the session, so that a recording made in
 * it says which sandbox it replays on.
 */
export function seededSession(spec: SandboxSpec): Session {
  const session = new Session({ backend: 'sandbox', ephemeral: true, seed: spec.seed, speed: spec.speed, ...(spec.region !== undefined ? { region: spec.region } : {}) });
  specs.set(session, spec);
  return session;
}

/** The seed and speed a session's sandbox was started with; undefined for any other session. */
export function seedOf(session: Session): { seed: number; speed: number } | undefined {
  const spec = specs.get(session);
  return spec ? { seed: spec.seed, speed: spec.speed } : undefined;
}
