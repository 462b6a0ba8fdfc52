export type { ContainerRuntime, RuntimeHost, RuntimeKind } from './runtime.js';
export { installRuntime, containerLogs, runtimeOf } from './install.js';
export { connectDockerRuntime } from './docker/index.js';
export type { VirtualContainerContext, VirtualImage } from './virtual/virtual-image.js';
export { registerVirtualImage, imageBaseName, matchesBaseName } from './virtual/registry.js';
