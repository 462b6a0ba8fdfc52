// Keystroke-to-frame latency of the completion menu with 10,000 cached resource names: the
// built shell (Ink, React, the completion engine, the real render path) on streams that act as
// a 120x40 terminal; each key is written to its stdin and the clock stops when the frame that
// shows it is written to its stdout. Keys are spaced beyond Ink's frame throttle, as typing is.
// One JSON line. Run: npm run build && node bench/keystroke.mjs [--rounds 3]
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { QUERIES, serviceNames as makeServiceNames } from './service-names.mjs';

// As the CLI runs: React's production build, and Ink drawing frames as on a terminal (not CI).
process.env.NODE_ENV = 'production';
delete process.env.CI;
const { History, Session, loadCompletionEngine, memorySettings, startInteractiveShell } = await import('../dist/shell/index.js');

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '3' } } });
const ROUNDS = Number(values.rounds);
const NAMES = 10_000;
const FRAME_MS = 16;
const PREFIX = 'ecs describe-services --cluster demo --services ';

const serviceNames = makeServiceNames(NAMES);

class TerminalOut extends EventEmitter {
  isTTY = true;
  columns = 120;
  rows = 40;
  waiters = [];
  write(chunk) {
    const text = String(chunk);
    this.waiters = this.waiters.filter((waiter) => !waiter(text));
    return true;
  }
  /** Resolves with the time of the first write that `test` accepts. */
  next(test) {
    return new Promise((resolve) => this.waiters.push((text) => test(text) && (resolve(performance.now()), true)));
  }
}

class TerminalIn extends EventEmitter {
  isTTY = true;
  data = null;
  write(data) {
    this.data = data;
    this.emit('readable');
  }
  read() {
    const { data } = this;
    this.data = null;
    return data;
  }
  setEncoding() {}
  setRawMode() {}
  ref() {}
  unref() {}
  resume() {}
  pause() {}
}

const stdout = new TerminalOut();
const stdin = new TerminalIn();
const session = new Session({ backend: 'sandbox', ephemeral: true });
const provider = async (kind) => (kind === 'service' ? serviceNames : kind === 'cluster' ? ['demo'] : []);
const context = { session, history: History.open(undefined), settings: memorySettings() };
const ANSI = /\u001B\[[0-?]*[ -/]*[@-~]/g;
const plain = (text) => text.replace(ANSI, '');
const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// These streams hold no handle open as a terminal does: keep the process up until the end.
const keepAlive = setInterval(() => undefined, 1_000);
const firstFrame = stdout.next((text) => plain(text).includes('F10'));
const exited = startInteractiveShell({
  context,
  settings: { fuzzy: true, theme: 'dark' },
  loadCompletion: () => loadCompletionEngine(session, { provider, profiles: [] }),
  stdin,
  stdout,
  stderr: stdout,
});
await firstFrame;
await pause(50);

// The line up to the value, then wait until the names are in the menu.
const named = stdout.next((text) => /payments-|search-|catalog-/.test(plain(text)));
stdin.write(PREFIX);
await named;
await pause(50);

async function key(data, shows) {
  const drawn = stdout.next((text) => plain(text).includes(shows));
  const start = performance.now();
  stdin.write(data);
  const latency = (await drawn) - start;
  await pause(FRAME_MS + 10);
  return latency;
}

const latencies = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const query of QUERIES) {
    for (let k = 1; k <= query.length; k++) {
      const latency = await key(query[k - 1], `--services ${query.slice(0, k)}`);
      if (round > 0) latencies.push(latency);
    }
    // ctrl-w: back to the empty value.
    await key('\u0017', PREFIX.trim());
  }
}

const sorted = [...latencies].sort((a, b) => a - b);
// Ink routes console.log into its frames while it runs: the figures go to stdout directly.
const at = (q) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(2));
process.stdout.write(
  `${JSON.stringify({
    bench: 'keystroke',
    names: NAMES,
    keystrokes: latencies.length,
    p50Ms: at(0.5),
    p99Ms: at(0.99),
    maxMs: Number(sorted.at(-1).toFixed(2)),
    goalP99Ms: FRAME_MS,
    withinFrame: at(0.99) <= FRAME_MS,
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
    cpus: os.cpus().length,
  })}\n`,
);
stdin.write('\u001B[21~');
await exited;
await session.close();
clearInterval(keepAlive);
process.exit(0);
