/**
 * SDK output as the AWS CLI (v2) shows it: timestamps as ISO 8601 strings with an offset,
 * blobs as base64, nothing undefined. ECS sends epoch seconds, which the CLI shows in the
 * local time zone; the query protocols (EC2, ELB) send ISO strings in UTC, which it keeps in UTC.
 */
export type TimeZoneStyle = 'local' | 'utc';

export function toCliData(value: unknown, zone: TimeZoneStyle): unknown {
  if (value instanceof Date) return isoWithOffset(value, zone);
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map((item) => (item === undefined ? null : toCliData(item, zone)));
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      if (item === undefined || key === '$metadata') continue;
      Object.defineProperty(out, key, { value: toCliData(item, zone), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Python's datetime.isoformat(): microseconds only when there are any, and a ±HH:MM offset. */
export function isoWithOffset(date: Date, zone: TimeZoneStyle): string {
  if (Number.isNaN(date.getTime())) return 'Invalid Date';
  const offsetMinutes = zone === 'utc' ? 0 : -date.getTimezoneOffset();
  const shifted = new Date(date.getTime() + offsetMinutes * 60_000);
  const pad = (n: number, width = 2) => String(n).padStart(width, '0');
  const ms = shifted.getUTCMilliseconds();
  const base =
    `${pad(shifted.getUTCFullYear(), 4)}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  const fraction = ms === 0 ? '' : `.${pad(ms, 3)}000`;
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  return `${base}${fraction}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** Python's str() of a scalar, which the text and table outputs print. */
export function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  return String(value);
}

export function isContainer(value: unknown): value is unknown[] | Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
