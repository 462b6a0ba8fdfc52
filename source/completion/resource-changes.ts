// Which completion lists a successful command makes out of date, so that the next
// completion after `ecs create-cluster` already offers the new cluster.
import type { ServiceWord } from '../api/index.js';
import type { ListedKind } from './resource-cache.js';

// The ARNs offered for --resource-arn change with every taggable resource.
const TASK_DEFINITIONS: ListedKind[] = ['task-definition', 'task-definition-family', 'resource-arn'];

const CHANGES: Record<ServiceWord, Record<string, ListedKind[]>> = {
  ecs: {
    CreateCluster: ['cluster', 'resource-arn'],
    DeleteCluster: ['cluster', 'service', 'task', 'container-instance', 'resource-arn'],
    CreateService: ['service', 'task', 'resource-arn'],
    UpdateService: ['service', 'task', 'resource-arn'],
    DeleteService: ['service', 'task', 'resource-arn'],
    CreateTaskSet: ['task', 'resource-arn'],
    UpdateTaskSet: ['task', 'resource-arn'],
    DeleteTaskSet: ['task', 'resource-arn'],
    UpdateServicePrimaryTaskSet: ['task', 'resource-arn'],
    RunTask: ['task', 'resource-arn'],
    StartTask: ['task', 'resource-arn'],
    StopTask: ['task', 'resource-arn'],
    RegisterTaskDefinition: TASK_DEFINITIONS,
    DeregisterTaskDefinition: TASK_DEFINITIONS,
    DeleteTaskDefinitions: TASK_DEFINITIONS,
    RegisterContainerInstance: ['container-instance', 'resource-arn'],
    DeregisterContainerInstance: ['container-instance', 'task', 'resource-arn'],
    // Draining an instance moves its service tasks elsewhere.
    UpdateContainerInstancesState: ['task', 'resource-arn'],
    CreateCapacityProvider: ['capacity-provider', 'resource-arn'],
    DeleteCapacityProvider: ['capacity-provider', 'resource-arn'],
    PutClusterCapacityProviders: ['capacity-provider'],
  },
  ec2: {
    // Instances started from an ECS-optimized image join a cluster as container instances.
    RunInstances: ['ec2-instance', 'container-instance', 'resource-arn'],
    TerminateInstances: ['ec2-instance', 'container-instance', 'task', 'resource-arn'],
    StartInstances: ['ec2-instance'],
    StopInstances: ['ec2-instance', 'container-instance', 'task', 'resource-arn'],
    CreateImage: ['image'],
    RegisterImage: ['image'],
    CopyImage: ['image'],
    DeregisterImage: ['image'],
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
export function resourcesChangedBy(service: string, operation: string): readonly ListedKind[] {
  return (CHANGES as Record<string, Record<string, ListedKind[]> | undefined>)[service]?.[operation] ?? [];
}
