// Keystroke cost of completion over 10,000 cached resource names: each keystroke of a few
// queries re-runs the whole completer (context, ranking, candidates) on the built engine in
// dist/, in fuzzy and prefix mode, beside fuse.js ranking the same names. One JSON line.
// Run: npm run build && node bench/completion-rank.mjs
import Fuse from 'fuse.js';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadApiIndex } from '../dist/commands/index.js';
import { ResourceCache, completeLine } from '../dist/completion/index.js';
import { QUERIES, serviceNames } from './service-names.mjs';

const NAMES = 10_000;
const FRAME_MS = 16;
const ROUNDS = 5;


const resourceNames = serviceNames(NAMES);
const cache = new ResourceCache({ provider: async () => resourceNames, ttlMs: Number.MAX_SAFE_INTEGER });
await cache.get('service', 'demo');
const catalog = loadApiIndex();
const linePrefix = 'ecs describe-services --cluster demo --services ';

function keystrokes() {
  return QUERIES.flatMap((query) => Array.from({ length: query.length }, (_, k) => query.slice(0, k + 1)));
}

// Wall time is what the user sees; CPU time is the same work without the waits for a busy
// CPU, which dominate wall time on a loaded machine. The first round only warms up.
function measure(run) {
  const wall = [];
  const cpu = [];
  for (let round = 0; round < ROUNDS; round++) {
    for (const typed of keystrokes()) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      run(typed);
      const elapsed = performance.now() - start;
      const used = process.cpuUsage(cpuStart);
      if (round === 0) continue;
      wall.push(elapsed);
      cpu.push((used.user + used.system) / 1000);
    }
  }
  const wallFigures = percentiles(wall);
  const cpuFigures = percentiles(cpu);
  return { p50Ms: wallFigures.p50, p99Ms: wallFigures.p99, maxMs: wallFigures.max, cpuP50Ms: cpuFigures.p50, cpuP99Ms: cpuFigures.p99 };
}

function percentiles(times) {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q) => Number(sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))].toFixed(3));
  return { p50: at(0.5), p99: at(0.99), max: Number(sorted[sorted.length - 1].toFixed(3)) };
}

function complete(mode) {
  return (typed) => {
    const line = linePrefix + typed;
    const result = completeLine(line, line.length, { catalog, resources: cache, mode });
    if (result.context.kind !== 'value') throw new Error(`expected a value context, got ${result.context.kind}`);
  };
}

const fuse = new Fuse(resourceNames, { includeMatches: true, threshold: 0.4 });
const fuzzy = measure(complete('fuzzy'));
const prefix = measure(complete('prefix'));
const fuseJs = measure((typed) => fuse.search(typed, { limit: 100 }));

console.log(
  JSON.stringify({
    bench: 'completion-rank',
    names: NAMES,
    keystrokes: keystrokes().length,
    fuzzy,
    prefix,
    fuseJs,
    fuseOverOursP50: Number((fuseJs.p50Ms / fuzzy.p50Ms).toFixed(1)),
    withinFrame: fuzzy.p99Ms <= FRAME_MS && prefix.p99Ms <= FRAME_MS,
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
    cpus: os.cpus().length,
  }),
);
