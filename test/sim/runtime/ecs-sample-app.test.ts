import { RegisterTaskDefinitionCommand, RunTaskCommand } from '@aws-sdk/client-ecs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../support/sandbox.js';
import { clusterWithInstances } from '../task-fixtures.js';
import { eventually, taskPorts } from './fixtures.js';

const CLUSTER = 'sample';
let t: TestSandbox;
let url: string;
let taskArn: string;

/** Date lines as busybox's `date` writes them. */
const DATE_LINE = /^\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d UTC \d{4}$/;

beforeAll(async () => {
  t = await startTestSandbox();
  await clusterWithInstances(t, CLUSTER, ['us-east-1a']);
  // The getting-started guide's console-sample-app, as awslabs/ecs-demo-php-simple-app publishes it.
  await t.ecs.send(
    new RegisterTaskDefinitionCommand({
      family: 'console-sample-app',
      volumes: [{ name: 'my-vol', host: {} }],
      containerDefinitions: [
        {
          name: 'simple-app',
          image: 'amazon/amazon-ecs-sample',
          cpu: 10,
          memory: 500,
          portMappings: [{ hostPort: 80, containerPort: 80 }],
          mountPoints: [{ sourceVolume: 'my-vol', containerPath: '/var/www/my-vol' }],
          entryPoint: ['/usr/sbin/apache2', '-D', 'FOREGROUND'],
          essential: true,
        },
        {
          name: 'busybox',
          image: 'busybox',
          cpu: 10,
          memory: 500,
          volumesFrom: [{ sourceContainer: 'simple-app' }],
          entryPoint: ['sh', '-c'],
          command: ['/bin/sh -c "while true; do /bin/date > /var/www/my-vol/date; sleep 1; done"'],
          essential: false,
        },
      ],
    }),
  );
  taskArn = (await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'console-sample-app' }))).tasks![0]!.taskArn!;
  t.advance(5_000);
  const [endpoint] = await eventually(async () => {
    const ports = await taskPorts(t, taskArn);
    return ports.length > 0 ? ports : undefined;
  }, 'the sample app to listen');
  url = endpoint!.url;
});
afterAll(() => t.close());

async function page(): Promise<string> {
  return (await fetch(url)).text();
}

function dateOn(html: string): string | undefined {
  return html
    .split('\n')
    .map((line) => line.trim())
    .find((line) => DATE_LINE.test(line));
}

describe('the ECS PHP sample app with its busybox sidecar', () => {
  it('shows the page of the sample, with the date the sidecar writes through the shared volume', async () => {
    const first = await eventually(async () => dateOn(await page()), 'the sidecar to write the date');
    const html = await page();
    expect(html).toContain('<title>Simple PHP App</title>');
    expect(html).toContain('<h2>Congratulations</h2>');
    expect(html).toContain('<p>Your PHP application is now running on a container in Amazon ECS.</p>');
    expect(html).toContain('<p>The container is running PHP version 5.4.16.</p>');
    expect(html.trimEnd().endsWith('</html>')).toBe(true);
    // The sidecar sleeps on the sandbox clock: a minute later, it has written a later date.
    const before = Date.parse(first.replace(' UTC', ' GMT'));
    t.advance(60_000);
    const later = await eventually(async () => {
      const date = dateOn(await page());
      return date && Date.parse(date.replace(' UTC', ' GMT')) > before ? date : undefined;
    }, 'a later date');
    expect(Date.parse(later.replace(' UTC', ' GMT'))).toBeGreaterThan(before);
  });

  it('answers as Apache with PHP, and 404 elsewhere', async () => {
    const response = await fetch(url);
    expect(response.headers.get('server')).toBe('Apache/2.4.62 ()');
    expect(response.headers.get('x-powered-by')).toBe('PHP/5.4.16');
    const missing = await fetch(`${url}/missing.php`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('<h1>Not Found</h1>');
  });

  it('tells which task answered on a page named as an ecsh addition', async () => {
    const html = await (await fetch(`${url}/_ecsh/task`)).text();
    expect(html).toContain('This page is an ecsh addition');
    expect(html).toContain(taskArn);
    expect(html).toContain('us-east-1a');
  });

  it('stops its page after the PHP version when no sidecar writes the date, as the script dies there', async () => {
    await t.ecs.send(
      new RegisterTaskDefinitionCommand({
        family: 'sample-alone',
        containerDefinitions: [{ name: 'simple-app', image: 'amazon/amazon-ecs-sample:latest', memory: 128, portMappings: [{ containerPort: 80 }] }],
      }),
    );
    const alone = (await t.ecs.send(new RunTaskCommand({ cluster: CLUSTER, taskDefinition: 'sample-alone' }))).tasks![0]!.taskArn!;
    t.advance(5_000);
    const [endpoint] = await eventually(async () => {
      const ports = await taskPorts(t, alone);
      return ports.length > 0 ? ports : undefined;
    }, 'the lone sample app to listen');
    const html = await (await fetch(endpoint!.url)).text();
    expect(html.trimEnd().endsWith('<p>The container is running PHP version 5.4.16.</p>')).toBe(true);
  });
});
