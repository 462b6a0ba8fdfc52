import type { Clock } from './clock.js';
import { installEc2 } from './ec2/index.js';
import { installEcs } from './ecs/index.js';
import { installElb } from './elb/index.js';
import { Sandbox } from './sandbox.js';
import { installSsm } from './ssm/index.js';
import type { SandboxState } from './state.js';

export interface CreateSandboxOptions {
  clock?: Clock;
  seed?: number;
  state?: SandboxState;
}

/** A sandbox with every service's operations and job handlers installed. */
export function createSandbox(options: CreateSandboxOptions = {}): Sandbox {
  const sandbox = new Sandbox(options);
  installEcs(sandbox);
  installEc2(sandbox);
  installElb(sandbox);
  installSsm(sandbox);
  return sandbox;
}
