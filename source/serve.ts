import { parseArgs } from 'node:util';
import { defaultStatePath } from './config/index.js';
import { startSandbox, startStandaloneConsul, StateFileError } from './sim/index.js';

const USAGE =
  'usage: ecsh serve [--host 127.0.0.1] [--port N] [--state FILE | --ephemeral] [--speed X] [--seed N] [--region R] [--consul] [--runtime virtual|docker [--keep-containers]]';

/** `ecsh serve`: the sandbox on its own, for the AWS CLI, boto3 or any SDK. */
export async function serve(argv: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '4580' },
        state: { type: 'string' },
        ephemeral: { type: 'boolean', default: false },
        speed: { type: 'string' },
        seed: { type: 'string' },
        region: { type: 'string', default: 'us-east-1' },
        consul: { type: 'boolean', default: false },
        runtime: { type: 'string', default: 'virtual' },
        'keep-containers': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    process.stderr.write(`ecsh serve: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = Number(values.port);
  const speed = values.speed === undefined ? undefined : Number(values.speed);
  const seed = values.seed === undefined ? undefined : Number(values.seed);
  if (!Number.isInteger(port) || port < 0 || port > 65535) return usageError(`--port must be 0-65535, got '${values.port}'`);
  if (speed !== undefined && !(speed > 0)) return usageError(`--speed must be a positive number, got '${values.speed}'`);
  if (seed !== undefined && !Number.isInteger(seed)) return usageError(`--seed must be an integer, got '${values.seed}'`);
  if (values.ephemeral && values.state) return usageError('--state and --ephemeral cannot be used together');
  if (values.runtime !== 'virtual' && values.runtime !== 'docker') return usageError(`--runtime must be virtual or docker, got '${values.runtime}'`);
  if (values['keep-containers'] && values.runtime !== 'docker') return usageError('--keep-containers is for --runtime docker');

  let running;
  try {
    running = await startSandbox({
      host: values.host,
      port,
      state: values.ephemeral ? undefined : (values.state ?? defaultStatePath()),
      speed,
      seed,
      defaultRegion: values.region,
      runtime: values.runtime,
      keepContainers: values['keep-containers'],
    });
  } catch (error) {
    if (error instanceof StateFileError) return usageError(error.message);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') return usageError(`port ${port} is in use; choose another with --port (0 picks a free one)`);
    if (code === 'EACCES') return usageError(`not allowed to listen on ${values.host}:${port}; choose a port above 1023`);
    throw error;
  }
  process.stdout.write(`endpoint: ${running.url}\n`);
  process.stdout.write(`try: aws --endpoint-url ${running.url} --region ${values.region} ecs list-clusters\n`);
  process.stdout.write(`endpoints: ${running.url}/_ecsh/endpoints\n`);
  if (values.consul) {
    const consul = await startStandaloneConsul(running.sandbox);
    process.stdout.write(`consul: ${consul.httpUrl} (dns ${consul.dns.host}:${consul.dns.port})\n`);
  }

  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await running.close();
  return 0;
}

function usageError(message: string): number {
  process.stderr.write(`ecsh serve: ${message}\n`);
  return 2;
}
