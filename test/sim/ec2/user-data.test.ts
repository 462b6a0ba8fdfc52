import { describe, expect, it } from 'vitest';
import { wildcard } from '../../../source/sim/ec2/filters.js';
import { agentCluster, agentSettings, decodeUserData } from '../../../source/sim/ec2/user-data.js';

describe('the agent settings in user data', () => {
  it('reads ECS_* settings from echo lines, quoted or not, and plain config lines', () => {
    const script = [
      '#!/bin/bash',
      'echo ECS_CLUSTER=web>>/etc/ecs/ecs.config',
      'echo "ECS_ENABLE_CONTAINER_METADATA=true" >> /etc/ecs/ecs.config',
      `echo 'ECS_INSTANCE_ATTRIBUTES={"stack": "prod"}' >> /etc/ecs/ecs.config`,
      'ECS_RESERVED_MEMORY=128',
      'yum install -y htop',
    ].join('\n');
    expect(agentSettings(script)).toEqual({
      ECS_CLUSTER: 'web',
      ECS_ENABLE_CONTAINER_METADATA: 'true',
      ECS_INSTANCE_ATTRIBUTES: '{"stack": "prod"}',
      ECS_RESERVED_MEMORY: '128',
    });
  });

  it('joins the named cluster, else `default` on the ECS-optimized image, else none', () => {
    expect(agentCluster({ ECS_CLUSTER: 'web' }, false)).toBe('web');
    expect(agentCluster({}, true)).toBe('default');
    expect(agentCluster({}, false)).toBeUndefined();
    // A shell variable the agent would see expanded: the sandbox cannot, and falls back.
    expect(agentCluster({ ECS_CLUSTER: '${CLUSTER}' }, true)).toBe('default');
  });

  it('decodes base64 and refuses what is not', () => {
    expect(decodeUserData(Buffer.from('ECS_CLUSTER=a\n').toString('base64'))).toBe('ECS_CLUSTER=a\n');
    expect(() => decodeUserData('ECS_CLUSTER=a')).toThrow('Invalid BASE64 encoding of user data.');
  });
});

describe('filter wildcards', () => {
  it('match whole values with * and ?, and take \\ as an escape', () => {
    expect(wildcard('web-*').test('web-1')).toBe(true);
    expect(wildcard('web-*').test('my-web-1')).toBe(false);
    expect(wildcard('web-?').test('web-12')).toBe(false);
    expect(wildcard('a.b').test('axb')).toBe(false);
    expect(wildcard('100\\%\\*').test('100%*')).toBe(true);
    expect(wildcard('100\\%\\*').test('100%x')).toBe(false);
  });
});
