import { DescribeNetworkInterfacesCommand } from '@aws-sdk/client-ec2';
import {
  CreateServiceCommand,
  DescribeServicesCommand,
  ListContainerInstancesCommand,
  RegisterTaskDefinitionCommand,
  RunTaskCommand,
  StopTaskCommand,
} from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinCluster, runInstances, SETTLE_MS } from '../ec2/fixtures.js';
import { detail, drive, everySubnet, startFargateCluster, taskInterfaces, type DefaultNetwork, type FargateSandbox } from './fixtures.js';

/**
 * awsvpc tasks on EC2 instances, without ENI trunking: each task takes one of the instance's
 * network interfaces, of which its type has a fixed number, the primary one included (a
 * t3.medium has 3, so 2 tasks; a t2.micro 2, so 1). An instance with none to spare fails the
 * task with RESOURCE:ENI, as ECS does.
 */
let t: FargateSandbox;
let net: DefaultNetwork;
let instanceId: string;
let containerInstanceArn: string;
const CLUSTER = 'enis';

beforeAll(async () => {
  ({ t, net } = await startFargateCluster(7104, CLUSTER, { definition: false }));
  const [instance] = await runInstances(t, { InstanceType: 't3.medium', SubnetId: net.subnets[0]!.id, UserData: joinCluster(CLUSTER) });
  instanceId = instance!.InstanceId!;
  t.advance(SETTLE_MS);
  containerInstanceArn = (await t.ecs.send(new ListContainerInstancesCommand({ cluster: CLUSTER }))).containerInstanceArns![0]!;
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'vpc',
      networkMode: 'awsvpc',
      containerDefinitions: [{ name: 'web', image: 'example/whoami', cpu: 128, memory: 128, portMappings: [{ containerPort: 80 }] }],
    }),
  );
});
afterAll(() => t.close());

describe('an instance with three network interfaces', () => {
  let placed: string[];

  it('takes two awsvpc tasks, and fails the third with RESOURCE:ENI', async () => {
    const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'vpc', count: 3, networkConfiguration: everySubnet(net) }));
    expect(out.tasks).toHaveLength(2);
    expect(out.failures).toEqual([{ arn: containerInstanceArn, reason: 'RESOURCE:ENI' }]);
    placed = out.tasks!.map((task) => task.taskArn!);
    for (const task of out.tasks!) {
      expect(task).toMatchObject({ launchType: 'EC2', containerInstanceArn, availabilityZone: net.subnets[0]!.zone });
      expect(detail(task, 'subnetId')).toBe(net.subnets[0]!.id);
    }
    const more = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'vpc', networkConfiguration: everySubnet(net) }));
    expect(more.tasks).toEqual([]);
    expect(more.failures).toEqual([{ arn: containerInstanceArn, reason: 'RESOURCE:ENI' }]);
  });

  it("attaches the tasks' interfaces to the instance beside its primary one", async () => {
    await drive(t, 10_000);
    const attached = await taskInterfaces(t, [{ Name: 'attachment.instance-id', Values: [instanceId] }]);
    expect(attached.map((eni) => eni.Attachment!.DeviceIndex).sort()).toEqual([1, 2]);
    for (const eni of attached) expect(eni).toMatchObject({ Status: 'in-use', Attachment: { InstanceId: instanceId, InstanceOwnerId: '123456789012' } });
    const all = await t.ec2.send(new DescribeNetworkInterfacesCommand({ Filters: [{ Name: 'attachment.instance-id', Values: [instanceId] }] }));
    expect(all.NetworkInterfaces!.map((eni) => [eni.Attachment!.DeviceIndex, eni.RequesterManaged]).sort()).toEqual([
      [0, false],
      [1, true],
      [2, true],
    ]);
  });

  it('takes another once a task has stopped and given its interface back', async () => {
    await t.ecs.send(new StopTaskCommand({ cluster: CLUSTER, task: placed[0]! }));
    await drive(t, 10_000);
    const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'vpc', networkConfiguration: everySubnet(net) }));
    expect(out.failures).toEqual([]);
    expect(out.tasks).toHaveLength(1);
  });

  it("says so in a service's events when the instance has no interface to spare", async () => {
    await t.ecs.send(new CreateServiceCommand({ cluster: CLUSTER, serviceName: 'more', taskDefinition: 'vpc', desiredCount: 1, networkConfiguration: everySubnet(net) }));
    await drive(t, 5_000);
    const service = (await t.ecs.send(new DescribeServicesCommand({ cluster: CLUSTER, services: ['more'] }))).services![0]!;
    const id = containerInstanceArn.split('/').pop();
    expect(service.events!.map((e) => e.message)).toContain(
      `(service more) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance ${id}) encountered error "RESOURCE:ENI". For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
    );
    expect(service.runningCount).toBe(0);
  });

  it('leaves bridge tasks to their own limits', async () => {
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({ family: 'bridge', containerDefinitions: [{ name: 'web', image: 'example/whoami', cpu: 128, memory: 128, portMappings: [{ containerPort: 80 }] }] }),
    );
    const out = await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'bridge', count: 3 }));
    expect(out.failures).toEqual([]);
    expect(out.tasks).toHaveLength(3);
  });
});
