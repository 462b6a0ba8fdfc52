/**
 * The records the sandbox keeps. Shapes follow the ECS and EC2 APIs (same field names),
 * with times as simulated epoch milliseconds; the protocol layer renders them on the wire.
 * EC2's records are in model-ec2.ts and model-network.ts, re-exported at the end.
 * Fields starting with an underscore are the sandbox's own bookkeeping and never rendered.
 */
export interface Tag {
  key: string;
  value: string;
}

export interface NameValue {
  name: string;
  value?: string;
}

export interface Attribute {
  name: string;
  value?: string;
  targetType?: string;
  targetId?: string;
}

/** A container instance's resource, as ECS reports it (CPU, MEMORY, PORTS, PORTS_UDP). */
export interface InstanceResource {
  name: string;
  type: 'INTEGER' | 'STRINGSET' | 'DOUBLE' | 'LONG';
  integerValue?: number;
  doubleValue?: number;
  longValue?: number;
  stringSetValue?: string[];
}

/** What a task reserves on its instance. Ports are host ports. */
export interface Reservation {
  cpu: number;
  memory: number;
  ports: number[];
  portsUdp: number[];
}

export interface ClusterRecord {
  clusterArn: string;
  clusterName: string;
  region: string;
  status: 'ACTIVE' | 'INACTIVE' | 'PROVISIONING' | 'DEPROVISIONING' | 'FAILED';
  settings: NameValue[];
  configuration?: Record<string, unknown>;
  serviceConnectDefaults?: { namespace: string };
  capacityProviders: string[];
  defaultCapacityProviderStrategy: CapacityProviderStrategyItem[];
  tags: Tag[];
  createdAt: number;
  /** What ECS set up for the cluster's Auto Scaling group providers (scaling policies, draining hooks). */
  attachments?: ClusterAttachment[];
  attachmentsStatus?: 'UPDATE_IN_PROGRESS' | 'UPDATE_COMPLETE' | 'UPDATE_FAILED';
  /** When the attachment update in progress completes. */
  _attachmentsDueAt?: number;
}

export interface ClusterAttachment {
  id: string;
  type: 'as_policy' | 'managed_draining';
  status: 'PRECREATED' | 'CREATED' | 'DELETING';
  details: NameValue[];
}

export interface CapacityProviderStrategyItem {
  capacityProvider: string;
  weight?: number;
  base?: number;
}

export interface ContainerInstanceRecord {
  containerInstanceArn: string;
  id: string;
  clusterArn: string;
  region: string;
  ec2InstanceId?: string;
  capacityProviderName?: string;
  version: number;
  versionInfo: { agentVersion: string; agentHash: string; dockerVersion: string };
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE' | 'REGISTERING' | 'DEREGISTERING' | 'REGISTRATION_FAILED';
  statusReason?: string;
  agentConnected: boolean;
  agentUpdateStatus?: string;
  registeredResources: InstanceResource[];
  /** Registered totals, kept structured for the scheduler. */
  _registered: Reservation;
  /** What is left after every task on the instance that is not STOPPED. */
  _remaining: Reservation;
  attributes: Attribute[];
  tags: Tag[];
  registeredAt: number;
  /** How many tasks are on it, by status bucket (kept exact for describe). */
  runningTasksCount: number;
  pendingTasksCount: number;
}

export interface ContainerDefinition {
  name: string;
  image: string;
  cpu?: number;
  memory?: number;
  memoryReservation?: number;
  essential?: boolean;
  portMappings?: PortMapping[];
  links?: string[];
  command?: string[];
  entryPoint?: string[];
  environment?: NameValue[];
  mountPoints?: Array<{ sourceVolume?: string; containerPath?: string; readOnly?: boolean }>;
  volumesFrom?: Array<{ sourceContainer?: string; readOnly?: boolean }>;
  dependsOn?: Array<{ containerName: string; condition: string }>;
  [key: string]: unknown;
}

export interface PortMapping {
  containerPort?: number;
  hostPort?: number;
  protocol?: 'tcp' | 'udp';
  name?: string;
  appProtocol?: string;
  containerPortRange?: string;
}

export interface TaskDefinitionRecord {
  taskDefinitionArn: string;
  family: string;
  revision: number;
  region: string;
  containerDefinitions: ContainerDefinition[];
  status: 'ACTIVE' | 'INACTIVE' | 'DELETE_IN_PROGRESS';
  networkMode?: string;
  volumes: unknown[];
  placementConstraints: unknown[];
  requiresAttributes: Attribute[];
  compatibilities: string[];
  requiresCompatibilities?: string[];
  cpu?: string;
  memory?: string;
  registeredAt: number;
  deregisteredAt?: number;
  deleteRequestedAt?: number;
  registeredBy: string;
  tags: Tag[];
  /** Every other field of RegisterTaskDefinition, kept as given. */
  [key: string]: unknown;
}

export interface NetworkBinding {
  bindIP: string;
  containerPort: number;
  hostPort: number;
  protocol: 'tcp' | 'udp';
}

export interface ContainerRecord {
  containerArn: string;
  taskArn: string;
  name: string;
  image: string;
  runtimeId?: string;
  lastStatus: string;
  exitCode?: number;
  reason?: string;
  networkBindings: NetworkBinding[];
  networkInterfaces: unknown[];
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  cpu?: string;
  memory?: string;
  memoryReservation?: string;
  essential: boolean;
}

export type TaskStatus =
  | 'PROVISIONING'
  | 'PENDING'
  | 'ACTIVATING'
  | 'RUNNING'
  | 'DEACTIVATING'
  | 'STOPPING'
  | 'DEPROVISIONING'
  | 'STOPPED'
  | 'DELETED';

export interface TaskRecord {
  taskArn: string;
  id: string;
  clusterArn: string;
  region: string;
  taskDefinitionArn: string;
  containerInstanceArn?: string;
  launchType: 'EC2' | 'FARGATE' | 'EXTERNAL';
  capacityProviderName?: string;
  group: string;
  startedBy?: string;
  lastStatus: TaskStatus;
  desiredStatus: 'RUNNING' | 'STOPPED';
  cpu?: string;
  memory?: string;
  containers: ContainerRecord[];
  overrides: Record<string, unknown>;
  attachments: unknown[];
  attributes: Attribute[];
  availabilityZone?: string;
  connectivity?: 'CONNECTED' | 'DISCONNECTED';
  connectivityAt?: number;
  createdAt: number;
  pullStartedAt?: number;
  pullStoppedAt?: number;
  startedAt?: number;
  stoppingAt?: number;
  stoppedAt?: number;
  executionStoppedAt?: number;
  stopCode?: string;
  stoppedReason?: string;
  healthStatus: 'HEALTHY' | 'UNHEALTHY' | 'UNKNOWN';
  enableExecuteCommand: boolean;
  platformVersion?: string;
  platformFamily?: string;
  /** Fargate: the task's ephemeral storage (20 GiB unless its definition or overrides say more). */
  ephemeralStorage?: { sizeInGiB: number };
  tags: Tag[];
  version: number;
  protection?: { protectionEnabled: boolean; expirationDate?: number };
  /** Resources held on the container instance while the task is not STOPPED. */
  _reservation: Reservation;
  /** The service deployment or task set that started it. */
  _deploymentId?: string;
  /** The service that owns it, for the service controller. */
  _serviceArn?: string;
  /** Behind a load balancer: whether all its targets are healthy there (unset when it has none). */
  _loadBalancerHealthy?: boolean;
  /** Transitions still to come on the simulated clock, in time order (lifecycle jobs run them). */
  _steps: TaskStep[];
}

/** One transition of a task's lifecycle: a new lastStatus, or the image pull starting or ending. */
export interface TaskStep {
  at: number;
  to: TaskStatus | 'PULL_STARTED' | 'PULL_STOPPED';
}

export interface DeploymentRecord {
  id: string;
  status: 'PRIMARY' | 'ACTIVE' | 'INACTIVE';
  taskDefinition: string;
  desiredCount: number;
  pendingCount: number;
  runningCount: number;
  failedTasks: number;
  createdAt: number;
  updatedAt: number;
  launchType?: string;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  networkConfiguration?: unknown;
  rolloutState: 'COMPLETED' | 'FAILED' | 'IN_PROGRESS';
  rolloutStateReason: string;
  /** The ServiceDeployment ARN (ListServiceDeployments). */
  _serviceDeploymentArn?: string;
  /** The service revision it deploys (DescribeServiceRevisions). */
  _serviceRevisionArn?: string;
}

export interface ServiceEvent {
  id: string;
  createdAt: number;
  message: string;
}

export interface ServiceRecord {
  serviceArn: string;
  serviceName: string;
  clusterArn: string;
  region: string;
  status: 'ACTIVE' | 'DRAINING' | 'INACTIVE';
  taskDefinition?: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
  launchType?: string;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  schedulingStrategy: 'REPLICA' | 'DAEMON';
  deploymentController: { type: 'ECS' | 'CODE_DEPLOY' | 'EXTERNAL' };
  deploymentConfiguration: {
    maximumPercent: number;
    minimumHealthyPercent: number;
    deploymentCircuitBreaker?: { enable: boolean; rollback: boolean };
    [key: string]: unknown;
  };
  loadBalancers: Array<{ targetGroupArn?: string; loadBalancerName?: string; containerName?: string; containerPort?: number }>;
  serviceRegistries: unknown[];
  placementConstraints: Array<{ type: string; expression?: string }>;
  placementStrategy: Array<{ type: string; field?: string }>;
  networkConfiguration?: unknown;
  healthCheckGracePeriodSeconds?: number;
  deployments: DeploymentRecord[];
  taskSets: string[];
  events: ServiceEvent[];
  roleArn?: string;
  createdAt: number;
  createdBy: string;
  enableECSManagedTags: boolean;
  propagateTags: string;
  enableExecuteCommand: boolean;
  availabilityZoneRebalancing?: string;
  tags: Tag[];
  platformFamily?: string;
  serviceConnectConfiguration?: { enabled?: boolean; namespace?: string; [key: string]: unknown };
  volumeConfigurations?: unknown[];
  /** Last time the steady-state event was written, to write it at most every 6 hours as ECS does. */
  _steadySince?: number;
  /** The last warning event (placement failure, stuck deployment): not repeated for 6 hours unless resolved. */
  _warning?: { message: string; at: number };
  /** Tasks it launched that were not yet seen STOPPED (all deployments and task sets). */
  _taskArns: string[];
  /** When its next periodic check is due, so that checks do not pile up on the agenda. */
  _nextCheckAt?: number;
  /** The newest service deployment (currentServiceDeployment). */
  _currentServiceDeploymentArn?: string;
  /** The revision of the last deployment that completed: what a rollback returns to. */
  _lastCompletedRevisionArn?: string;
}

export interface TaskSetRecord {
  id: string;
  taskSetArn: string;
  serviceArn: string;
  clusterArn: string;
  region: string;
  externalId?: string;
  status: 'PRIMARY' | 'ACTIVE' | 'DRAINING';
  taskDefinition: string;
  computedDesiredCount: number;
  pendingCount: number;
  runningCount: number;
  createdAt: number;
  updatedAt: number;
  launchType?: string;
  capacityProviderStrategy?: CapacityProviderStrategyItem[];
  platformVersion?: string;
  networkConfiguration?: unknown;
  loadBalancers: unknown[];
  serviceRegistries: unknown[];
  scale: { value: number; unit: 'PERCENT' };
  stabilityStatus: 'STEADY_STATE' | 'STABILIZING';
  stabilityStatusAt: number;
  startedBy?: string;
  tags: Tag[];
}

export interface CapacityProviderRecord {
  capacityProviderArn: string;
  name: string;
  region: string;
  status: 'ACTIVE' | 'INACTIVE';
  autoScalingGroupProvider?: AutoScalingGroupProvider;
  updateStatus?: string;
  updateStatusReason?: string;
  tags: Tag[];
  /** The configuration an UpdateCapacityProvider in progress will apply when it completes. */
  _pendingUpdate?: AutoScalingGroupProvider;
}

export interface AutoScalingGroupProvider {
  autoScalingGroupArn: string;
  managedScaling: {
    status: 'ENABLED' | 'DISABLED';
    targetCapacity: number;
    minimumScalingStepSize: number;
    maximumScalingStepSize: number;
    instanceWarmupPeriod: number;
  };
  managedTerminationProtection: 'ENABLED' | 'DISABLED';
  managedDraining: 'ENABLED' | 'DISABLED';
}

export interface AccountSettingRecord {
  name: string;
  value: string;
  principalArn: string;
  type?: 'user' | 'aws_managed';
}

export type {
  Ec2InstanceRecord,
  Ec2InstanceStateName,
  InternetGatewayRecord,
  SecurityGroupRecord,
  SecurityGroupRule,
  SubnetRecord,
  VpcRecord,
} from './model-ec2.js';
export type { NetworkInterfaceAttachmentRecord, NetworkInterfaceRecord, NetworkInterfaceStatus } from './model-network.js';
