#!/usr/bin/env node
import './sdk-node-warning.js';
import { serve } from './serve.js';

const [command, ...rest] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'serve':
      return serve(rest);
    case undefined:
      return serve(['--port', '0', ...rest]);
    case '--help':
    case '-h':
      process.stdout.write('usage: ecsh serve [options]\n');
      return 0;
    default:
      process.stderr.write(`ecsh: unknown command '${command}'; try 'ecsh serve --help'\n`);
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`ecsh: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
