import { registerVirtualImage, type VirtualImage } from '../runtime/index.js';
import { consulImage } from './container-images/consul.js';
import { fabioImage } from './container-images/fabio.js';
import { portalImage } from './container-images/portal.js';
import { registratorImage } from './container-images/registrator.js';
import { stockPriceImage } from './container-images/stock-price.js';
import { weatherImage } from './container-images/weather.js';

/**
 * The images the network provides to the virtual runtime: Consul, Registrator, Fabio, and the
 * Consul demo's weather, stock-price and portal services, recognised by the last path
 * component of the image (`my_docker_hub_repo/weather`, `gliderlabs/registrator:latest`).
 */
export const NETWORK_IMAGES: readonly VirtualImage[] = [consulImage, registratorImage, fabioImage, weatherImage, stockPriceImage, portalImage];

let registered = false;

/** Registers them with the virtual runtime (once, however often it is called). */
export function registerNetworkImages(): void {
  if (registered) return;
  registered = true;
  for (const image of NETWORK_IMAGES) registerVirtualImage(image);
}
