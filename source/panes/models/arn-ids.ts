/** The resource id at the end of an ARN (`.../task/demo/1a2b...` -> `1a2b...`); the input if it is no ARN. */
export function idOf(arn: string): string {
  return arn.slice(arn.lastIndexOf('/') + 1);
}

/** `family:revision` of a task definition ARN. */
export function familyRevision(taskDefinitionArn: string | undefined): string {
  return taskDefinitionArn ? idOf(taskDefinitionArn) : '';
}

export function familyOf(taskDefinitionArn: string | undefined): string {
  const name = familyRevision(taskDefinitionArn);
  const colon = name.lastIndexOf(':');
  return colon < 0 ? name : name.slice(0, colon);
}

/** Milliseconds of an SDK timestamp (a Date), if there is one. */
export function millis(time: Date | undefined): number | undefined {
  return time === undefined ? undefined : time.getTime();
}
