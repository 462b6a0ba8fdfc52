export {
  bindLoopback,
  bindSocket,
  configureNetwork,
  ec2InstanceTwin,
  FALLBACK_HOST,
  httpUrl,
  isAwsvpcTask,
  isLoopback,
  loopbackTwin,
  networkNotice,
  taskEniAddress,
  taskTwin,
  type Bindable,
  type BindFunction,
  type Bound,
  type NetworkOptions,
} from './addresses.js';
export { ENDPOINT_KINDS, listEndpoints, publishEndpoint, type Endpoint, type EndpointKind } from './endpoints.js';
export { AGENT_INTROSPECTION_PORT } from './agent-api.js';
export { dockerContainerName, taskFamilyAndRevision } from './agent-names.js';
export { sandboxSleep, sandboxTimer } from './sandbox-timers.js';
export { installNetwork } from './install.js';
export { serveInProcess } from './in-process-ports.js';
export { rawHeader } from './raw-header.js';
export { healthChecksSettled } from './lb-health-checks.js';
