import type { Sandbox } from '../sandbox.js';

/** Installs the EC2 API's operations and the jobs that boot instances. */
export function installEc2(sb: Sandbox): void {
  sb.register('ec2', {});
}
