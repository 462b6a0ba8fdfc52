import { defaultStatePath } from '../config/index.js';
import { BackendError, type Backend, type RuntimeName, type SandboxRuntime } from './backend.js';
import { backendOf } from './backend-of.js';
import { lazyClients } from './sdk-modules.js';
// Types only: the simulator itself is loaded when a sandbox starts.
import type { Sandbox } from '../sim/index.js';

type Simulator = typeof import('../sim/index.js');

export interface SandboxBackendOptions {
  /** Where the sandbox keeps its state (default: the state file in ecsh's config dir). */
  statePath?: string;
  /** A throw-away sandbox: state in memory only. */
  ephemeral?: boolean;
  /** An external sandbox (`ecsh serve`) or any ECS-compatible endpoint, instead of one in-process. */
  endpointUrl?: string;
  /** Default: us-east-1. */
  region?: string;
  /** Simulated ms per real ms (in-process only). */
  speed?: number;
  seed?: number;
  /**
   * Time moves only when told (`POST /_ecsh/clock`), from the same start on every run: with a
   * seed, a demo's verification gives the same ids, addresses and times every time (in-process only).
   */
  manualClock?: boolean;
  /**
   * What runs tasks' containers (in-process only): the virtual runtime (the default), or real
   * containers on the local Docker engine (the virtual runtime when none answers).
   */
  runtime?: RuntimeName;
}

/** The sandbox never checks signatures, but the SDK signs every request: these are never sent anywhere else. */
const SANDBOX_CREDENTIALS = { accessKeyId: 'ECSHSANDBOXKEY', secretAccessKey: 'ecsh-sandbox-secret' };

/**
 * The sandbox as a backend: started in-process on an ephemeral 127.0.0.1 port (its state kept
 * in the config dir unless ephemeral), or an external one at `endpointUrl`; the SDK clients
 * point at it with dummy credentials.
 */
export async function startSandboxBackend(options: SandboxBackendOptions = {}): Promise<Backend> {
  const region = options.region ?? 'us-east-1';
  if (options.endpointUrl !== undefined && options.runtime !== undefined) {
    throw new BackendError('the sandbox at an endpoint URL chose its runtime when it started (ecsh serve --runtime docker); a runtime is for the in-process sandbox');
  }
  if (options.endpointUrl !== undefined) return externalSandbox(options.endpointUrl, region);
  if (options.ephemeral && options.statePath) throw new BackendError('a state file and an ephemeral sandbox cannot be used together');
  // Loaded here so that a shell on AWS never loads the simulator.
  const sim = await import('../sim/index.js');
  const { startSandbox, ManualClock } = sim;
  const statePath = options.ephemeral ? undefined : (options.statePath ?? defaultStatePath());
  const running = await startSandbox({
    clock: options.manualClock ? new ManualClock() : undefined,
    host: '127.0.0.1',
    port: 0,
    state: statePath,
    speed: options.speed,
    seed: options.seed,
    defaultRegion: region,
    runtime: options.runtime,
  });
  // Errors from an in-process sandbox are deterministic: retrying them would only repeat them.
  const clients = lazyClients({ endpoint: running.url, region, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
  const backend = backendOf({ kind: 'sandbox', label: 'sandbox', region, endpoints: running.url }, clients, () => running.close());
  return Object.assign(backend, { runtime: sandboxRuntime(sim, running.sandbox, options.runtime ?? 'virtual', statePath) });
}

/** The runtime of an in-process sandbox, as the shell's `.runtime` reads and switches it. */
function sandboxRuntime(sim: Simulator, sandbox: Sandbox, asked: RuntimeName, statePath: string | undefined): SandboxRuntime {
  let wanted = asked;
  return {
    state: () => ({ ...sim.runtimeStatus(sandbox), asked: wanted }),
    async switchTo(kind) {
      const change = await sim.switchRuntime(sandbox, kind, { statePath });
      if (!change.noEngine) wanted = kind;
      return { ...change, asked: wanted };
    },
  };
}

function externalSandbox(endpointUrl: string, region: string): Backend {
  let url: URL;
  try {
    url = new URL(endpointUrl);
  } catch {
    throw new BackendError(`--endpoint-url must be a URL such as http://127.0.0.1:4580, got '${endpointUrl}'`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new BackendError(`--endpoint-url must be an http:// or https:// URL, got '${endpointUrl}'`);
  }
  const endpoint = url.href.replace(/\/$/, '');
  const clients = lazyClients({ endpoint, region, credentials: SANDBOX_CREDENTIALS });
  return backendOf({ kind: 'sandbox', label: `endpoint:${url.host}`, region, endpoints: endpoint }, clients);
}
