// Which completion lists a successful command makes out of date, so that the next
// completion after `ecs create-cluster` already offers the new cluster.
import type { ServiceWord } from '../api/index.js';
import type { ResourceKind } from '../commands/index.js';

const TASK_DEFINITIONS: ResourceKind[] = ['task-definition', 'task-definition-family'];

const CHANGES: Record<ServiceWord, Record<string, ResourceKind[]>> = {
  ecs: {
    CreateCluster: ['cluster'],
    DeleteCluster: ['cluster', 'service', 'task', 'container-instance'],
    CreateService: ['service', 'task'],
    UpdateService: ['service', 'task'],
    DeleteService: ['service', 'task'],
    CreateTaskSet: ['task'],
    UpdateTaskSet: ['task'],
    DeleteTaskSet: ['task'],
    UpdateServicePrimaryTaskSet: ['task'],
    RunTask: ['task'],
    StartTask: ['task'],
    StopTask: ['task'],
    RegisterTaskDefinition: TASK_DEFINITIONS,
    DeregisterTaskDefinition: TASK_DEFINITIONS,
    DeleteTaskDefinitions: TASK_DEFINITIONS,
    RegisterContainerInstance: ['container-instance'],
    DeregisterContainerInstance: ['container-instance', 'task'],
    // Draining an instance moves its service tasks elsewhere.
    UpdateContainerInstancesState: ['task'],
    CreateCapacityProvider: ['capacity-provider'],
    DeleteCapacityProvider: ['capacity-provider'],
    PutClusterCapacityProviders: ['capacity-provider'],
  },
  ec2: {
    // Instances started from an ECS-optimized image join a cluster as container instances.
    RunInstances: ['ec2-instance', 'container-instance'],
    TerminateInstances: ['ec2-instance', 'container-instance', 'task'],
    StartInstances: ['ec2-instance'],
    StopInstances: ['ec2-instance', 'container-instance', 'task'],
    CreateKeyPair: ['key-pair'],
    ImportKeyPair: ['key-pair'],
    DeleteKeyPair: ['key-pair'],
    CreateSecurityGroup: ['security-group'],
    DeleteSecurityGroup: ['security-group'],
    CreateSubnet: ['subnet'],
    DeleteSubnet: ['subnet'],
    CreateVpc: ['vpc', 'security-group'],
    DeleteVpc: ['vpc', 'security-group', 'subnet'],
    CreateDefaultVpc: ['vpc', 'subnet', 'security-group'],
    CreateDefaultSubnet: ['subnet'],
  },
  elb: {},
  elbv2: {},
};

/** The resource kinds that `operation` (the API name, e.g. CreateCluster) of `service` changes. */
export function resourcesChangedBy(service: string, operation: string): readonly ResourceKind[] {
  return (CHANGES as Record<string, Record<string, ResourceKind[]> | undefined>)[service]?.[operation] ?? [];
}
