import {
  CreateServiceCommand,
  RegisterTaskDefinitionCommand,
  type CreateServiceCommandInput,
} from '@aws-sdk/client-ecs';
import type { PaneBackend } from '../../../source/panes/index.js';
import { clusterWithInstances as registerInstances } from '../../support/cluster-instances.js';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';

export const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

export interface PaneSandbox extends TestSandbox {
  /** A Backend over the sandbox's SDK clients: what the shell gives the panes. */
  backend: PaneBackend;
}

/** A sandbox on a manual clock, as the panes see it through a Backend. */
export async function startPaneSandbox(): Promise<PaneSandbox> {
  const t = await startTestSandbox();
  return Object.assign(t, { backend: { kind: 'sandbox' as const, ecs: t.ecs, endpoints: t.running.url } });
}

/** A cluster with one container instance per zone given (one in each of the three zones unless told). */
export function clusterWithInstances(t: Pick<TestSandbox, 'ecs'>, cluster: string, zones: readonly string[] = ZONES): Promise<string[]> {
  return registerInstances(t, cluster, zones);
}

export async function registerWeb(t: Pick<TestSandbox, 'ecs'>, family = 'web'): Promise<void> {
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family,
      containerDefinitions: [{ name: 'web', image: 'nginx', cpu: 256, memory: 256, portMappings: [{ containerPort: 80 }] }],
    }),
  );
}

/** A service spread over the zones, as the demo runs it. */
export async function spreadService(t: Pick<TestSandbox, 'ecs'>, cluster: string, serviceName: string, desiredCount: number, extra: Partial<CreateServiceCommandInput> = {}) {
  await t.ecs.send(
    new CreateServiceCommand({
      cluster,
      serviceName,
      taskDefinition: 'web',
      desiredCount,
      placementStrategy: [{ type: 'spread', field: 'attribute:ecs.availability-zone' }],
      ...extra,
    }),
  );
}
