import type { EC2Client } from '@aws-sdk/client-ec2';
import type { ECSClient } from '@aws-sdk/client-ecs';
import type { ElasticLoadBalancingClient } from '@aws-sdk/client-elastic-load-balancing';
import type { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';

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
  /** The sandbox's base URL, where `GET /_ecsh/endpoints` lists what can be reached; none on AWS. */
  endpoints?: string;
  close(): Promise<void>;
}

/** The services a Backend has a client for, by the word typed in the shell. */
export type ServiceWord = 'ecs' | 'ec2' | 'elb' | 'elbv2';

/** A backend that cannot start: the message says what to change. */
export class BackendError extends Error {
  override readonly name = 'BackendError';
}
