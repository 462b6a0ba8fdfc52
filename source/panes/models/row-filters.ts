import type { ZoneGroup } from './placement-model.js';
import type { ServiceBlock } from './services-model.js';
import type { TaskRow } from './tasks-model.js';

/** Every word of the filter appears somewhere in the row's fields (case aside): `web stopped 1b`. */
function matcher(filter: string): ((fields: readonly (string | undefined)[]) => boolean) | undefined {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return undefined;
  return (fields) => {
    const text = fields.filter(Boolean).join(' ').toLowerCase();
    return words.every((word) => text.includes(word));
  };
}

export function filterTasks(rows: readonly TaskRow[], filter: string): readonly TaskRow[] {
  const matches = matcher(filter);
  if (!matches) return rows;
  return rows.filter((r) =>
    matches([r.id, r.taskDefinition, r.lastStatus, r.desiredStatus, r.launch, r.containerInstanceId, r.address, r.availabilityZone, r.group, r.hostPorts.join(' '), r.stoppedReason]),
  );
}

/** Instances (and Fargate rows) that match, under their zones; a zone with none left is not shown. */
export function filterZones(zones: readonly ZoneGroup[], filter: string): readonly ZoneGroup[] {
  const matches = matcher(filter);
  if (!matches) return zones;
  return zones
    .map(({ fargate, ...zone }) => {
      const keepFargate = fargate && matches([zone.zone, 'fargate', fargate.spot ? 'FARGATE_SPOT' : undefined, ...fargate.tasks.map((t) => t.family)]);
      return {
        ...zone,
        instances: zone.instances.filter((b) =>
          matches([zone.zone, b.id, b.ec2InstanceId, b.instanceType, b.status, b.ports.join(' '), ...b.tasks.map((t) => t.family)]),
        ),
        ...(keepFargate ? { fargate } : {}),
      };
    })
    .filter((zone) => zone.instances.length > 0 || zone.fargate !== undefined);
}

export function filterServices(services: readonly ServiceBlock[], filter: string): readonly ServiceBlock[] {
  const matches = matcher(filter);
  if (!matches) return services;
  return services.filter((s) => matches([s.name, s.status, s.taskDefinition, ...s.deployments.map((d) => d.rolloutState)]));
}
