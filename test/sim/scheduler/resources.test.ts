import { describe, expect, it } from 'vitest';
import { instanceResources, release, renderRemainingResources, reserve } from '../../../source/sim/scheduler/index.js';
import { instance } from './fixtures.js';

describe('container instance resources', () => {
  it('registers CPU, MEMORY, the reserved PORTS and PORTS_UDP as ECS renders them', () => {
    const { registeredResources, _registered, _remaining } = instanceResources(2048, 3904);
    expect(registeredResources).toEqual([
      { name: 'CPU', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: 2048 },
      { name: 'MEMORY', type: 'INTEGER', doubleValue: 0, longValue: 0, integerValue: 3904 },
      { name: 'PORTS', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: ['22', '2376', '2375', '51678', '51679'] },
      { name: 'PORTS_UDP', type: 'STRINGSET', doubleValue: 0, longValue: 0, integerValue: 0, stringSetValue: [] },
    ]);
    expect(_remaining).toEqual(_registered);
    expect(_remaining.ports).not.toBe(_registered.ports);
  });

  it('refuses a size that is not a whole number of units', () => {
    expect(() => instanceResources(-1, 100)).toThrow(/CPU/);
    expect(() => instanceResources(1024, 1.5)).toThrow(/MEMORY/);
  });

  it('reserve takes CPU, memory and host ports; release gives back exactly that', () => {
    const host = instance({ cpu: 1024, memory: 2000 });
    const r = { cpu: 256, memory: 512, ports: [8080, 32768], portsUdp: [53] };
    reserve(host, r);
    expect(host._remaining).toEqual({ cpu: 768, memory: 1488, ports: [22, 2376, 2375, 51678, 51679, 8080, 32768], portsUdp: [53] });
    expect(host.runningTasksCount).toBe(1);
    const remaining = renderRemainingResources(host);
    expect(remaining.find((r) => r.name === 'CPU')?.integerValue).toBe(768);
    expect(remaining.find((r) => r.name === 'PORTS')?.stringSetValue).toEqual(['22', '2376', '2375', '51678', '51679', '8080', '32768']);
    expect(remaining.find((r) => r.name === 'PORTS_UDP')?.stringSetValue).toEqual(['53']);
    release(host, r);
    expect(host._remaining).toEqual(host._registered);
    expect(host.runningTasksCount).toBe(0);
  });

  it('never goes below zero or hands out a port twice: asking is a bug and throws', () => {
    const host = instance({ cpu: 512, memory: 512 });
    reserve(host, { cpu: 512, memory: 100, ports: [80], portsUdp: [] });
    expect(() => reserve(host, { cpu: 1, memory: 1, ports: [], portsUdp: [] })).toThrow(/CPU/);
    expect(() => reserve(host, { cpu: 0, memory: 413, ports: [], portsUdp: [] })).toThrow(/MiB/);
    expect(() => reserve(host, { cpu: 0, memory: 1, ports: [80], portsUdp: [] })).toThrow(/port 80/);
    expect(() => reserve(host, { cpu: 0, memory: 1, ports: [22], portsUdp: [] })).toThrow(/port 22/);
    expect(() => reserve(host, { cpu: 0, memory: 1, ports: [9, 9], portsUdp: [] })).toThrow(/twice/);
    expect(host._remaining).toMatchObject({ cpu: 0, memory: 412, ports: [22, 2376, 2375, 51678, 51679, 80] });
  });

  it('refuses to release what no task holds', () => {
    const host = instance({ cpu: 512, memory: 512 });
    expect(() => release(host, { cpu: 1, memory: 0, ports: [], portsUdp: [] })).toThrow(/exceed/);
    reserve(host, { cpu: 100, memory: 100, ports: [80], portsUdp: [] });
    expect(() => release(host, { cpu: 100, memory: 100, ports: [81], portsUdp: [] })).toThrow(/port 81/);
    expect(() => release(host, { cpu: 0, memory: 0, ports: [22], portsUdp: [] })).toThrow(/port 22/);
    release(host, { cpu: 100, memory: 100, ports: [80], portsUdp: [] });
    expect(() => release(host, { cpu: 0, memory: 0, ports: [], portsUdp: [] })).toThrow(/no task/);
  });
});
