import type { Backend } from './backend.js';
import type { LazyClients } from './sdk-modules.js';

type BackendFields = Pick<Backend, 'kind' | 'label' | 'region' | 'profile' | 'endpoints'>;

/** A Backend over lazily made clients; close() closes the clients, then whatever else it owns. */
export function backendOf(fields: BackendFields, clients: LazyClients, closeOwned?: () => Promise<void>): Backend {
  let closed = false;
  return {
    ...fields,
    get ecs() {
      return clients.ecs;
    },
    get ec2() {
      return clients.ec2;
    },
    get elb() {
      return clients.elb;
    },
    get elbv2() {
      return clients.elbv2;
    },
    // SSM and IAM are AWS's alone: a sandbox Backend has neither, so callers take its own way.
    get ssm() {
      return fields.kind === 'aws' ? clients.ssm : undefined;
    },
    get iam() {
      return fields.kind === 'aws' ? clients.iam : undefined;
    },
    async close() {
      if (closed) return;
      closed = true;
      clients.destroy();
      await closeOwned?.();
    },
  };
}
