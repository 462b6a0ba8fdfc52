export type { VirtualContainerContext, VirtualImage } from './virtual/virtual-image.js';
export { registerVirtualImage, imageBaseName, matchesBaseName } from './virtual/registry.js';
