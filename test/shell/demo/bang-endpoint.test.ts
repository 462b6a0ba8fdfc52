import { afterEach, describe, expect, it } from 'vitest';
import { demosDirectory } from '../../../source/demo/index.js';
import { runLine } from '../../../source/shell/run-line.js';
import { testShell, type TestShell } from '../support.js';

// `!` commands typed in the shell get the sandbox's endpoint, as a demo's `!` steps do, so that
// the demos' `sh bin/endpoint NAME` works off script too; where there is none, it says why.
let shell: TestShell | undefined;
afterEach(async () => {
  await shell?.close();
  shell = undefined;
});

const demos = demosDirectory();

describe('a ! command in the shell', () => {
  it('has ECSH_ENDPOINT, the sandbox it runs on, and bin/endpoint looks names up there', async () => {
    shell = testShell({}, { cwd: demos });
    const backend = await shell.session.backend();
    const echoed = await runLine('!echo "$ECSH_ENDPOINT"', shell.context);
    expect(echoed.output.trim()).toBe(backend.endpoints);
    const missing = await runLine('!sh bin/endpoint php-app:80', shell.context);
    expect(missing).toMatchObject({ ok: false, output: 'endpoint: nothing named php-app:80 listens yet\n' });
    await runLine('elb create-load-balancer --load-balancer-name php-app --listeners Protocol=HTTP,LoadBalancerPort=80,InstanceProtocol=HTTP,InstancePort=80 --availability-zones us-east-1a', shell.context);
    const found = await runLine('!sh bin/endpoint php-app:80', shell.context);
    expect(found.output).toMatch(/^http:\/\/127\.[\d.]+:80\n$/);
  });

  it('on AWS has none, and bin/endpoint says so instead of an empty URL', async () => {
    shell = testShell({ backend: 'aws', region: 'us-east-1' }, { cwd: demos });
    const outcome = await runLine('!curl -s $(sh bin/endpoint php-app:80) | grep h2', shell.context);
    expect(outcome.output).toContain(
      'endpoint: ECSH_ENDPOINT is not set: ecsh sets it for ! commands on a sandbox (there is none on AWS); elsewhere export ECSH_ENDPOINT=URL, the URL ecsh serve prints\n',
    );
  });
});

describe('bin/endpoint', () => {
  it('says when nothing answers at ECSH_ENDPOINT', async () => {
    shell = testShell({ backend: 'aws', region: 'us-east-1' }, { cwd: demos });
    const outcome = await runLine('!ECSH_ENDPOINT=http://127.0.0.1:9 sh bin/endpoint php-app:80', shell.context);
    expect(outcome).toMatchObject({ ok: false, output: 'endpoint: no sandbox answers at http://127.0.0.1:9/_ecsh/endpoints\n' });
  });
});

