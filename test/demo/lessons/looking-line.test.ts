import { describe, expect, it } from 'vitest';
import { isLookingLine } from '../../../source/demo/lessons/looking-line.js';

describe('which lines only look', () => {
  it('takes reads, the shell’s own commands, ! commands and comments as looking', () => {
    for (const line of [
      'ecs describe-services --cluster learn --services web',
      'aws ecs list-tasks --cluster learn',
      'elb describe-instance-health --load-balancer-name web-lb',
      'ecs wait services-stable --cluster learn --services web',
      'ecs get-task-protection --cluster learn',
      'ecs help',
      'ecs create-service help',
      'ecs-cli ps --cluster learn',
      'ps',
      'ecs-cli compose --file web.yml service ps',
      '.pane placement',
      '.help',
      '!curl -s http://127.31.4.152/',
      '# a note',
      '   ',
      'ecs',
    ]) {
      expect(isLookingLine(line), line).toBe(true);
    }
  });

  it('takes anything that may change the sandbox as a try', () => {
    for (const line of [
      'ecs create-service --cluster learn --service-name web --task-definition web',
      'aws ecs update-service --cluster learn --service web --desired-count 4',
      'ecs stop-task --cluster learn --task 1234',
      'ecs run-task --cluster learn --task-definition describe-things',
      'ecs-cli up --cluster learn --size 2 --capability-iam',
      'up --cluster learn',
      'ecs-cli compose service up',
      'elb configure-health-check --load-balancer-name web-lb --health-check Target=HTTP:80/',
      'ecs create-servce --cluster learn',
    ]) {
      expect(isLookingLine(line), line).toBe(false);
    }
  });
});
