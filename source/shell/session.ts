import { createAwsBackend, startSandboxBackend, type Backend } from '../api/index.js';
import { oneLine } from './one-line.js';

export type BackendKind = 'sandbox' | 'aws';

export interface SessionOptions {
  backend: BackendKind;
  /** An AWS profile (AWS only). */
  profile?: string;
  /** The region; on AWS, undefined means the profile's. */
  region?: string;
  /** The default --cluster of ECS commands. */
  cluster?: string;
  /** A throw-away in-process sandbox. */
  ephemeral?: boolean;
  /** An external sandbox or ECS-compatible endpoint instead of an in-process one. */
  endpointUrl?: string;
  /** Where an in-process sandbox keeps its state (default: the config dir). */
  statePath?: string;
  /** A seeded in-process sandbox gives the same ids, addresses and times on every run (demos, lessons). */
  seed?: number;
  /** Simulated ms per real ms of an in-process sandbox. */
  speed?: number;
  /** An in-process sandbox whose time moves only when told (a demo's headless verification). */
  manualClock?: boolean;
  /** What runs an in-process sandbox's tasks: the virtual runtime (the default) or containers on the local Docker engine. */
  runtime?: 'virtual' | 'docker';
}

/** What the prompt and toolbar show about the session. */
export interface SessionState {
  kind: BackendKind;
  /** `sandbox`, `endpoint:HOST:PORT` or `aws:PROFILE@REGION`. */
  label: string;
  region?: string;
  profile?: string;
  cluster?: string;
  /** The backend is being started (the sandbox loading its state, the AWS region being resolved). */
  starting: boolean;
  /** Why the backend could not start, in one line. */
  error?: string;
}

export interface BackendStarters {
  sandbox: typeof startSandboxBackend;
  aws: typeof createAwsBackend;
}

const DEFAULT_STARTERS: BackendStarters = { sandbox: startSandboxBackend, aws: createAwsBackend };

/**
 * The backend the shell talks to, and the switches between backends, profiles and regions.
 * The backend starts on first use, not before the first prompt; the sandbox, once started,
 * stays up for the whole session, so that switching to AWS and back (or to another region,
 * which for the sandbox is only other clients on the same endpoint) loses nothing, even
 * when it is ephemeral.
 */
export class Session {
  private options: SessionOptions;
  private current: Promise<Backend> | undefined;
  private resolved: Backend | undefined;
  private sandboxHost: Promise<Backend> | undefined;
  /** Bumped by every switch, so that a backend that finishes starting after a newer switch is not used. */
  private generation = 0;
  private currentState: SessionState;
  private readonly listeners = new Set<(state: SessionState) => void>();

  constructor(
    options: SessionOptions,
    private readonly starters: BackendStarters = DEFAULT_STARTERS,
  ) {
    this.options = { ...options };
    this.currentState = this.pendingState();
  }

  get state(): SessionState {
    return this.currentState;
  }

  get cluster(): string | undefined {
    return this.currentState.cluster;
  }

  /** Names the backend and region now, so that cached resource names of one never show for another. */
  scopeKey(): string {
    return `${this.currentState.label}\u0000${this.currentState.region ?? ''}`;
  }

  subscribe(listener: (state: SessionState) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The backend, started on the first call; rejects (with a one-line message) when it cannot start. */
  backend(): Promise<Backend> {
    this.current ??= this.start(this.generation);
    return this.current;
  }

  /**
   * A backend in another region for one command (the AWS CLI's `--region`): the session's own
   * region stays. On the sandbox, other clients on the same endpoint; on AWS, the session's
   * profile in that region. The caller closes it when the command is done.
   */
  async backendIn(region: string): Promise<Backend> {
    await this.backend();
    if (this.options.backend === 'aws') return this.starters.aws({ profile: this.options.profile, region });
    const host = await this.sandboxHost!;
    return relabeled(await this.starters.sandbox({ endpointUrl: host.endpoints!, region }), host);
  }

  setCluster(cluster: string | undefined): void {
    this.options.cluster = cluster;
    this.update({ cluster });
  }

  /** Switches backend, profile or region; resolves once the new backend is up. */
  async switchTo(changes: Partial<Pick<SessionOptions, 'backend' | 'profile' | 'region'>>): Promise<Backend> {
    const previous = this.resolved;
    this.options = { ...this.options, ...changes };
    this.generation++;
    this.current = undefined;
    this.resolved = undefined;
    this.currentState = this.pendingState();
    this.notify();
    if (previous) await this.release(previous);
    return this.backend();
  }

  async close(): Promise<void> {
    this.generation++;
    const resolved = this.resolved;
    this.resolved = undefined;
    this.current = undefined;
    if (resolved) await this.release(resolved);
    const host = this.sandboxHost;
    this.sandboxHost = undefined;
    if (host) await host.then((backend) => backend.close()).catch(() => undefined);
  }

  private async start(generation: number): Promise<Backend> {
    try {
      const backend = this.options.backend === 'aws' ? await this.starters.aws({ profile: this.options.profile, region: this.options.region }) : await this.sandbox();
      if (generation !== this.generation) {
        // A switch happened while this one started: it is not the session's backend.
        await this.release(backend);
        return this.backend();
      }
      this.resolved = backend;
      this.update({ label: backend.label, region: backend.region, profile: backend.profile, starting: false, error: undefined });
      return backend;
    } catch (error) {
      if (generation === this.generation) {
        // Let the next command try again (after the user fixed what the message says).
        this.current = undefined;
        this.update({ starting: false, error: oneLine(error) });
      }
      throw error;
    }
  }

  /** The sandbox in the session's region: the host itself, or other clients on its endpoint. */
  private async sandbox(): Promise<Backend> {
    if (!this.sandboxHost) {
      const { ephemeral, statePath, endpointUrl, region, seed, speed, manualClock, runtime } = this.options;
      this.sandboxHost = this.starters.sandbox({ ephemeral, statePath, endpointUrl, region, seed, speed, manualClock, runtime });
      this.sandboxHost.catch(() => (this.sandboxHost = undefined));
    }
    const host = await this.sandboxHost;
    const region = this.options.region ?? host.region;
    if (region === host.region) return host;
    const view = await this.starters.sandbox({ endpointUrl: host.endpoints!, region });
    return relabeled(view, host);
  }

  /** Closes a backend that is no longer used, but never the sandbox host. */
  private async release(backend: Backend): Promise<void> {
    const host = this.sandboxHost ? await this.sandboxHost.catch(() => undefined) : undefined;
    if (backend !== host) await backend.close().catch(() => undefined);
  }

  private pendingState(): SessionState {
    const { backend, profile, region, cluster } = this.options;
    const state: SessionState = { kind: backend, label: pendingLabel(this.options), starting: true };
    const shownRegion = backend === 'aws' ? (region ?? (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined)) : (region ?? 'us-east-1');
    if (shownRegion) state.region = shownRegion;
    if (backend === 'aws') state.profile = profile ?? awsProfileFromEnv();
    if (cluster) state.cluster = cluster;
    return state;
  }

  private update(changes: Partial<SessionState>): void {
    const next: SessionState = { ...this.currentState, ...changes };
    for (const [key, value] of Object.entries(changes)) if (value === undefined) delete next[key as keyof SessionState];
    this.currentState = next;
    this.notify();
  }

  private notify(): void {
    for (const listener of this.listeners) listener(this.currentState);
  }
}

function awsProfileFromEnv(): string {
  return process.env.AWS_PROFILE || process.env.AWS_DEFAULT_PROFILE || 'default';
}

/** The label before the backend is up, worded as the backend will word it. */
function pendingLabel(options: SessionOptions): string {
  if (options.backend === 'aws') {
    const region = options.region ?? (process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || '…');
    return `aws:${options.profile ?? awsProfileFromEnv()}@${region}`;
  }
  if (options.endpointUrl === undefined) return 'sandbox';
  try {
    return `endpoint:${new URL(options.endpointUrl).host}`;
  } catch {
    return 'endpoint';
  }
}

/** A view of the sandbox host in another region, under the host's label and with its runtime (its clients and close() unchanged). */
function relabeled(backend: Backend, host: Backend): Backend {
  return Object.create(backend, { label: { value: host.label, enumerable: true }, runtime: { value: host.runtime, enumerable: true } }) as Backend;
}

