import type { Operation } from '../sandbox.js';
import { filterRecords } from './filters.js';
import { invalidValue, stringList } from './params.js';

/** Three zones in every region, as a new account sees them: REGION + a, b, c. */
export function availabilityZones(region: string): string[] {
  return ['a', 'b', 'c'].map((letter) => `${region}${letter}`);
}

const COMPASS: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** A zone's id, the same in every account (`use1-az1`, `euw1-az2`, `apse2-az3`). */
export function zoneId(zone: string): string {
  const region = zone.slice(0, -1);
  const [area = '', direction = '', number = ''] = region.split('-');
  const index = 'abcdefghijklmnopqrstuvwxyz'.indexOf(zone.slice(-1)) + 1;
  return `${area}${COMPASS[direction] ?? direction.slice(0, 1)}${number}-az${index}`;
}

export function isZoneOf(region: string, zone: string): boolean {
  return availabilityZones(region).includes(zone);
}

/** The error EC2 gives for a zone that is not one of the region's. */
export function invalidZone(zone: string) {
  return invalidValue(`Invalid availability zone: [${zone}]`);
}

interface ZoneView {
  zoneName: string;
  zoneId: string;
  regionName: string;
  state: string;
}

export const DescribeAvailabilityZones: Operation = (_sb, params, ctx) => {
  const zones: ZoneView[] = availabilityZones(ctx.region).map((zoneName) => ({
    zoneName,
    zoneId: zoneId(zoneName),
    regionName: ctx.region,
    state: 'available',
  }));
  const names = stringList(params, 'ZoneName');
  const ids = stringList(params, 'ZoneId');
  for (const name of names) if (!zones.some((z) => z.zoneName === name)) throw invalidZone(name);
  for (const id of ids) if (!zones.some((z) => z.zoneId === id)) throw invalidValue(`Invalid availability zone ID: [${id}]`);
  const named = zones.filter(
    (z) => (names.length === 0 && ids.length === 0) || names.includes(z.zoneName) || ids.includes(z.zoneId),
  );
  const matching = filterRecords(named, params, {
    'zone-name': (z) => z.zoneName,
    'zone-id': (z) => z.zoneId,
    'region-name': (z) => z.regionName,
    state: (z) => z.state,
    'zone-type': () => 'availability-zone',
    'group-name': (z) => z.regionName,
    'network-border-group': (z) => z.regionName,
    'opt-in-status': () => 'opt-in-not-required',
  });
  return {
    availabilityZoneInfo: matching.map((z) => ({
      optInStatus: 'opt-in-not-required',
      messageSet: [],
      regionName: z.regionName,
      zoneName: z.zoneName,
      zoneId: z.zoneId,
      groupName: z.regionName,
      networkBorderGroup: z.regionName,
      zoneType: 'availability-zone',
      zoneState: z.state,
    })),
  };
};
