import type { Backend } from '../../api/index.js';
import { SETUP_TAG } from './cluster-setup.js';

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
  const iam = backend.iam;
  if (!iam) return { profile: name };
  // Loaded here: only --capability-iam on AWS needs the IAM package.
  const { AddRoleToInstanceProfileCommand, AttachRolePolicyCommand, CreateInstanceProfileCommand, CreateRoleCommand } = await import('@aws-sdk/client-iam');
  const existing = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (error) {
      if ((error as Error).name !== 'EntityAlreadyExists') throw error;
    }
  };
  await existing(iam.send(new CreateRoleCommand({ RoleName: name, AssumeRolePolicyDocument: ASSUME_ROLE, Tags: [{ Key: SETUP_TAG, Value: cluster }] })));
  await iam.send(new AttachRolePolicyCommand({ RoleName: name, PolicyArn: AGENT_POLICY }));
  await existing(iam.send(new CreateInstanceProfileCommand({ InstanceProfileName: name })));
  await existing(iam.send(new AddRoleToInstanceProfileCommand({ InstanceProfileName: name, RoleName: name })));
  return { profile: name, createdRole: name };
}

/** Undoes createInstanceRole on AWS (what is already gone is skipped). */
export async function deleteInstanceRole(backend: Backend, role: string): Promise<void> {
  const iam = backend.iam;
  if (!iam) return;
  const { DeleteInstanceProfileCommand, DeleteRoleCommand, DetachRolePolicyCommand, RemoveRoleFromInstanceProfileCommand } = await import('@aws-sdk/client-iam');
  const gone = async (call: Promise<unknown>) => {
    try {
      await call;
    } catch (error) {
      if ((error as Error).name !== 'NoSuchEntity') throw error;
    }
  };
  await gone(iam.send(new RemoveRoleFromInstanceProfileCommand({ InstanceProfileName: role, RoleName: role })));
  await gone(iam.send(new DeleteInstanceProfileCommand({ InstanceProfileName: role })));
  await gone(iam.send(new DetachRolePolicyCommand({ RoleName: role, PolicyArn: AGENT_POLICY })));
  await gone(iam.send(new DeleteRoleCommand({ RoleName: role })));
}
