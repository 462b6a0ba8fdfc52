export { BackendError, type Backend, type ServiceWord } from './backend.js';
export { startSandboxBackend, type SandboxBackendOptions } from './sandbox.js';
export { createAwsBackend, type AwsBackendOptions } from './aws.js';
export { SDK_PACKAGES, commandClass, lazyClients, sdkModule, type SdkCommand, type SdkCommandClass } from './sdk-modules.js';
export { backendOf } from './backend-of.js';
