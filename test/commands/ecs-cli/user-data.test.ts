import { describe, expect, it } from 'vitest';
import { instanceUserData } from '../../../source/commands/ecs-cli/user-data.js';

describe("the instances' user data", () => {
  it("is a multi-part archive whose first part joins the cluster, as ecs-cli's", () => {
    const data = instanceUserData('demo', { team: "o'brien" }, []);
    expect(data).toBe(
      [
        'Content-Type: multipart/mixed; boundary="==ECSH-BOUNDARY=="',
        'MIME-Version: 1.0',
        '',
        '--==ECSH-BOUNDARY==',
        'Content-Type: text/x-shellscript; charset="us-ascii"',
        'MIME-Version: 1.0',
        '',
        '#!/bin/bash',
        'echo ECS_CLUSTER=demo >> /etc/ecs/ecs.config',
        `echo 'ECS_CONTAINER_INSTANCE_TAGS={"team":"o'\\''brien"}' >> /etc/ecs/ecs.config`,
        '',
        '--==ECSH-BOUNDARY==--',
        '',
      ].join('\n'),
    );
  });

  it('adds each extra file as a part, and the parts of a file that is an archive itself', () => {
    const archive = 'Content-Type: multipart/mixed; boundary="XYZ"\nMIME-Version: 1.0\n\n--XYZ\nContent-Type: text/cloud-config\n\nruncmd: [ls]\n--XYZ--\n';
    const data = instanceUserData('demo', {}, ['#cloud-config\npackages: [jq]\n', archive, 'echo hi']);
    // The line break before a boundary belongs to the boundary: each part's text ends with its own.
    const parts = data.split('\n--==ECSH-BOUNDARY==').slice(1, -1);
    expect(parts).toHaveLength(4);
    expect(parts[1]).toBe('\nContent-Type: text/cloud-config; charset="us-ascii"\nMIME-Version: 1.0\n\n#cloud-config\npackages: [jq]\n');
    expect(parts[2]).toBe('\nContent-Type: text/cloud-config\n\nruncmd: [ls]\n');
    expect(parts[3]).toBe('\nContent-Type: text/x-shellscript; charset="us-ascii"\nMIME-Version: 1.0\n\necho hi\n');
  });
});
