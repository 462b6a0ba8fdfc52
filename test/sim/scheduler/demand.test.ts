import { describe, expect, it } from 'vitest';
import { parseTaskCpu, parseTaskMemory, taskDemand } from '../../../source/sim/scheduler/index.js';
import { container, taskDefinition, thrown } from './fixtures.js';

describe('task size', () => {
  it('counts each container’s hard memory limit, or its reservation when it has no hard limit', () => {
    const def = taskDefinition({
      containers: [
        container({ memory: 512, memoryReservation: 128, cpu: 256 }),
        container({ memoryReservation: 300, cpu: 10 }),
        container({ memory: 64 }),
      ],
    });
    expect(taskDemand(def)).toMatchObject({ cpu: 266, memory: 876 });
  });

  it('uses task-level cpu and memory when they are set, in units or as vCPU and GB', () => {
    const containers = [container({ memory: 128, cpu: 128 })];
    expect(taskDemand(taskDefinition({ containers, cpu: '512', memory: '1024' }))).toMatchObject({ cpu: 512, memory: 1024 });
    expect(taskDemand(taskDefinition({ containers, cpu: '0.25 vCPU', memory: '1 GB' }))).toMatchObject({ cpu: 256, memory: 1024 });
    expect(taskDemand(taskDefinition({ containers, cpu: '2 vcpu', memory: '0.5GB' }))).toMatchObject({ cpu: 2048, memory: 512 });
  });

  it('honours container and task overrides', () => {
    const def = taskDefinition({ containers: [container({ name: 'app', memory: 256, cpu: 100 }), container({ name: 'side', memoryReservation: 64 })] });
    const overridden = taskDemand(def, { containerOverrides: [{ name: 'app', cpu: 300, memory: 400 }, { name: 'side', memoryReservation: 100 }] });
    expect(overridden).toMatchObject({ cpu: 300, memory: 500 });
    expect(taskDemand(def, { cpu: '1 vCPU', memory: '2048' })).toMatchObject({ cpu: 1024, memory: 2048 });
  });

  it('refuses sizes ECS would not read', () => {
    expect(thrown(() => parseTaskCpu('lots')).code).toBe('InvalidParameterException');
    expect(thrown(() => parseTaskMemory('1 TB')).message).toContain("'1 TB'");
    const def = taskDefinition({ containers: [container({ name: 'app', memory: 256 })] });
    expect(thrown(() => taskDemand(def, { containerOverrides: [{ name: 'app', memory: -1 }] })).code).toBe('InvalidParameterException');
  });

  it('carries the task definition’s required attributes', () => {
    const def = taskDefinition({ requiresAttributes: [{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }] });
    expect(taskDemand(def).requiredAttributes).toEqual([{ name: 'com.amazonaws.ecs.capability.docker-remote-api.1.18' }]);
  });
});

describe('host ports a task needs', () => {
  it('in bridge mode: a hostPort is fixed, hostPort 0 or none is dynamic, tcp and udp apart', () => {
    const def = taskDefinition({
      networkMode: 'bridge',
      containers: [
        container({ memory: 64, portMappings: [{ containerPort: 80, hostPort: 8080 }, { containerPort: 443 }] }),
        container({ memory: 64, portMappings: [{ containerPort: 53, hostPort: 53, protocol: 'udp' }, { containerPort: 9000, hostPort: 0, protocol: 'udp' }] }),
      ],
    });
    expect(taskDemand(def)).toMatchObject({ ports: [8080], dynamicPorts: 1, portsUdp: [53], dynamicPortsUdp: 1 });
  });

  it('defaults to bridge mode; a container port range in bridge mode takes one dynamic port per port', () => {
    const def = taskDefinition({ containers: [container({ memory: 64, portMappings: [{ containerPortRange: '7000-7004' }] })] });
    expect(taskDemand(def)).toMatchObject({ ports: [], dynamicPorts: 5 });
  });

  it('in host mode the host port is the container port; awsvpc and none take no host port', () => {
    const mappings = [{ containerPort: 80 }, { containerPort: 8125, protocol: 'udp' as const }];
    expect(taskDemand(taskDefinition({ networkMode: 'host', containers: [container({ memory: 64, portMappings: mappings })] }))).toMatchObject({
      ports: [80],
      portsUdp: [8125],
      dynamicPorts: 0,
    });
    for (const networkMode of ['awsvpc', 'none']) {
      const demand = taskDemand(taskDefinition({ networkMode, containers: [container({ memory: 64, portMappings: mappings })] }));
      expect(demand).toMatchObject({ ports: [], portsUdp: [], dynamicPorts: 0, dynamicPortsUdp: 0 });
    }
  });
});
