import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** Whether the AWS CLI (v1 or v2) is on PATH; CI installs it. */
export const hasAwsCli = (() => {
  try {
    execFileSync('aws', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The AWS CLI pointed at a sandbox endpoint, with throw-away credentials and a home of its
 * own, so nothing of the user's ~/.aws is read or written.
 */
export function awsCli(endpoint: () => string) {
  const home = mkdtempSync(join(tmpdir(), 'ecsh-aws-cli-'));
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ACCESS_KEY_ID: 'AKIDSANDBOX',
    AWS_SECRET_ACCESS_KEY: 'sandbox-secret',
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_PAGER: '',
  };
  async function aws(...args: string[]): Promise<CliResult> {
    try {
      const out = await run('aws', ['--endpoint-url', endpoint(), '--output', 'json', ...args], { env });
      return { code: 0, stdout: out.stdout, stderr: out.stderr };
    } catch (error: any) {
      return { code: error.code, stdout: error.stdout ?? '', stderr: error.stderr ?? '' };
    }
  }
  /** Runs a call that must succeed, silently, and returns its JSON output. */
  async function json(...args: string[]): Promise<any> {
    const out = await aws(...args);
    if (out.code !== 0 || out.stderr !== '') throw new Error(`aws ${args.join(' ')} failed (${out.code}): ${out.stderr}`);
    return out.stdout.trim() ? JSON.parse(out.stdout) : {};
  }
  return { aws, json, home };
}
