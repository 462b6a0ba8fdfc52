import { describe, expect, it } from 'vitest';
import { loadApiIndex } from '../../source/commands/index.js';
import { firstSentence, helpFor } from '../../source/shell/help-text.js';

const index = loadApiIndex();
const help = (topic: string) => {
  const answer = helpFor(topic.split(' '), index);
  if (answer.text === undefined) throw new Error(`no help on ${topic}: ${answer.error}`);
  return answer.text;
};
const row = (text: string, option: string) => text.split('\n').find((line) => line.trimStart().startsWith(`${option} `));

describe('.help for an operation', () => {
  it('keeps a description whole past "e.g."', () => {
    expect(row(help('ecs create-cluster'), '--settings')).toMatch(/list: Cluster settings, e\.g\. name=containerInsights,value=enabled\.$/);
  });

  it('shows the shorthand a structured parameter takes, never a form it refuses', () => {
    const text = help('ecs run-task');
    const lines = text.split('\n');
    const tags = lines.findIndex((line) => line.trimStart().startsWith('--tags '));
    expect(lines[tags]).toContain('list: Tags, each as key=KEY,value=VALUE (several separated by spaces).');
    expect(lines[tags + 1]!.trim()).toBe('shorthand: key=string,value=string ...');
    expect(text).not.toContain('key=value pairs');
    expect(text).toContain('shorthand: awsvpcConfiguration={subnets=[string,string],securityGroups=[string,string],assignPublicIp=string}');
    expect(help('ec2 describe-instances')).toContain('shorthand: Name=string,Values=string,string ...');
  });
});

describe('.help for wait commands', () => {
  it('lists wait among the operations of a service that has waiters', () => {
    const text = help('ecs');
    expect(text.split('\n')[0]).toBe('ecs: 88 operations (.help ecs OPERATION for one; .help ecs wait for its waiters)');
    expect(text).toMatch(/\bwait\b/);
  });

  it('lists the waiters with what each waits for', () => {
    const text = help('ecs wait');
    expect(text.split('\n')[0]).toMatch(/^ecs wait: waits until a condition is met/);
    expect(text).toMatch(/\n {2}services-stable +Wait until the services are stable/);
    for (const name of ['services-inactive', 'tasks-running', 'tasks-stopped']) expect(text).toContain(`  ${name} `);
    expect(help('aws ec2 wait')).toMatch(/\n {2}instance-running +Wait until Reservations\[\]\.Instances\[\]\.State\.Name is running for all\./);
  });

  it('explains one waiter: how it checks, when it fails, and the parameters of the operation it polls', () => {
    const text = help('ecs wait services-stable');
    const lines = text.split('\n');
    expect(lines[0]).toBe('ecs wait services-stable: Wait until the services are stable: one deployment each, and as many tasks running as desired.');
    expect(lines[1]).toBe('Checks with ecs describe-services every 15 s; after 120 checks it fails (exit status 255). Prints nothing when done.');
    expect(row(text, '--services *')).toBeDefined();
    expect(row(text, '--cluster')).toBeDefined();
  });

  it('names an unknown waiter', () => {
    expect(helpFor(['ecs', 'wait', 'nope'], index)).toEqual({ error: "ecs has no waiter 'nope'; .help ecs wait lists them" });
  });
});

describe('first sentences', () => {
  it('end at a full stop before a space, not at an abbreviation or inside a number or name', () => {
    expect(firstSentence('Cluster settings, e.g. name=containerInsights,value=enabled. More text.')).toBe('Cluster settings, e.g. name=containerInsights,value=enabled.');
    expect(firstSentence('The platform, i.e. Fargate. Next.')).toBe('The platform, i.e. Fargate.');
    expect(firstSentence('Ports, volumes, etc. are kept. Next.')).toBe('Ports, volumes, etc. are kept.');
    expect(firstSentence('Needs platform version 1.4.0 or later on t3.micro. Next.')).toBe('Needs platform version 1.4.0 or later on t3.micro.');
    expect(firstSentence('No full stop here')).toBe('No full stop here');
  });
});
