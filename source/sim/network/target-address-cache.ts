import type { Sandbox } from '../sandbox.js';
import { resolveTarget, type TargetAddress } from './lb-targets.js';

/** What moves a target's address: tasks and instances coming and going, listeners and published ports changing. */
const CHANGES = ['task', 'instance', 'elb', 'target-health', 'endpoint-change'] as const;

/**
 * Where the load balancers' targets answer, remembered until the network changes. Finding a
 * target scans the tasks and the published endpoints; a proxy asking on every request would
 * spend more time there than forwarding.
 */
export function targetAddressCache(sb: Sandbox): { resolve(type: 'instance' | 'ip', id: string, port: number): TargetAddress | undefined; close(): void } {
  const known = new Map<string, TargetAddress | undefined>();
  const forget = () => known.clear();
  for (const change of CHANGES) sb.events.on(change, forget);
  return {
    resolve(type, id, port) {
      const key = `${type}|${id}|${port}`;
      if (known.has(key)) return known.get(key);
      const address = resolveTarget(sb, type, id, port);
      known.set(key, address);
      return address;
    },
    close() {
      for (const change of CHANGES) sb.events.off(change, forget);
      known.clear();
    },
  };
}
