import { DescribeNetworkInterfacesCommand, DescribeSecurityGroupsCommand } from '@aws-sdk/client-ec2';
import { ListTasksCommand, RunTaskCommand, StopTaskCommand, type Task } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEndpoints } from '../../../source/sim/network/index.js';
import { errorOf } from '../../support/sandbox.js';
import {
  defaultNetwork,
  describeTasks,
  detail,
  drive,
  everySubnet,
  inCidr,
  recordStatuses,
  registerFargateDefinition,
  startFargateCluster,
  taskInterfaces,
  type DefaultNetwork,
  type FargateSandbox,
} from './fixtures.js';

/**
 * RunTask on Fargate: no container instance, a task-level size, platform version 1.4.0, and a
 * network interface of its own that EC2 shows, PRECREATED -> ATTACHED -> DELETED with the task,
 * whose address has a loopback twin where the container's port really listens.
 */
let t: FargateSandbox;
let net: DefaultNetwork;
let timeline: ReturnType<typeof recordStatuses>;
const CLUSTER = 'fargate';

beforeAll(async () => {
  ({ t, net } = await startFargateCluster(7101, CLUSTER));
  timeline = recordStatuses(t);
});
afterAll(() => t.close());

async function runOne(input: Record<string, unknown> = {}): Promise<Task> {
  const out = await t.ecs.send(
    new RunTaskCommand({
      cluster: CLUSTER,
      taskDefinition: 'sample-fargate',
      launchType: 'FARGATE',
      networkConfiguration: { awsvpcConfiguration: { subnets: [net.subnets[1]!.id] } },
      ...input,
    }),
  );
  expect(out.failures).toEqual([]);
  return out.tasks![0]!;
}

describe('a Fargate task', () => {
  let task: Task;

  it('starts PROVISIONING with no container instance, its size, platform 1.4.0 and a PRECREATED interface', async () => {
    task = await runOne();
    expect(task).toMatchObject({
      launchType: 'FARGATE',
      lastStatus: 'PROVISIONING',
      desiredStatus: 'RUNNING',
      cpu: '256',
      memory: '512',
      platformVersion: '1.4.0',
      platformFamily: 'Linux',
      availabilityZone: net.subnets[1]!.zone,
      ephemeralStorage: { sizeInGiB: 20 },
      fargateEphemeralStorage: { sizeInGiB: 20 },
      attributes: [{ name: 'ecs.cpu-architecture', value: 'x86_64' }],
      group: 'family:sample-fargate',
    });
    expect(task.containerInstanceArn).toBeUndefined();
    expect(task.capacityProviderName).toBeUndefined();
    const eni = task.attachments![0]!;
    expect(eni).toMatchObject({ type: 'ElasticNetworkInterface', status: 'PRECREATED' });
    expect(eni.details!.map((d) => d.name)).toEqual(['subnetId', 'networkInterfaceId', 'macAddress', 'privateDnsName', 'privateIPv4Address']);
    const ip = detail(task, 'privateIPv4Address')!;
    expect(inCidr(ip, net.subnets[1]!.cidr)).toBe(true);
    expect(detail(task, 'subnetId')).toBe(net.subnets[1]!.id);
    expect(detail(task, 'privateDnsName')).toBe(`ip-${ip.replaceAll('.', '-')}.ec2.internal`);
    expect(task.containers![0]!.networkInterfaces).toEqual([{ attachmentId: eni.id, privateIpv4Address: ip }]);
    expect((await defaultNetwork(t)).subnets[1]!.free).toBe(net.subnets[1]!.free - 1);
  });

  it('shows its interface in EC2 as ECS made it: requester-managed, described by the attachment ARN, the default group', async () => {
    const eniId = detail(task, 'networkInterfaceId')!;
    const [eni] = (await t.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] }))).NetworkInterfaces!;
    const groups = await t.ec2.send(new DescribeSecurityGroupsCommand({ Filters: [{ Name: 'vpc-id', Values: [net.vpcId] }, { Name: 'group-name', Values: ['default'] }] }));
    expect(eni).toMatchObject({
      NetworkInterfaceId: eniId,
      Description: `arn:aws:ecs:us-east-1:123456789012:attachment/${task.attachments![0]!.id}`,
      InterfaceType: 'interface',
      RequesterManaged: true,
      RequesterId: '578734482556',
      Status: 'available',
      SubnetId: net.subnets[1]!.id,
      VpcId: net.vpcId,
      AvailabilityZone: net.subnets[1]!.zone,
      MacAddress: detail(task, 'macAddress'),
      PrivateIpAddress: detail(task, 'privateIPv4Address'),
      PrivateDnsName: detail(task, 'privateDnsName'),
      Groups: [{ GroupId: groups.SecurityGroups![0]!.GroupId, GroupName: 'default' }],
      OwnerId: '123456789012',
    });
    expect(eni!.Association).toBeUndefined();
    expect(eni!.Attachment).toBeUndefined();
  });

  it('provisions, pulls and runs more slowly than on an instance, with pullStartedAt and pullStoppedAt', async () => {
    await drive(t, 5_000);
    const [early] = await describeTasks(t, CLUSTER, [task.taskArn!]);
    expect(early!.lastStatus).not.toBe('RUNNING');
    await drive(t, 115_000, 2_000);
    const [running] = await describeTasks(t, CLUSTER, [task.taskArn!]);
    expect(running!.lastStatus).toBe('RUNNING');
    expect(timeline.get(task.taskArn!)!.map(([s]) => s)).toEqual(['PROVISIONING', 'PENDING', 'RUNNING']);
    expect(running!.attachments![0]!.status).toBe('ATTACHED');
    const created = running!.createdAt!.getTime();
    const pullStarted = running!.pullStartedAt!.getTime();
    const pullStopped = running!.pullStoppedAt!.getTime();
    const started = running!.startedAt!.getTime();
    expect(created).toBeLessThan(pullStarted);
    expect(pullStarted).toBeLessThan(pullStopped);
    expect(pullStopped).toBeLessThanOrEqual(started);
    expect(started - created).toBeGreaterThan(5_000);
    expect(running!.containers![0]!.networkBindings).toEqual([]);
  });

  it('is attached in EC2 once ATTACHED: in use, on a host that is not the account\'s', async () => {
    const eniId = detail(task, 'networkInterfaceId')!;
    const [eni] = await taskInterfaces(t, [{ Name: 'network-interface-id', Values: [eniId] }]);
    expect(eni!.Status).toBe('in-use');
    expect(eni!.Attachment).toMatchObject({ Status: 'attached', DeviceIndex: 1, DeleteOnTermination: false, InstanceOwnerId: '501673713797' });
    expect(eni!.Attachment!.InstanceId).toBeUndefined();
  });

  it('listens on the loopback twin of its address at its container port, listed in /_ecsh/endpoints', async () => {
    const ip = detail(task, 'privateIPv4Address')!;
    const twin = `127.${ip.split('.').slice(1).join('.')}`;
    const endpoint = listEndpoints(t.running.sandbox).find((e) => e.kind === 'task-port' && e.arn === task.taskArn);
    expect(endpoint).toMatchObject({ name: `web:80 (task ${task.taskArn!.split('/').pop()})`, url: `http://${twin}:80` });
    const page = await (await fetch(`http://${twin}:80/`)).text();
    expect(page).toContain(`task: ${task.taskArn!.split('/').pop()}`);
    expect(page).toContain(`availability zone: ${net.subnets[1]!.zone}`);
  });

  it('stops through DEPROVISIONING; its interface is deleted and its address given back', async () => {
    const eniId = detail(task, 'networkInterfaceId')!;
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn!, reason: 'done' }));
    await drive(t, 30_000);
    const [stopped] = await describeTasks(t, CLUSTER, [task.taskArn!]);
    expect(stopped).toMatchObject({ lastStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'done' });
    expect(stopped!.attachments![0]!.status).toBe('DELETED');
    expect(timeline.get(task.taskArn!)!.map(([s]) => s)).toEqual(['PROVISIONING', 'PENDING', 'RUNNING', 'STOPPING', 'DEPROVISIONING', 'STOPPED']);
    const gone = await errorOf(t.ec2.send(new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [eniId] })));
    expect([gone.name, gone.message]).toEqual(['InvalidNetworkInterfaceID.NotFound', `The networkInterface ID '${eniId}' does not exist`]);
    expect((await defaultNetwork(t)).subnets[1]!.free).toBe(net.subnets[1]!.free);
    expect(listEndpoints(t.running.sandbox).some((e) => e.arn === task.taskArn)).toBe(false);
  });
});

describe('Fargate options', () => {
  it('assignPublicIp ENABLED gives the interface a public address in its association', async () => {
    const task = await runOne({ networkConfiguration: { awsvpcConfiguration: { subnets: [net.subnets[0]!.id], assignPublicIp: 'ENABLED' } } });
    const [eni] = await taskInterfaces(t, [{ Name: 'network-interface-id', Values: [detail(task, 'networkInterfaceId')!] }]);
    expect(eni!.Association).toMatchObject({ IpOwnerId: 'amazon' });
    expect(eni!.Association!.PublicIp).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(eni!.Association!.PublicDnsName).toBe(`ec2-${eni!.Association!.PublicIp!.replaceAll('.', '-')}.compute-1.amazonaws.com`);
    const byPublicIp = await taskInterfaces(t, [{ Name: 'association.public-ip', Values: [eni!.Association!.PublicIp!] }]);
    expect(byPublicIp.map((e) => e.NetworkInterfaceId)).toEqual([eni!.NetworkInterfaceId]);
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn! }));
    await drive(t, 30_000);
  });

  it('runtimePlatform ARM64, more ephemeral storage and a size override show on the task', async () => {
    await registerFargateDefinition(t, { family: 'arm', runtimePlatform: { cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX' }, ephemeralStorage: { sizeInGiB: 50 } });
    const task = await runOne({ taskDefinition: 'arm', overrides: { cpu: '512', memory: '1024' }, platformVersion: 'LATEST' });
    expect(task).toMatchObject({
      cpu: '512',
      memory: '1024',
      platformVersion: '1.4.0',
      ephemeralStorage: { sizeInGiB: 50 },
      attributes: [{ name: 'ecs.cpu-architecture', value: 'arm64' }],
    });
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: task.taskArn! }));
    await drive(t, 30_000);
  });

  it('spreads the tasks of one call over the zones of the subnets given', async () => {
    const out = await t.ecs.send(
      new RunTaskCommand({
        cluster: CLUSTER,
        taskDefinition: 'sample-fargate',
        launchType: 'FARGATE',
        count: 6,
        networkConfiguration: everySubnet(net),
      }),
    );
    const zones = out.tasks!.map((task) => task.availabilityZone!);
    expect(net.subnets.map((s) => zones.filter((z) => z === s.zone).length)).toEqual([2, 2, 2]);
    for (const task of out.tasks!) expect(inCidr(detail(task, 'privateIPv4Address')!, net.subnets.find((s) => s.zone === task.availabilityZone)!.cidr)).toBe(true);
    const listed = await t.ecs.send(new ListTasksCommand({ cluster: CLUSTER, launchType: 'FARGATE' }));
    expect(listed.taskArns!.sort()).toEqual(out.tasks!.map((task) => task.taskArn!).sort());
    const bySubnet = await taskInterfaces(t, [{ Name: 'subnet-id', Values: [net.subnets[2]!.id] }, { Name: 'vpc-id', Values: [net.vpcId] }]);
    expect(bySubnet.map((e) => e.PrivateIpAddress).sort()).toEqual(
      out.tasks!.filter((task) => task.availabilityZone === net.subnets[2]!.zone).map((task) => detail(task, 'privateIPv4Address')).sort(),
    );
    const byDescription = await taskInterfaces(t, [{ Name: 'description', Values: ['arn:aws:ecs:us-east-1:123456789012:attachment/*'] }, { Name: 'status', Values: ['available'] }]);
    expect(byDescription).toHaveLength(6);
    const byAddress = await taskInterfaces(t, [{ Name: 'private-ip-address', Values: [detail(out.tasks![0]!, 'privateIPv4Address')!] }]);
    expect(byAddress.map((e) => e.NetworkInterfaceId)).toEqual([detail(out.tasks![0]!, 'networkInterfaceId')]);
  });

  it('hands out the same addresses for the same seed', async () => {
    /** The address of the first task in the second subnet, on a fresh sandbox of seed 7199. */
    const firstAddress = async () => {
      const fresh = await startFargateCluster(7199, CLUSTER);
      try {
        const out = await fresh.t.ecs.send(
          new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'sample-fargate', launchType: 'FARGATE', networkConfiguration: { awsvpcConfiguration: { subnets: [fresh.net.subnets[1]!.id] } } }),
        );
        return detail(out.tasks![0]!, 'privateIPv4Address');
      } finally {
        await fresh.t.close();
      }
    };
    const first = await firstAddress();
    expect(first).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(await firstAddress()).toBe(first);
  });
});
