export { BackendError, type Backend, type ServiceWord } from './backend.js';
export type { RuntimeChange, RuntimeName, RuntimeState, SandboxRuntime } from './backend.js';
export { readContainerLogs, ContainerLogsError, type ContainerLogs, type ContainerLogsQuery } from './sandbox-logs.js';
export { startSandboxBackend, type SandboxBackendOptions } from './sandbox.js';
export { createAwsBackend, type AwsBackendOptions } from './aws.js';
export { SDK_PACKAGES, commandClass, lazyClients, sdkModule, type SdkCommand, type SdkCommandClass, type SdkService } from './sdk-modules.js';
export { backendOf } from './backend-of.js';
