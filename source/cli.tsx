#!/usr/bin/env node
import './sdk-node-warning.js';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configDir } from './config/index.js';
import {
  History,
  openSettings,
  paintFirstFrame,
  runOneShot,
  runScript,
  Session,
  startInteractiveShell,
  type SessionOptions,
  type Settings,
} from './shell/index.js';

const USAGE = `usage: ecsh [options]                 the interactive shell (on the sandbox unless told otherwise)
       ecsh -c "LINE" [options]       run one line and exit (status 0 or 1)
       ecsh [options] < script        run each line of a script; stop at the first error
       ecsh serve [options]           the sandbox alone, for the AWS CLI and SDKs (ecsh serve --help)
       ecsh demo list|play|cast       the talk's demos and your recordings (ecsh demo --help)
       ecsh learn [LESSON]            lessons on the sandbox (ecsh learn --help)
       ecsh images build              the demo images for the Docker runtime (ecsh images --help)

options:
  -c, --command LINE        run LINE (e.g. "ecs list-clusters") and exit
  --ephemeral               a throw-away sandbox: nothing is kept
  --endpoint-url URL        use the sandbox (or ECS-compatible endpoint) at URL
  --backend sandbox|aws     where commands go (default: the last one chosen with .backend, else sandbox)
  --runtime virtual|docker  what runs the sandbox's tasks: in-process stand-ins or Docker containers (default: the last one chosen with .runtime, else virtual)
  --profile NAME            the AWS profile (implies --backend aws)
  --region REGION           the region
  --cluster NAME            the default --cluster of ECS commands
  --continue-on-error       in a script, run the remaining lines after one fails
  -h, --help                this help
  -v, --version             the version`;

// React's production build: the development one checks more on every render and loads slower.
process.env.NODE_ENV ??= 'production';

const [first, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (first) {
    case 'serve': {
      // Loaded only here: the simulator it imports is not for the shell's first prompt.
      const { serve } = await import('./serve.js');
      return serve(rest);
    }
    case 'demo': {
      const { demoCommand } = await import('./demo-command.js');
      return demoCommand(rest);
    }
    case 'learn': {
      const { learnCommand } = await import('./learn-command.js');
      return learnCommand(rest);
    }
    case 'images': {
      const { imagesCommand } = await import('./sim/runtime/docker/index.js');
      return imagesCommand(rest);
    }
    default:
      return shell(process.argv.slice(2));
  }
}

async function shell(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        command: { type: 'string', short: 'c' },
        ephemeral: { type: 'boolean', default: false },
        'endpoint-url': { type: 'string' },
        backend: { type: 'string' },
        runtime: { type: 'string' },
        profile: { type: 'string' },
        region: { type: 'string' },
        cluster: { type: 'string' },
        'continue-on-error': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    return usageError((error as Error).message.replace(/\s*\n\s*/g, ' '));
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${packageVersion()}\n`);
    return 0;
  }
  const backend = values.backend;
  if (backend !== undefined && backend !== 'sandbox' && backend !== 'aws') return usageError(`--backend must be sandbox or aws, got '${backend}'`);
  const sandboxOnly = values.ephemeral ? '--ephemeral' : values['endpoint-url'] !== undefined ? '--endpoint-url' : undefined;
  if (values.ephemeral && values['endpoint-url'] !== undefined) return usageError('--ephemeral and --endpoint-url cannot be used together: an external sandbox keeps its own state');
  if (sandboxOnly && backend === 'aws') return usageError(`${sandboxOnly} is for the sandbox; it cannot be used with --backend aws`);
  if (sandboxOnly && values.profile !== undefined) return usageError(`${sandboxOnly} is for the sandbox; --profile is for AWS`);
  if (values.profile !== undefined && backend === 'sandbox') return usageError('--profile is for AWS; it cannot be used with --backend sandbox');
  const runtime = values.runtime;
  if (runtime !== undefined && runtime !== 'virtual' && runtime !== 'docker') return usageError(`--runtime must be virtual or docker, got '${runtime}'`);
  if (runtime !== undefined && values['endpoint-url'] !== undefined) return usageError('--runtime is for the in-process sandbox: the sandbox at --endpoint-url chose its runtime when it started (ecsh serve --runtime docker)');
  if (runtime !== undefined && (backend === 'aws' || values.profile !== undefined)) return usageError(`--runtime is for the sandbox; it cannot be used with ${backend === 'aws' ? '--backend aws' : '--profile'}`);

  const interactive = values.command === undefined && process.stdin.isTTY === true;
  const notices: string[] = [];
  const settings = openSettings(configDir(), (message) => notices.push(message));
  const remembered = settings.get();
  const options: SessionOptions = {
    backend: (backend as Settings['backend'] | undefined) ?? (sandboxOnly || runtime ? 'sandbox' : values.profile !== undefined ? 'aws' : remembered.backend),
    profile: values.profile ?? remembered.profile,
    region: values.region ?? remembered.region,
    cluster: values.cluster ?? remembered.cluster,
    ephemeral: values.ephemeral,
    endpointUrl: values['endpoint-url'],
    // An external sandbox chose its runtime: the one remembered is for the in-process sandbox.
    runtime: (runtime as Settings['runtime']) ?? (values['endpoint-url'] === undefined ? remembered.runtime : undefined),
  };
  const session = new Session(options);
  const history = History.open(undefined, (message) => notices.push(message));

  try {
    if (!interactive) {
      const abort = new AbortController();
      const onInterrupt = () => abort.abort();
      process.once('SIGINT', onInterrupt);
      const batch = { context: { session, history }, stdout: process.stdout, stderr: process.stderr, terminalWidth: process.stdout.columns, signal: abort.signal };
      try {
        for (const notice of notices) process.stderr.write(`ecsh: ${notice}\n`);
        if (values.command !== undefined) return await runOneShot(values.command, batch);
        return await runScript(process.stdin, { ...batch, continueOnError: values['continue-on-error'] });
      } finally {
        process.off('SIGINT', onInterrupt);
      }
    }
    // The prompt shows before the screen's code (Ink, React) has loaded.
    const firstFrame = paintFirstFrame(process.stdout, process.stdin, session.state, remembered);
    return await startInteractiveShell({ context: { session, history, settings }, settings: remembered, notices, firstFrame });
  } finally {
    await Promise.all([session.close(), settings.saved()]);
  }
}

function packageVersion(): string {
  const file = new URL('../package.json', import.meta.url);
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function usageError(message: string): number {
  process.stderr.write(`ecsh: ${message}\n${USAGE.split('\n')[0]}\n(ecsh --help for all options)\n`);
  return 2;
}

// Whatever escapes is said in one line, never as a stack trace over the screen.
process.on('unhandledRejection', (reason) => {
  process.stderr.write(`ecsh: ${reason instanceof Error ? reason.message : String(reason)}\n`);
});
process.on('uncaughtException', (error) => {
  process.stderr.write(`ecsh: internal error: ${error.message.replace(/\s*\n\s*/g, ' ')}\n`);
  process.exit(1);
});

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`ecsh: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
