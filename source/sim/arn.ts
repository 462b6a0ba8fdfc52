/** ARNs as AWS forms them, for the one account the sandbox simulates. */
export const ACCOUNT_ID = '123456789012';

export function ecsArn(region: string, resource: string): string {
  return `arn:aws:ecs:${region}:${ACCOUNT_ID}:${resource}`;
}

export function isArn(value: string): boolean {
  return value.startsWith('arn:');
}

/** The region of an ARN (its fourth field), or undefined for a bare name. */
export function arnRegion(value: string): string | undefined {
  if (!isArn(value)) return undefined;
  return value.split(':')[3];
}

/** The part after the last '/' of an ARN, or the value itself when it is a bare name or id. */
export function lastSegment(value: string): string {
  const slash = value.lastIndexOf('/');
  return slash === -1 ? value : value.slice(slash + 1);
}

/** The resource part of an ARN: `cluster/name`, `task/cluster/id`, ... */
export function arnResource(value: string): string {
  const parts = value.split(':');
  return parts.slice(5).join(':');
}
