import { ECSServiceException } from '@aws-sdk/client-ecs';
import { describe, expect, it } from 'vitest';
import { CommandError, editDistance, formatError, suggest } from '../../source/commands/index.js';

const serviceError = (name: string, message: string) =>
  new ECSServiceException({ name, message, $fault: 'client', $metadata: { httpStatusCode: 400 } });

describe('one-line errors', () => {
  it('words a service error as the AWS CLI does', () => {
    expect(formatError(serviceError('ClusterNotFoundException', 'Cluster not found.'), { operation: 'DescribeClusters' })).toBe(
      'An error occurred (ClusterNotFoundException) when calling the DescribeClusters operation: Cluster not found.',
    );
    expect(formatError(serviceError('ServerException', 'UnknownError'), { operation: 'ListTasks' })).toBe(
      'An error occurred (ServerException) when calling the ListTasks operation: Unknown',
    );
  });

  it('keeps a multi-line message on one line', () => {
    expect(formatError(serviceError('InvalidParameterException', 'first line\n  second line'), { operation: 'RunTask' })).toBe(
      'An error occurred (InvalidParameterException) when calling the RunTask operation: first line second line',
    );
  });

  it('words connection, credential and region problems as the CLI does', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(formatError(refused, { endpoint: 'https://ecs.us-east-1.amazonaws.com/' })).toBe('Could not connect to the endpoint URL: "https://ecs.us-east-1.amazonaws.com/"');
    expect(formatError(refused)).toBe('Could not connect to the endpoint: connect ECONNREFUSED 127.0.0.1:1');
    const credentials = Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' });
    expect(formatError(credentials)).toBe('Unable to locate credentials. You can configure credentials by running "aws configure".');
    expect(formatError(new Error('Region is missing'))).toBe('You must specify a region. You can also configure your region by running "aws configure".');
    expect(formatError(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe('cancelled');
  });

  it('shows input errors and anything else by message, never with a stack', () => {
    expect(formatError(new CommandError('the following arguments are required: --cluster'))).toBe('the following arguments are required: --cluster');
    const unexpected = new TypeError('x is not a function');
    expect(formatError(unexpected)).toBe('x is not a function');
    expect(formatError('plain text')).toBe('plain text');
  });
});

describe('suggestions', () => {
  it('finds the nearest name within a few edits, or by prefix', () => {
    expect(suggest('list-cluster', ['list-clusters', 'list-services'])).toBe('list-clusters');
    expect(suggest('descirbe-tasks', ['describe-tasks', 'describe-services'])).toBe('describe-tasks');
    expect(suggest('register-task', ['register-task-definition', 'run-task'])).toBe('register-task-definition');
    expect(suggest('FARGAT', ['EC2', 'FARGATE'])).toBe('FARGATE');
    expect(suggest('zzz', ['list-clusters'])).toBeUndefined();
  });

  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('lsit', 'list')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});
