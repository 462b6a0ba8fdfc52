import { EventEmitter } from 'node:events';
import { pushJob, peekJob, popJob } from './agenda.js';
import { ManualClock, ScaledClock, type Clock } from './clock.js';
import { ApiError } from './errors.js';
import { Random } from './random.js';
import { emptyTables, type SandboxState, type Tables } from './state.js';

/** Who is calling: the region comes from the request's credential scope. */
export interface RequestContext {
  region: string;
}

export type Operation = (sb: Sandbox, input: any, ctx: RequestContext) => unknown;
export type JobHandler = (sb: Sandbox, key: string) => void;
export type ServiceName = 'ecs' | 'ec2' | 'elb' | 'elbv2' | 'ssm';

export interface SandboxOptions {
  clock?: Clock;
  seed?: number;
  /** A state loaded from disk; a fresh one otherwise. */
  state?: SandboxState;
}

/** Operations that only read: everything else marks the state as changed. */
const READ_ONLY = /^(Describe|List|Get|Discover)/;

/**
 * The simulated control plane: tables of records, a clock, seeded randomness, the
 * registered API operations of each service and the jobs due on the clock. No HTTP here:
 * the protocol layer calls `call()`, and the runtime and network listen to `events`.
 */
export class Sandbox {
  readonly clock: Clock;
  readonly random: Random;
  readonly state: SandboxState;
  /** 'task' (TaskRecord) after a task's status changes; 'instance', 'service', ... likewise. */
  readonly events = new EventEmitter();
  /** Set when anything changed since the state was last saved. */
  changed = false;

  private readonly operations: Record<string, Map<string, Operation>> = {};
  private readonly jobHandlers = new Map<string, JobHandler>();

  constructor(options: SandboxOptions = {}) {
    this.clock = options.clock ?? new ScaledClock(1, options.state?.clockAt);
    const state = options.state;
    this.state = state ?? {
      tables: emptyTables(),
      agenda: [],
      seq: 0,
      clockAt: this.clock.now(),
      random: new Random(options.seed ?? Date.now()).state,
      revisions: {},
    };
    this.random = new Random(options.seed !== undefined && !state ? options.seed : this.state.random);
    this.events.setMaxListeners(100);
  }

  get tables(): Tables {
    return this.state.tables;
  }

  now(): number {
    return this.clock.now();
  }

  register(service: ServiceName, operations: Record<string, Operation>): void {
    const map = (this.operations[service] ??= new Map());
    for (const [name, op] of Object.entries(operations)) map.set(name, op);
  }

  onJob(kind: string, handler: JobHandler): void {
    this.jobHandlers.set(kind, handler);
  }

  has(service: ServiceName, operation: string): boolean {
    return this.operations[service]?.has(operation) ?? false;
  }

  operationNames(service: ServiceName): string[] {
    return [...(this.operations[service]?.keys() ?? [])];
  }

  /** Runs one API operation. Throws ApiError for anything the API would refuse. */
  call(service: ServiceName, operation: string, input: unknown, ctx: RequestContext): unknown {
    const op = this.operations[service]?.get(operation);
    if (!op) throw new ApiError('UnknownOperationException', `Unknown operation ${operation}.`);
    this.runDue();
    const output = op(this, input ?? {}, ctx);
    if (!READ_ONLY.test(operation)) this.touch();
    this.syncState();
    return output;
  }

  /** Marks the state as changed (for work done outside an API call: jobs, controllers). */
  touch(): void {
    this.changed = true;
  }

  /** Runs `kind` for `key` after `delayMs` of simulated time. */
  schedule(delayMs: number, kind: string, key: string): void {
    pushJob(this.state, { at: this.now() + Math.max(0, Math.round(delayMs)), kind, key });
  }

  /** When the next job is due (simulated ms), if any. */
  nextDueAt(): number | undefined {
    return peekJob(this.state)?.at;
  }

  /** Runs every job due by now, in time order. Returns how many ran. */
  runDue(): number {
    return this.runUntil(this.now());
  }

  /**
   * Moves a manual clock forward, running the jobs in between at their own times, so
   * that what happens in a minute happens in the same order as it would in real time.
   */
  advance(ms: number): void {
    if (!(this.clock instanceof ManualClock)) throw new Error('only a manual clock can be advanced');
    const target = this.clock.now() + ms;
    for (let next = this.nextDueAt(); next !== undefined && next <= target; next = this.nextDueAt()) {
      if (next > this.clock.now()) this.clock.set(next);
      this.runUntil(next);
    }
    this.clock.set(target);
    this.syncState();
  }

  private runUntil(time: number): number {
    let ran = 0;
    for (let next = this.nextDueAt(); next !== undefined && next <= time; next = this.nextDueAt()) {
      const job = popJob(this.state)!;
      const handler = this.jobHandlers.get(job.kind);
      if (!handler) continue;
      handler(this, job.key);
      ran++;
    }
    if (ran > 0) {
      this.touch();
      this.syncState();
    }
    return ran;
  }

  private syncState(): void {
    this.state.clockAt = this.clock.now();
    this.state.random = this.random.state;
  }
}
