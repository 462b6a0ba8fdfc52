import type { Sandbox } from '../sandbox.js';
import { configureNetwork, networkNotice, type NetworkOptions } from './addresses.js';
import { installAgentApi } from './agent-api.js';
import { installEndpoints } from './endpoints.js';
import { installLoadBalancerHealthChecks } from './lb-health-checks.js';
import { installLoadBalancerProxies } from './lb-proxy.js';

/**
 * Sets up what the sandbox serves on loopback besides its API: how listeners bind and where
 * their notices go, the endpoints list, each instance's agent API, and the load balancers'
 * listeners and health checks.
 */
export function installNetwork(sb: Sandbox, options: NetworkOptions = {}): void {
  configureNetwork(sb, options);
  installEndpoints(sb);
  installAgentApi(sb, (error) => networkNotice(sb, `ecsh: the container agent API could not start: ${(error as Error).message}`));
  installLoadBalancerProxies(sb);
  installLoadBalancerHealthChecks(sb);
}
