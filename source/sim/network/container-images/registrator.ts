import type { VirtualImage } from '../../runtime/index.js';
import { matchesBaseName } from '../../runtime/index.js';
import { isLoopback, loopbackTwin } from '../addresses.js';
import { Registrator } from '../registrator.js';
import { commandLine, consulResolver, parseFlags } from './container-common.js';

/**
 * The `gliderlabs/registrator` image: `registrator [options] consul://host:port`, run as a
 * DAEMON service so that each instance has one. It sees the tasks of its own instance.
 * One departure from Registrator's defaults: -retry-attempts defaults to -1 (keep pinging
 * Consul), because ECS starts the consul and registrator tasks of an instance in no
 * particular order; give -retry-attempts N to have it exit after N failed pings, as it would.
 */
const BOOLEAN_FLAGS = ['internal', 'cleanup', 'explicit', 'version', 'h', 'help'];

const USAGE = [
  'Usage of /bin/registrator:',
  '  /bin/registrator [options] <registry URI>',
  '',
  '  -cleanup=false: Remove dangling services',
  '  -deregister="always": Deregister exited services "always" or "on-success"',
  '  -explicit=false: Only register containers which have SERVICE_NAME label set',
  '  -internal=false: Use internal ports instead of published ones',
  '  -ip="": IP for ports mapped to the host',
  '  -resync=0: Frequency with which services are resynchronized',
  '  -retry-attempts=0: Max retry attempts to establish a connection with the backend. Use -1 for infinite retries',
  '  -retry-interval=2000: Interval (in millisecond) between retry-attempts.',
  '  -tags="": Append tags for all registered services',
];

const ADAPTERS = new Set(['consul', 'consul-tls', 'consul-unix']);

export const registratorImage: VirtualImage = {
  name: 'registrator',
  matches: matchesBaseName('registrator'),
  async start(ctx) {
    const { flags, args } = parseFlags(commandLine(ctx), BOOLEAN_FLAGS);
    const uris = args.filter((a) => a.includes('://'));
    const stopNothing = { stop: async () => {} };
    if (uris.length !== 1) {
      ctx.log(uris.length === 0 ? 'Missing required argument for registry URI.' : 'Extra unparsed arguments:');
      ctx.log('');
      for (const line of USAGE) ctx.log(line);
      ctx.exit(2);
      return stopNothing;
    }
    const scheme = uris[0]!.split('://')[0]!;
    if (!ADAPTERS.has(scheme)) {
      ctx.log(`unrecognized adapter: ${uris[0]} (the sandbox's Registrator speaks to Consul only)`);
      ctx.exit(1);
      return stopNothing;
    }
    const instance = ctx.instance;
    if (!instance) {
      ctx.log('registrator: this task has no container instance, so no Docker host to watch');
      ctx.exit(1);
      return stopNothing;
    }
    if (flags.get('internal') === 'true') {
      ctx.log('ecsh: -internal registers container addresses, which the sandbox\'s containers do not have; registering published ports instead');
    }
    const ip = flags.get('ip');
    const hostIp = ip ? (isLoopback(ip) ? ip : (loopbackTwin(ip) ?? ip)) : undefined;
    const resync = Number(flags.get('resync') ?? 0);
    ctx.log(`Starting registrator v7 ...`);
    ctx.log(`Using ${scheme} adapter: ${uris[0]}`);
    const registrator = new Registrator({
      sandbox: ctx.sandbox,
      containerInstanceArn: instance.containerInstanceArn,
      instanceAddress: ctx.address,
      settings: {
        hostname: instance.ec2InstanceId ?? instance.id,
        hostIp,
        forceTags: (flags.get('tags') ?? '').split(',').map((t) => t.trim()).filter(Boolean),
        explicit: flags.get('explicit') === 'true',
        deregister: flags.get('deregister') === 'on-success' ? 'on-success' : 'always',
        resyncMs: Number.isFinite(resync) && resync > 0 ? resync * 1000 : 0,
        cleanup: flags.get('cleanup') === 'true',
        retryAttempts: Number(flags.get('retry-attempts') ?? -1),
        retryIntervalMs: Number(flags.get('retry-interval') ?? 2000),
      },
      consulUrl: consulResolver(ctx, uris[0]),
      log: (line) => ctx.log(line),
      exit: (code) => ctx.exit(code),
    });
    void registrator.start();
    return {
      async stop() {
        registrator.stop();
      },
    };
  },
};
