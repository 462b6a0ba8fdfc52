export { BackendError, type Backend, type ServiceWord } from './backend.js';
export { startSandboxBackend, type SandboxBackendOptions } from './sandbox.js';
export { createAwsBackend, type AwsBackendOptions } from './aws.js';
export { SDK_PACKAGES, commandClass, sdkModule, type SdkCommand, type SdkCommandClass } from './sdk-modules.js';
