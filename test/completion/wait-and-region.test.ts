import { describe, expect, it } from 'vitest';
import { loadApiIndex } from '../../source/commands/index.js';
import { completeLine, type CompletionResult } from '../../source/completion/index.js';

const catalog = loadApiIndex();

function complete(line: string, options: { regions?: readonly string[] } = {}): CompletionResult {
  return completeLine(line, line.length, { catalog, mode: 'prefix', ...options });
}

const labels = (result: CompletionResult) => result.candidates.map((c) => c.label);

describe('completing the AWS CLI waiters and --region', () => {
  it('offers wait among ecs operations, then its waiters, then the options of the operation it polls', () => {
    expect(labels(complete('ecs wai'))).toEqual(['wait']);
    expect(labels(complete('ecs wait '))).toEqual(expect.arrayContaining(['services-stable', 'services-inactive', 'tasks-running', 'tasks-stopped']));
    expect(labels(complete('ecs wait services-s'))).toEqual(['services-stable']);
    const options = labels(complete('ecs wait services-stable --'));
    expect(options).toEqual(expect.arrayContaining(['--services', '--cluster']));
    expect(options).not.toContain('--max-items');
    expect(labels(complete('ec2 wait instance-r'))).toEqual(['instance-running']);
  });

  it('says when the word after wait is not a waiter', () => {
    const result = complete('ecs wait services-stabel --');
    expect(result.candidates).toEqual([]);
    expect(result.context).toEqual({ kind: 'none', reason: "'services-stabel' is not a waiter of ecs" });
  });

  it('offers --region on API commands, with the regions it is given', () => {
    expect(labels(complete('ecs list-clusters --reg'))).toEqual(['--region']);
    expect(labels(complete('ecs list-clusters --region eu-w', { regions: ['eu-west-1', 'eu-west-2', 'us-east-1'] }))).toEqual(['eu-west-1', 'eu-west-2']);
  });
});
