import type { Sandbox } from '../sandbox.js';
import { ssmOperations } from './parameter-operations.js';

/** Installs the Systems Manager operations the sandbox serves: reading the public parameters of the ECS-optimized AMIs. */
export function installSsm(sb: Sandbox): void {
  sb.register('ssm', ssmOperations);
}
