import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import type { IAMClient } from '@aws-sdk/client-iam';
import type { SSMClient } from '@aws-sdk/client-ssm';

/**
 * Where commands go: the sandbox (in-process or at an endpoint URL) or real AWS. Either way
 * the same SDK clients, so every command behaves the same on both.
 */
export interface Backend {
  kind: 'sandbox' | 'aws';
  /** What the prompt shows: `sandbox`, `endpoint:HOST:PORT` or `aws:PROFILE@REGION`. */
  label: string;
  region: string;
  profile?: string;
  ecs: ECSClient;
  ec2: EC2Client;
  elb: ElasticLoadBalancingClient;
  elbv2: ElasticLoadBalancingV2Client;
  /** AWS only (ecs-cli up reads the ECS-optimized image's parameter): the sandbox simulates no SSM. */
  ssm?: SSMClient;
  /** AWS only (ecs-cli up --capability-iam makes the instances' role): the sandbox simulates no IAM. */
  iam?: IAMClient;
  /** The sandbox's base URL, where `GET /_ecsh/endpoints` lists what can be reached; none on AWS. */
  endpoints?: string;
  /** What runs the in-process sandbox's tasks, and the switch to another runtime; none on AWS or at an endpoint URL. */
  runtime?: SandboxRuntime;
  close(): Promise<void>;
}

/** What can run the in-process sandbox's tasks: in-process stand-ins of the images, or containers on the local Docker engine. */
export type RuntimeName = 'virtual' | 'docker';

export interface RuntimeState {
  /** What runs tasks now: the virtual runtime stands in when Docker was asked for and no engine answered. */
  kind: RuntimeName | 'none';
  /** What was asked for (--runtime or .runtime). */
  asked: RuntimeName;
  /** Where the Docker engine is looked for: DOCKER_HOST, else the local socket. */
  dockerEngine: string;
}

export interface RuntimeChange extends RuntimeState {
  /** It ran on that runtime already, or Docker's engine did not answer: nothing changed. */
  unchanged: boolean;
  /** Why Docker's engine did not answer, and how to start one, in one line. */
  noEngine?: string;
  /** The tasks that were up on the runtime replaced (on Docker they stop and services replace them; on the virtual runtime they run again). */
  tasksUp: number;
}

export interface SandboxRuntime {
  state(): RuntimeState;
  /** Moves the sandbox, with its state, to the `kind` runtime. */
  switchTo(kind: RuntimeName): Promise<RuntimeChange>;
}

/** The services a Backend has a client for, by the word typed in the shell. */
export type ServiceWord = 'ecs' | 'ec2' | 'elb' | 'elbv2';

/** A backend that cannot start: the message says what to change. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
}
