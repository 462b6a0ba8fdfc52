export type { ContainerRuntime, RuntimeHost, RuntimeKind } from './runtime.js';
export { installRuntime, containerLogs, runtimeOf } from './install.js';
export { switchRuntime, runtimeStatus, type RuntimeStatus, type RuntimeSwitch, type RuntimeSwitchOptions } from './switch.js';
export { connectDockerRuntime } from './docker/index.js';
export type { VirtualContainerContext, VirtualImage } from './virtual/virtual-image.js';
export { registerVirtualImage, imageBaseName, matchesBaseName } from './virtual/registry.js';
