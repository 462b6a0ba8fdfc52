import { describe, expect, it } from 'vitest';
import { NO_CONTAINER_INSTANCES, placeTasks, portBindings, taskDemand, unableToPlaceMessage } from '../../../source/sim/scheduler/index.js';
import { container, instance, request, tally, task, taskDefinition } from './fixtures.js';

const web = (hostPort?: number, protocol: 'tcp' | 'udp' = 'tcp') =>
  taskDefinition({ containers: [container({ name: 'web', memory: 128, portMappings: [{ containerPort: 80, hostPort, protocol }] })] });

describe('placing tasks', () => {
  it('reports one failure per instance with the first requirement it misses, as RunTask does', () => {
    const disconnected = instance({ id: 'gone', agentConnected: false });
    const draining = instance({ id: 'draining', status: 'DRAINING' });
    const small = instance({ id: 'small', cpu: 128 });
    const tight = instance({ id: 'tight', memory: 64 });
    const def = taskDefinition({ containers: [container({ cpu: 256, memory: 128 })] });
    const outcome = placeTasks(request({ instances: [disconnected, draining, small, tight], def }));
    expect(outcome.placements).toEqual([]);
    expect(outcome.failures).toEqual([
      { arn: disconnected.containerInstanceArn, reason: 'AGENT' },
      { arn: small.containerInstanceArn, reason: 'RESOURCE:CPU' },
      { arn: tight.containerInstanceArn, reason: 'RESOURCE:MEMORY' },
    ]);
  });

  it('requires the task definition’s attributes on the instance (ATTRIBUTE otherwise)', () => {
    const plain = instance({ id: 'plain' });
    const capable = instance({ id: 'capable', attributes: [{ name: 'ecs.capability.task-eni' }, { name: 'gpu', value: 'nvidia' }] });
    const def = taskDefinition({ requiresAttributes: [{ name: 'ecs.capability.task-eni' }, { name: 'gpu', value: 'nvidia' }] });
    const outcome = placeTasks(request({ instances: [plain, capable], def, count: 2 }));
    expect(tally(outcome.placements)).toEqual({ capable: 2 });
    const wrong = taskDefinition({ requiresAttributes: [{ name: 'gpu', value: 'amd' }] });
    expect(placeTasks(request({ instances: [capable], def: wrong })).failures).toEqual([{ arn: capable.containerInstanceArn, reason: 'ATTRIBUTE' }]);
  });

  it('says there are no container instances when none is ACTIVE', () => {
    expect(placeTasks(request({ instances: [] })).failures).toEqual([{ reason: NO_CONTAINER_INSTANCES }]);
    expect(placeTasks(request({ instances: [instance({ status: 'INACTIVE' })] })).failures).toEqual([{ reason: NO_CONTAINER_INSTANCES }]);
  });

  it('places what fits and reports the rest, without touching the records', () => {
    const a = instance({ id: 'a', memory: 300 });
    const b = instance({ id: 'b', memory: 600 });
    const before = JSON.stringify([a, b]);
    const outcome = placeTasks(request({ instances: [a, b], count: 5 }));
    expect(tally(outcome.placements)).toEqual({ a: 1, b: 2 });
    expect(outcome.failures.map((f) => f.reason)).toEqual(['RESOURCE:MEMORY', 'RESOURCE:MEMORY']);
    expect(JSON.stringify([a, b])).toBe(before);
    expect(placeTasks(request({ instances: [a], count: 0 }))).toEqual({ placements: [], failures: [] });
  });

  it('never puts two tasks with the same fixed host port on one instance, tcp and udp apart', () => {
    const instances = [instance({ id: 'one' }), instance({ id: 'two' })];
    const outcome = placeTasks(request({ instances, def: web(8080), demand: taskDemand(web(8080)), count: 3 }));
    expect(tally(outcome.placements)).toEqual({ one: 1, two: 1 });
    expect(outcome.failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS', 'RESOURCE:PORTS']);
    const udp = placeTasks(request({ instances, demand: taskDemand(web(8080, 'udp')), count: 3 }));
    expect(udp.placements).toHaveLength(2);
    expect(udp.failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS_UDP', 'RESOURCE:PORTS_UDP']);
    instances[0]!._remaining.portsUdp.push(8080);
    const tcpBesideUdp = placeTasks(request({ instances: [instances[0]!], demand: taskDemand(web(8080)) }));
    expect(tcpBesideUdp.placements).toHaveLength(1);
  });

  it('refuses the instance’s reserved ports to a task', () => {
    const outcome = placeTasks(request({ instances: [instance()], demand: taskDemand(web(22)) }));
    expect(outcome.failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS']);
  });

  it('hands out dynamic host ports from the ephemeral range, lowest free first, never twice', () => {
    const host = instance();
    host._remaining.ports.push(32768, 32770);
    const def = taskDefinition({ containers: [container({ memory: 64, portMappings: [{ containerPort: 80 }, { containerPort: 443, hostPort: 0 }] })] });
    const outcome = placeTasks(request({ instances: [host], demand: taskDemand(def), count: 2 }));
    expect(outcome.placements.map((p) => p.reservation.ports)).toEqual([
      [32769, 32771],
      [32772, 32773],
    ]);
  });

  it('maps each container’s ports to the host ports of its reservation', () => {
    const def = taskDefinition({
      containers: [
        container({ name: 'web', memory: 64, portMappings: [{ containerPort: 80 }, { containerPort: 443, hostPort: 8443 }] }),
        container({ name: 'dns', memory: 64, portMappings: [{ containerPort: 53, hostPort: 53, protocol: 'udp' }] }),
      ],
    });
    const placement = placeTasks(request({ instances: [instance()], demand: taskDemand(def) })).placements[0]!;
    expect(placement.reservation).toMatchObject({ ports: [8443, 32768], portsUdp: [53] });
    expect(portBindings(def, placement.reservation)).toEqual([
      [
        { bindIP: '0.0.0.0', containerPort: 80, hostPort: 32768, protocol: 'tcp' },
        { bindIP: '0.0.0.0', containerPort: 443, hostPort: 8443, protocol: 'tcp' },
      ],
      [{ bindIP: '0.0.0.0', containerPort: 53, hostPort: 53, protocol: 'udp' }],
    ]);
    const awsvpc = taskDefinition({ networkMode: 'awsvpc', containers: [container({ memory: 64, portMappings: [{ containerPort: 80 }] })] });
    expect(portBindings(awsvpc, { cpu: 0, memory: 64, ports: [], portsUdp: [] })).toEqual([[]]);
  });

  it('fails a task that maps the same host port twice', () => {
    const def = taskDefinition({ containers: [container({ memory: 64, portMappings: [{ containerPort: 80, hostPort: 80 }, { containerPort: 81, hostPort: 80 }] })] });
    expect(placeTasks(request({ instances: [instance()], demand: taskDemand(def) })).failures.map((f) => f.reason)).toEqual(['RESOURCE:PORTS']);
  });
});

describe('placement constraints', () => {
  it('distinctInstance puts each task of the group on a different instance', () => {
    const instances = [instance({ id: 'a' }), instance({ id: 'b' }), instance({ id: 'c' })];
    const tasks = [task(instances[0]), task(instances[1], 'family:other')];
    const outcome = placeTasks(request({ instances, tasks, count: 3, constraints: [{ type: 'distinctInstance' }] }));
    expect(tally(outcome.placements)).toEqual({ b: 1, c: 1 });
    expect(outcome.failures).toEqual(
      instances.map((i) => ({ arn: i.containerInstanceArn, reason: 'DistinctInstance placement constraint unsatisfied.' })),
    );
  });

  it('memberOf keeps to the instances its expression selects', () => {
    const instances = [instance({ id: 'a', instanceType: 't2.small' }), instance({ id: 'b', instanceType: 'm5.large' })];
    const constraints = [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t2.*' }];
    const outcome = placeTasks(request({ instances, count: 3, constraints }));
    expect(tally(outcome.placements)).toEqual({ a: 3 });
    const none = placeTasks(request({ instances, constraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type == g2.2xlarge' }] }));
    expect(none.failures.map((f) => f.reason)).toEqual(['MemberOf placement constraint unsatisfied.', 'MemberOf placement constraint unsatisfied.']);
  });

  it('memberOf with task:group sees the tasks placed earlier in the same call', () => {
    const instances = [instance({ id: 'a' }), instance({ id: 'b' })];
    const tasks = [task(instances[1], 'database')];
    const near = [{ type: 'memberOf', expression: 'task:group == database' }];
    expect(tally(placeTasks(request({ instances, tasks, count: 2, constraints: near })).placements)).toEqual({ b: 2 });
    const away = [{ type: 'memberOf', expression: 'not(task:group == family:web)' }];
    const outcome = placeTasks(request({ instances, tasks, count: 3, constraints: away }));
    expect(outcome.placements.map((p) => p.instance.id).sort()).toEqual(['a', 'b']);
    expect(outcome.failures).toHaveLength(2);
  });

  it('memberOf on runningTasksCount counts the tasks this call placed', () => {
    const instances = [instance({ id: 'a' }), instance({ id: 'b' })];
    const outcome = placeTasks(request({ instances, count: 3, constraints: [{ type: 'memberOf', expression: 'runningTasksCount == 0' }] }));
    expect(outcome.placements.map((p) => p.instance.id).sort()).toEqual(['a', 'b']);
  });

  it('resources are checked before constraints: the first failure is the resource', () => {
    const outcome = placeTasks(request({
      instances: [instance({ memory: 10 })],
      constraints: [{ type: 'memberOf', expression: 'attribute:nothing exists' }],
    }));
    expect(outcome.failures.map((f) => f.reason)).toEqual(['RESOURCE:MEMORY']);
  });
});

describe('the service event for a task that cannot be placed', () => {
  it('names the closest matching instance and why, in ECS’s words', () => {
    const arn = (id: string) => `arn:aws:ecs:us-east-1:123456789012:container-instance/test/${id}`;
    const message = unableToPlaceMessage('web', [
      { arn: arn('aaa'), reason: 'RESOURCE:CPU' },
      { arn: arn('bbb'), reason: 'RESOURCE:PORTS' },
      { arn: arn('ccc'), reason: 'AGENT' },
    ]);
    expect(message).toBe(
      '(service web) was unable to place a task because no container instance met all of its requirements. The closest matching (container-instance bbb) is already using a port required by your task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
    );
    expect(unableToPlaceMessage('web', [{ arn: arn('x'), reason: 'RESOURCE:MEMORY' }])).toContain('(container-instance x) has insufficient memory available.');
    expect(unableToPlaceMessage('web', [{ arn: arn('x'), reason: 'RESOURCE:CPU' }])).toContain('has insufficient CPU units available.');
    expect(unableToPlaceMessage('web', [{ arn: arn('x'), reason: 'ATTRIBUTE' }])).toContain('is missing an attribute required by your task.');
    expect(unableToPlaceMessage('web', [{ arn: arn('x'), reason: 'MemberOf placement constraint unsatisfied.' }])).toContain(
      'encountered error "MemberOf placement constraint unsatisfied.".',
    );
    expect(unableToPlaceMessage('web', [{ reason: NO_CONTAINER_INSTANCES }])).toBe(
      '(service web) was unable to place a task because no container instance met all of its requirements. Reason: No Container Instances were found in your cluster. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.',
    );
  });
});
