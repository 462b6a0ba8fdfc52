import { describe, expect, it } from 'vitest';
import { CommandError, tokenize, tokenizePartial } from '../../source/commands/index.js';

const values = (line: string) => tokenize(line).map((t) => t.value);

describe('tokenize', () => {
  it('splits on any run of whitespace', () => {
    expect(values('  ecs   list-clusters\t--output  json ')).toEqual(['ecs', 'list-clusters', '--output', 'json']);
  });

  it('keeps single-quoted text literally, backslashes and double quotes included', () => {
    expect(values(`--query 'clusters[?status==\`ACTIVE\`].clusterName' --x 'a\\b "c"'`)).toEqual([
      '--query',
      'clusters[?status==`ACTIVE`].clusterName',
      '--x',
      'a\\b "c"',
    ]);
  });

  it('lets a backslash escape only \\ " $ and ` inside double quotes', () => {
    expect(values(String.raw`"a \"b\" c\\d \n \$HOME"`)).toEqual([String.raw`a "b" c\d \n $HOME`]);
  });

  it('joins adjacent quoted and bare parts into one word', () => {
    expect(values(`--overrides '{"containerOverrides":'"[]}" name=a' 'b`)).toEqual(['--overrides', '{"containerOverrides":[]}', 'name=a b']);
  });

  it('escapes the next character outside quotes, including a space', () => {
    expect(values(String.raw`--started-by my\ job \'x\'`)).toEqual(['--started-by', 'my job', "'x'"]);
  });

  it('keeps an empty quoted word', () => {
    expect(values(`--x '' ""`)).toEqual(['--x', '', '']);
  });

  it('treats # at the start of a word as a comment, but not inside one', () => {
    expect(values('ecs list-clusters # all of them')).toEqual(['ecs', 'list-clusters']);
    expect(values('--x a#b')).toEqual(['--x', 'a#b']);
    expect(values('# only a comment')).toEqual([]);
  });

  it('records where each word was typed and whether any of it was quoted', () => {
    const tokens = tokenize(`ecs  describe-clusters --clusters "my web"`);
    expect(tokens.map((t) => [t.start, t.end, t.quoted])).toEqual([
      [0, 3, false],
      [5, 22, false],
      [23, 33, false],
      [34, 42, true],
    ]);
  });

  it('refuses an unterminated quote with what to do', () => {
    expect(() => tokenize(`--query 'clusters[0]`)).toThrow(new CommandError("unterminated single quote; close it with '"));
    expect(() => tokenize('--x "abc')).toThrow(/unterminated double quote/);
    expect(() => tokenize('--x abc\\')).toThrow(/ends with a backslash/);
  });

  it('reports the open token of an unfinished line for completion', () => {
    const partial = tokenizePartial(`ecs describe-clusters --clusters "we`);
    expect(partial.open).toBe('"');
    expect(partial.tokens.at(-1)).toEqual({ value: 'we', start: 33, end: 36, quoted: true });
    expect(tokenizePartial('ecs list-cl').open).toBeUndefined();
  });
});

describe('command substitution', () => {
  const refusal = (line: string) => {
    try {
      tokenize(line);
    } catch (error) {
      expect(error).toBeInstanceOf(CommandError);
      return (error as Error).message;
    }
    throw new Error(`'${line}' was accepted`);
  };

  it('says that $(...) is not supported, with the inner command to run first, or ! for the system shell', () => {
    expect(refusal('ecs describe-tasks --tasks $(ecs list-tasks --query taskArns[0] --output text)')).toBe(
      'command substitution $(...) is not supported in ecsh: run the inner command on its own line first (ecs list-tasks --query taskArns[0] --output text), with --query and --output text if it should print just the value, then paste that value here; or start the line with ! to hand it to the system shell',
    );
    expect(refusal('ecs describe-tasks --tasks "$(ecs list-tasks --query taskArns --output text)"')).toMatch(/^command substitution \$\(\.\.\.\) is not supported in ecsh: run the inner command on its own line first \(ecs list-tasks /);
    expect(refusal('ecs describe-tasks --tasks=$(ecs list-tasks')).toMatch(/^command substitution \$\(\.\.\.\) is not supported in ecsh: run the inner command on its own line first \(with --query/);
  });

  it('says the same of backticks that open a word', () => {
    expect(refusal('ecs describe-tasks --tasks `ecs list-tasks --query taskArns[0] --output text`')).toMatch(
      /^command substitution `\.\.\.` is not supported in ecsh: run the inner command on its own line first \(ecs list-tasks --query taskArns\[0\] --output text\)/,
    );
  });

  it('leaves single quotes, escapes and JMESPath literals alone', () => {
    expect(values(`--x '$(date)' "\\$(date)" \\$(date)`)).toEqual(['--x', '$(date)', '$(date)', '$(date)']);
    expect(values('--query "services[?runningCount==`0`].serviceName"')).toEqual(['--query', 'services[?runningCount==`0`].serviceName']);
    expect(values('--query services[?desiredCount>`1`]')).toEqual(['--query', 'services[?desiredCount>`1`]']);
  });
});
