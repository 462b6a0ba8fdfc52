import { createHash } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { sandboxSleep } from '../../network/index.js';
import { ContainerFiles, type Mount } from './container-files.js';
import { UTILITIES } from './shell-programs.js';
import { ContainerStopped, run, type Output, type Program, type ProgramCall } from './shell-run.js';
import type { VirtualContainerContext, VirtualImage } from './virtual-image.js';

/**
 * An image whose container runs a command: the argv Docker would run (the definition's
 * entryPoint and command over the image's defaults), through the programs the image has. The
 * container ends when its command ends, with its status; a server program keeps it running.
 */
export interface ShellImageSpec {
  name: string;
  matches(image: string): boolean;
  /** The image's CMD, run when the definition gives neither entryPoint nor command. */
  defaultCommand: string[];
  /** Files the image ships, by absolute path. */
  files?: Record<string, string>;
  /** The image's own programs (its servers), beside the common utilities. */
  programs?(context: VirtualContainerContext): Record<string, Program>;
  /** What an unknown program does; absent, it is "not found" as in a shell. */
  unknownProgram?: Program;
  /** What the container serves from the moment it starts, whatever its command. */
  serveAtStart?(context: VirtualContainerContext): Promise<void>;
}

type Override = { name?: string; command?: string[] };

/**
 * Docker's rule: an entryPoint given drops the image's CMD; the command given replaces it. A
 * RunTask override of the command replaces the definition's.
 */
export function commandLine(context: VirtualContainerContext, defaultCommand: string[]): string[] {
  const overrides = (context.task.overrides.containerOverrides as Override[] | undefined) ?? [];
  const command = overrides.find((o) => o.name === context.container.name)?.command ?? context.definition.command;
  const entryPoint = context.definition.entryPoint ?? [];
  if (entryPoint.length > 0) return [...entryPoint, ...(command ?? [])];
  return command && command.length > 0 ? command : defaultCommand;
}

/** Its mount points, with those of the containers it takes volumes from. */
export function mountsOf(context: VirtualContainerContext): Mount[] {
  const definitions = context.sandbox.tables.taskDefinitions.get(context.task.taskDefinitionArn)?.containerDefinitions ?? [context.definition];
  const sources = [context.definition, ...(context.definition.volumesFrom ?? []).map((v) => definitions.find((d) => d.name === v.sourceContainer))];
  return sources.flatMap((d) =>
    (d?.mountPoints ?? [])
      .filter((m) => m.sourceVolume && m.containerPath)
      .map((m) => ({ containerPath: m.containerPath!, volume: context.volume(m.sourceVolume!) })),
  );
}

/** What a server's process does while it serves: it does not end on its own. */
export function forever(): Promise<number> {
  return new Promise<number>(() => undefined);
}

/**
 * A server program: serves `handler` on `containerPort` when the task publishes it (otherwise
 * no one outside the container reaches it), and runs until the container stops.
 */
export async function serve(context: VirtualContainerContext, call: ProgramCall, containerPort: number, handler: RequestListener): Promise<number> {
  if (context.ports.some((p) => p.containerPort === containerPort && p.protocol === 'tcp')) {
    try {
      await context.listen(containerPort, handler);
    } catch (error) {
      call.err(`${call.name}: cannot listen on port ${containerPort}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  return forever();
}

/** Splits what a process writes into the lines of its log. */
function lineWriter(log: (line: string) => void): { write: Output; flush(): void } {
  let pending = '';
  return {
    write: (text) => {
      // A server's log line comes whole: no need to split.
      if (pending === '' && text.indexOf('\n') === text.length - 1) return log(text.slice(0, -1));
      pending += text;
      const lines = pending.split('\n');
      pending = lines.pop()!;
      for (const line of lines) log(line);
    },
    flush: () => {
      if (pending) log(pending);
      pending = '';
    },
  };
}

export function shellImage(spec: ShellImageSpec): VirtualImage {
  return {
    name: spec.name,
    matches: spec.matches,
    async start(context) {
      const abort = new AbortController();
      const files = new ContainerFiles(mountsOf(context), new Map(Object.entries(spec.files ?? {})));
      const programs = { ...UTILITIES, ...spec.programs?.(context) };
      const machine = {
        files,
        programs,
        unknownProgram: spec.unknownProgram,
        // Docker names a container's host after the start of its id.
        hostname: (context.container.runtimeId ?? createHash('sha256').update(context.container.containerArn).digest('hex')).slice(0, 12),
        now: () => context.sandbox.now(),
        sleep: (ms: number) => sandboxSleep(context.sandbox, ms, abort.signal),
        signal: abort.signal,
      };
      const env = { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', HOSTNAME: machine.hostname, HOME: '/root', ...context.environment };
      const output = lineWriter((line) => context.log(line));
      await spec.serveAtStart?.(context);
      const argv = commandLine(context, spec.defaultCommand);
      run(argv, machine, env, { stdin: '', out: output.write, err: output.write })
        .then((code) => {
          output.flush();
          if (!abort.signal.aborted) context.exit(code);
        })
        .catch((error: unknown) => {
          output.flush();
          if (abort.signal.aborted || error instanceof ContainerStopped) return;
          context.log(`ecsh: the virtual runtime failed running ${argv.join(' ')}: ${(error as Error).message}`);
          context.exit(1, `ecsh virtual runtime error: ${(error as Error).message}`);
        });
      return {
        stop: async () => {
          abort.abort();
        },
      };
    },
  };
}
