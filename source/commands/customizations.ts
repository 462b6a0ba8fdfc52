/**
 * Input changes the AWS CLI makes on the user's behalf for particular operations, so that a
 * line copied from AWS's documentation means the same here.
 */
export function applyCliCustomizations(service: string, operation: string, input: Record<string, unknown>): void {
  // botocore base64-encodes RunInstances' user data (`--user-data file://boot.sh`); the JS SDK does not.
  if (service === 'ec2' && operation === 'RunInstances' && typeof input.UserData === 'string') {
    input.UserData = Buffer.from(input.UserData, 'utf8').toString('base64');
  }
}
