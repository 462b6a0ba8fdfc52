import type { Sandbox } from '../sandbox.js';

/** An id as EC2 forms them today: a prefix and 17 hex digits (`i-0a1b2c3d4e5f60718`), seeded. */
export function ec2Id(sb: Sandbox, prefix: string): string {
  return `${prefix}-${sb.random.hex(17)}`;
}

/** A MAC address as EC2 hands them out (locally administered, 02:...). */
export function macAddress(sb: Sandbox): string {
  const bytes = sb.random.hex(10).match(/../g)!;
  return ['02', ...bytes].join(':');
}

/** EC2 renders times as ISO 8601 with milliseconds. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}
