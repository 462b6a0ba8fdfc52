import { CreateClusterCommand, CreateServiceCommand, RegisterTaskDefinitionCommand } from '@aws-sdk/client-ecs';
import { CreateLoadBalancerCommand, DescribeInstanceHealthCommand } from '@aws-sdk/client-elastic-load-balancing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlAddress } from '../../../source/sim/network/addresses.js';
import { joinCluster, runInstances, SETTLE_MS } from '../ec2/fixtures.js';
import { drive, startLbSandbox, type LbSandbox } from './fixtures.js';

/**
 * A classic load balancer left with its default health check (TCP on the instance port,
 * every 30 s, healthy after 10 passes), in front of tasks on port 80, as the talk's PHP demo
 * has it. Port 80 is where a URL names no port at all.
 */
let t: LbSandbox;

beforeAll(async () => {
  t = await startLbSandbox();
  await t.ecs.send(new CreateClusterCommand({ clusterName: 'php' }));
  await runInstances(t, { MinCount: 2, MaxCount: 2, UserData: joinCluster('php') });
  t.advance(SETTLE_MS);
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({ family: 'web', containerDefinitions: [{ name: 'web', image: 'nginx', memory: 256, portMappings: [{ containerPort: 80, hostPort: 80 }] }] }),
  );
});
afterAll(() => t.close());

describe('the default health check of a classic load balancer', () => {
  it('reads a published URL without a port as port 80', () => {
    expect(urlAddress('http://127.31.1.2:80')).toEqual({ host: '127.31.1.2', port: 80 });
    expect(urlAddress('http://127.0.0.1:40123')).toEqual({ host: '127.0.0.1', port: 40123 });
  });

  it('passes the TCP check on port 80 and puts both instances InService after ten checks', async () => {
    await t.elb.send(
      new CreateLoadBalancerCommand({
        LoadBalancerName: 'php-lb',
        Listeners: [{ Protocol: 'HTTP', LoadBalancerPort: 80, InstanceProtocol: 'HTTP', InstancePort: 80 }],
        AvailabilityZones: ['us-east-1a', 'us-east-1b'],
      }),
    );
    await t.ecs.send(
      new CreateServiceCommand({ cluster: 'php', serviceName: 'web', taskDefinition: 'web', desiredCount: 2, loadBalancers: [{ loadBalancerName: 'php-lb', containerName: 'web', containerPort: 80 }] }),
    );
    const states = async () => (await t.elb.send(new DescribeInstanceHealthCommand({ LoadBalancerName: 'php-lb' }))).InstanceStates!.map((s) => s.State);
    await drive(t, 240_000);
    expect(await states()).toEqual(['OutOfService', 'OutOfService']);
    await drive(t, 90_000);
    expect(await states()).toEqual(['InService', 'InService']);
  });
});
