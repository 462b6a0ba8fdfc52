export { Sandbox, type RequestContext, type Operation } from './sandbox.js';
export { ManualClock, ScaledClock, type Clock } from './clock.js';
export { createSandbox } from './create.js';
export { startSandbox, type RunningSandbox, type StartSandboxOptions } from './protocol/server.js';
export { switchRuntime, runtimeStatus, type RuntimeStatus, type RuntimeSwitch } from './runtime/index.js';
export { StateFileError } from './state-file.js';
export { ApiError } from './errors.js';
export { ACCOUNT_ID } from './arn.js';
export { startStandaloneConsul, type RunningAgent, type StandaloneConsulOptions } from './network/consul/index.js';
