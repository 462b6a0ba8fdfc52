import { parseArgs } from 'node:util';
import { connectEngine, noEngineMessage } from './engine.js';
import { BUSYBOX_PATH, buildImages } from './images-build.js';

const USAGE = `usage: ecsh images build [--force] [--busybox PATH]
  builds, with no network, the images the demos run on the Docker runtime (ecsh serve --runtime docker)
  --force          also take tags (nginx:latest, busybox:latest, ...) that name images not built by ecsh
  --busybox PATH   the static busybox to build from (default ${BUSYBOX_PATH}, Debian's busybox-static)`;

/** `ecsh images ...`; returns the exit status. */
export async function imagesCommand(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        force: { type: 'boolean', default: false },
        busybox: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    process.stderr.write(`ecsh images: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 1 || positionals[0] !== 'build') {
    process.stderr.write(`ecsh images: ${positionals.length === 0 ? 'say what to do' : `unknown command '${positionals.join(' ')}'`}\n${USAGE}\n`);
    return 2;
  }
  const engine = await connectEngine();
  if ('error' in engine) {
    process.stderr.write(`${noEngineMessage(engine.error, 'no image was built')}\n`);
    return 1;
  }
  try {
    for (const { image, tagged, skipped } of await buildImages(engine.docker, { busybox: values.busybox, force: values.force })) {
      if (tagged.length > 0) process.stdout.write(`built ${tagged.join(', ')}: ${image.description}\n`);
      if (skipped.length > 0) process.stdout.write(`left ${skipped.join(', ')} as it is: not an ecsh image (--force takes it)\n`);
    }
    return 0;
  } catch (error) {
    process.stderr.write(`ecsh images: ${(error as Error).message}\n`);
    return 1;
  }
}
