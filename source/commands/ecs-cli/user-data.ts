/**
 * The instances' user data as ecs-cli builds it: a MIME multi-part archive whose first part
 * tells the ECS agent its cluster (and the container instance's tags), followed by the
 * `--extra-user-data` files, each a part of its own (a file that is itself a multi-part
 * archive gives its parts).
 */
const BOUNDARY = '==ECSH-BOUNDARY==';

export function instanceUserData(cluster: string, tags: Record<string, string>, extraFiles: string[]): string {
  const agent = ['#!/bin/bash', `echo ECS_CLUSTER=${cluster} >> /etc/ecs/ecs.config`];
  if (Object.keys(tags).length > 0) agent.push(`echo '${`ECS_CONTAINER_INSTANCE_TAGS=${JSON.stringify(tags)}`.replaceAll("'", "'\\''")}' >> /etc/ecs/ecs.config`);
  const parts = [part('text/x-shellscript', agent.join('\n')), ...extraFiles.flatMap(extraParts)];
  return [
    `Content-Type: multipart/mixed; boundary="${BOUNDARY}"`,
    'MIME-Version: 1.0',
    '',
    ...parts.map((p) => `--${BOUNDARY}\n${p}`),
    `--${BOUNDARY}--`,
    '',
  ].join('\n');
}

function part(contentType: string, body: string): string {
  return `Content-Type: ${contentType}; charset="us-ascii"\nMIME-Version: 1.0\n\n${body.endsWith('\n') ? body : `${body}\n`}`;
}

function extraParts(text: string): string[] {
  const boundary = /^Content-Type:\s*multipart\/mixed;\s*boundary="?([^"\r\n]+)"?/im.exec(text)?.[1];
  if (boundary) {
    return text
      .split(`--${boundary}`)
      .slice(1)
      .filter((chunk) => !chunk.startsWith('--'))
      .map((chunk) => chunk.replace(/^\r?\n/, ''));
  }
  if (text.startsWith('#cloud-config')) return [part('text/cloud-config', text)];
  if (text.startsWith('#cloud-boothook')) return [part('text/cloud-boothook', text)];
  return [part('text/x-shellscript', text)];
}
