import type { Backend } from '../../api/index.js';
import { SETUP_TAG } from './cluster-setup.js';
import { EcsCliError } from './errors.js';
import { optionalClient, optionalSdk } from './optional-sdk.js';

/** What ecs-cli's template gives the instances with --capability-iam: the agent's managed policy. */
const AGENT_POLICY = 'arn:aws:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role';
const ASSUME_ROLE = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }],
});

function instanceRoleName(cluster: string): string {
  return `ecsh-${cluster}-ecs-instance`;
}

/**
 * `--capability-iam`: on AWS, a role with the agent's policy and an instance profile of the
 * same name (reused when they exist). The sandbox has no IAM: its instances simply carry the
 * profile's name. Returns the profile name, and the role made (for `down`) when one was.
 */
export async function createInstanceRole(backend: Backend, cluster: string): Promise<{ profile: string; createdRole?: string }> {
  const name = instanceRoleName(cluster);
  if (backend.kind === 'sandbox') return { profile: name };
  const iam = requireIam();
  const client = optionalClient(iam, 'IAMClient', backend);
  const existing = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (error) {
      if ((error as Error).name !== 'EntityAlreadyExists') throw error;
    }
  };
  try {
    await existing(client.send(new iam.CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: ASSUME_ROLE, Tags: [{ Key: SETUP_TAG, Value: cluster }] })));
    await client.send(new iam.AttachRolePolicyCommand({ RoleName: name, PolicyArn: AGENT_POLICY }));
    await existing(client.send(new iam.CreateInstanceProfileCommand({ InstanceProfileName: name })));
    await existing(client.send(new iam.AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name })));
    return { profile: name, createdRole: name };
  } finally {
    client.destroy();
  }
}

/** Undoes createInstanceRole on AWS (what is already gone is skipped). */
export async function deleteInstanceRole(backend: Backend, role: string): Promise<void> {
  if (backend.kind === 'sandbox') return;
  const iam = requireIam();
  const client = optionalClient(iam, 'IAMClient', backend);
  const gone = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (error) {
      if ((error as Error).name !== 'NoSuchEntity') throw error;
    }
  };
  try {
    await gone(client.send(new iam.RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: role, RoleName: role })));
    await gone(client.send(new iam.DeleteInstanceProfileCommand({ InstanceProfileName: role })));
    await gone(client.send(new iam.DetachRolePolicyCommand({ RoleName: role, PolicyArn: AGENT_POLICY })));
    await gone(client.send(new iam.DeleteRoleCommand({ RoleName: role })));
  } finally {
    client.destroy();
  }
}

/** On AWS, --capability-iam needs the IAM client: checked before anything is made. */
export function requireIam(): Record<string, any> {
  const iam = optionalSdk('@aws-sdk/client-iam');
  if (!iam) {
    throw new EcsCliError(
      'on AWS, --capability-iam needs @aws-sdk/client-iam, which is not installed: pass --instance-role NAME (an instance profile with AmazonEC2ContainerServiceforEC2Role, such as ecsInstanceRole)',
    );
  }
  return iam;
}
