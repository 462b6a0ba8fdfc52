// Time to the first prompt in a real pseudo-terminal, for ecsh (the built CLI on an in-process
// sandbox) and for the AWS CLI v2's auto-prompt, run alternately, side by side, with their ratio.
// The pty comes from util-linux `script`; the clock runs from spawning the command to the first
// byte of the prompt on the terminal: `sandbox>` for ecsh, `> aws` for the AWS CLI. A second
// figure, ready, runs on until a key typed as soon as the prompt shows is echoed at it: ecsh
// draws its first frame before its screen code has loaded and reads the key once it has.
// One JSON line. Run: npm run build && node bench/first-prompt.mjs [--runs 7]
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const RUNS = Number(values.runs);
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ANSI = /\u001B(?:\[[0-?]*[ -/]*[@-~]|\][^\u0007]*\u0007|[@-Z\\-_])/g;
const TIMEOUT_MS = 30_000;
const KEY = 'e';

/** The AWS CLI v2, which has the auto-prompt (v1 does not): /usr/bin/aws first, then PATH. */
function findAwsV2() {
  for (const candidate of ['/usr/bin/aws', 'aws']) {
    const run = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    const version = `${run.stdout ?? ''}${run.stderr ?? ''}`.trim();
    if (run.status === 0 && /^aws-cli\/2\./.test(version)) return { path: candidate, version: version.split(' ')[0] };
  }
  return undefined;
}

/**
 * Spawns `command` in a 120x40 pty; resolves with the ms until `marker` shows on it (prompt),
 * and until the key typed then is echoed (ready: `echoed` says when, from what came after).
 */
function timeToPrompt(command, marker, echoed, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn('script', ['-qfc', `stty cols 120 rows 40; exec ${command}`, '/dev/null'], {
      env: { ...process.env, ...env },
      stdio: ['pipe', 'pipe', 'ignore'],
      detached: true,
    });
    let seen = '';
    let prompt;
    let afterKey = '';
    const finish = (result) => {
      clearTimeout(timer);
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      result instanceof Error ? reject(result) : resolve(result);
    };
    const timer = setTimeout(() => finish(new Error(`no prompt from '${command}' within ${TIMEOUT_MS} ms; it showed: ${seen.slice(-300)}`)), TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      const text = chunk.toString('utf8');
      seen += text;
      if (prompt === undefined) {
        if (!seen.replace(ANSI, '').includes(marker)) return;
        prompt = performance.now() - started;
        child.stdin.write(KEY);
        return;
      }
      afterKey += text;
      if (echoed(afterKey.replace(ANSI, ''))) finish({ prompt, ready: performance.now() - started });
    });
    child.once('exit', () => finish(new Error(`'${command}' exited before its prompt; it showed: ${seen.slice(-300)}`)));
  });
}

function median(times) {
  const sorted = [...times].sort((a, b) => a - b);
  return Number(sorted[Math.floor(sorted.length / 2)].toFixed(1));
}

const config = mkdtempSync(join(os.tmpdir(), 'ecsh-bench-'));
// CI unset: Ink draws only a final frame when it believes it runs in CI.
const ecshEnv = { ECSH_CONFIG_DIR: config, CI: '' };
const ecshCommand = `env -u CI ${process.execPath} ${CLI} --ephemeral`;
const aws = findAwsV2();
// Dummy settings so that the AWS CLI starts the same way on any machine; nothing is sent.
const awsEnv = { AWS_ACCESS_KEY_ID: 'AKIDBENCH', AWS_SECRET_ACCESS_KEY: 'bench', AWS_DEFAULT_REGION: 'us-east-1', AWS_PAGER: '' };

const ecsh = { prompt: [], ready: [] };
const awsCli = { prompt: [], ready: [] };
const runEcsh = () => timeToPrompt(ecshCommand, 'sandbox>', (text) => text.includes(`sandbox> ${KEY}`), ecshEnv);
// The AWS CLI redraws only what changed: any output with the key in it is its echo.
const runAws = () => timeToPrompt(`${aws.path} --cli-auto-prompt`, '> aws', (text) => text.includes(KEY), awsEnv);
const record = (into, times) => {
  into.prompt.push(times.prompt);
  into.ready.push(times.ready);
};
// One untimed start of each, so that neither pays for a cold file cache in the figures.
await runEcsh();
if (aws) await runAws();
for (let run = 0; run < RUNS; run++) {
  record(ecsh, await runEcsh());
  if (aws) record(awsCli, await runAws());
}

const ratio = (a, b) => (b ? Number((a / b).toFixed(2)) : null);
const ecshMs = median(ecsh.prompt);
const awsMs = aws ? median(awsCli.prompt) : null;
const ecshReadyMs = median(ecsh.ready);
const awsReadyMs = aws ? median(awsCli.ready) : null;
console.log(
  JSON.stringify({
    bench: 'first-prompt',
    runs: RUNS,
    ecshPromptMedianMs: ecshMs,
    awsCliAutoPromptMedianMs: awsMs,
    ratio: ratio(ecshMs, awsMs),
    ecshReadyMedianMs: ecshReadyMs,
    awsCliReadyMedianMs: awsReadyMs,
    readyRatio: ratio(ecshReadyMs, awsReadyMs),
    goalRatio: 0.5,
    withinGoal: awsMs ? ecshMs / awsMs <= 0.5 : null,
    awsCli: aws ? aws.version : null,
    ...(aws ? {} : { awsCliNote: 'no AWS CLI v2 found (v1 has no --cli-auto-prompt); on Debian: apt-get install -y awscli' }),
    loadAverage: Number(os.loadavg()[0].toFixed(2)),
    cpus: os.cpus().length,
  }),
);
