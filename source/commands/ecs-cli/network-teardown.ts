import { DeleteInternetGatewayCommand, DeleteSecurityGroupCommand, DeleteSubnetCommand, DeleteVpcCommand, DetachInternetGatewayCommand } from '@aws-sdk/client-ec2';
import type { Setup } from './cluster-setup.js';
import type { EcsCliContext } from './context.js';
import { EcsCliError } from './errors.js';
import type { VerbLog } from './log.js';
import { holdersText, networkHolders } from './network-holders.js';
import type { Target } from './target.js';
import { minutes, pollUntil } from './waits.js';

/**
 * How long EC2 gets to let go of a security group or subnet after the instances that used it
 * terminated (their interfaces linger a little). Past it, something else holds the resource,
 * and down fails as CloudFormation's DELETE_FAILED does, instead of waiting on.
 */
const IN_USE_WAIT_MS = 5 * 60_000;
const IN_USE_POLL_MS = 5000;

interface Teardown {
  target: Target;
  setup: Setup;
  context: EcsCliContext;
  log: VerbLog;
  /** The line to run again once what holds the network is gone. */
  again: string;
}

/** Deletes a set-up's network once its instances are gone: security groups, gateways, subnets, VPCs. */
export async function deleteNetwork(target: Target, setup: Setup, context: EcsCliContext, log: VerbLog, again: string): Promise<void> {
  const { ec2 } = target.backend;
  const whenFree = (what: string, call: () => Promise<unknown>) => deleteWhenFree({ target, setup, context, log, again }, what, call);
  for (const groupId of setup.securityGroupIds) {
    await whenFree(`security group ${groupId}`, () => ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })));
  }
  for (const gateway of setup.internetGateways) {
    for (const vpcId of gateway.vpcIds) {
      await whenFree(`internet gateway ${gateway.id}`, () => ec2.send(new DetachInternetGatewayCommand({ InternetGatewayId: gateway.id, VpcId: vpcId })));
    }
    await ec2.send(new DeleteInternetGatewayCommand({ InternetGatewayId: gateway.id }));
  }
  for (const subnetId of setup.subnetIds) {
    await whenFree(`subnet ${subnetId}`, () => ec2.send(new DeleteSubnetCommand({ SubnetId: subnetId })));
  }
  for (const vpcId of setup.vpcIds) {
    await whenFree(`VPC ${vpcId}`, () => ec2.send(new DeleteVpcCommand({ VpcId: vpcId })));
  }
}

/**
 * Deletes one resource, retrying while EC2 answers DependencyViolation: said once as the wait
 * begins, with EC2's reason; at the bound, a failure that names what still holds the network.
 */
async function deleteWhenFree(teardown: Teardown, what: string, call: () => Promise<unknown>): Promise<void> {
  const { context, log } = teardown;
  let reason: string | undefined;
  await pollUntil(
    context,
    { intervalMs: IN_USE_POLL_MS, timeoutMs: IN_USE_WAIT_MS, what: `${what} to be free`, timeoutError: async () => stuck(teardown, what, reason ?? 'in use') },
    async () => {
      try {
        await call();
        return true;
      } catch (error) {
        if ((error as Error).name !== 'DependencyViolation') throw error;
        const message = (error as Error).message.replace(/\.$/, '');
        if (reason === undefined) log.info(`Waiting for ${what} to be free`, { reason: message });
        reason = message;
        return undefined;
      }
    },
  );
}

async function stuck({ target, setup, again }: Teardown, what: string, reason: string): Promise<EcsCliError> {
  const holders = await networkHolders(target, setup);
  let remedy = 'remove what depends on it';
  if (holders.length > 0) {
    const text = holdersText(target, holders);
    remedy = `it is still used by ${text.used}: ${text.remedy}`;
  }
  return new EcsCliError(
    `Error deleting the resources of cluster ${target.cluster} (DELETE_FAILED): ${what} could not be deleted after ${minutes(IN_USE_WAIT_MS)}: ${reason}: ${remedy}, then run ${again} again`,
  );
}
