import type { VirtualImage } from '../../runtime/index.js';
import { matchesBaseName } from '../../runtime/index.js';
import { startFabio } from '../fabio/fabio.js';
import { fabioProperties } from '../fabio/properties.js';
import { FABIO_VERSION } from '../fabio/ui.js';
import { commandLine, consulResolver, containerHostname, listenPort } from './container-common.js';

/**
 * The `fabiolb/fabio` image (and magiconair/fabio, its old name): the proxy on the host port
 * mapped to 9999 and the UI/API on the one mapped to 9998, routes from the Consul agent that
 * `registry.consul.addr` reaches (by default that of its instance, or its cluster's server).
 */
export const fabioImage: VirtualImage = {
  name: 'fabio',
  matches: matchesBaseName('fabio'),
  async start(ctx) {
    const properties = fabioProperties(commandLine(ctx), ctx.environment);
    const closers: Array<() => Promise<void>> = [];
    const listen = (port: number) => async (handler: Parameters<typeof listenPort>[2]) => {
      const served = await listenPort(ctx, port, handler);
      closers.push(served.close);
      return served.url;
    };
    ctx.log(`[INFO] Version ${FABIO_VERSION} starting`);
    const fabio = await startFabio({
      sandbox: ctx.sandbox,
      properties,
      consulUrl: consulResolver(ctx, properties.consulAddr),
      listenProxy: listen(properties.proxyPort),
      listenUi: listen(properties.uiPort),
      hostname: containerHostname(ctx),
      log: (line) => ctx.log(line),
      taskArn: ctx.task.taskArn,
    }).catch(async (error: unknown) => {
      for (const close of closers) await close();
      throw error;
    });
    return {
      async stop() {
        await fabio.stop();
        for (const close of closers) await close();
      },
    };
  },
};
