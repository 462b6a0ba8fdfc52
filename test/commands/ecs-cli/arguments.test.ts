import { describe, expect, it } from 'vitest';
import { VERBS, isEcsCliLine, loadEcsCliSpec, runEcsCli, type CommandSpec } from '../../../source/commands/ecs-cli/index.js';
import { parseArgs } from '../../../source/commands/ecs-cli/parse-args.js';

/** Parsing and help come from completions/ecs-cli.json, the same spec the completer reads. */
describe('ecs-cli arguments', () => {
  it('has a spec entry with docs for every verb, subcommand and flag', () => {
    const spec = loadEcsCliSpec();
    expect(Object.keys(spec.root.commands)).toEqual(Object.keys(VERBS));
    expect(spec.verbs).toEqual(Object.keys(VERBS));
    const visit = (command: CommandSpec): void => {
      expect(command.doc, command.path.join(' ')).not.toBe('');
      for (const [name, flag] of Object.entries(command.flags)) expect(flag.doc, `${command.path.join(' ')} --${name}`).not.toBe('');
      Object.values(command.commands).forEach(visit);
    };
    visit(spec.root);
    expect(Object.keys(spec.root.commands.compose!.commands.service!.commands)).toEqual(['create', 'start', 'up', 'ps', 'scale', 'stop', 'rm']);
    expect(spec.root.commands.compose!.commands.service!.commands.up!.flags).toHaveProperty('deployment-max-percent');
    // Subcommands inherit the flags of the commands above them.
    expect(spec.root.commands.compose!.commands.service!.commands.up!.flags).toHaveProperty('file');
    expect(spec.root.commands.compose!.commands.service!.commands.up!.flags).toHaveProperty('cluster');
  });

  it('reads flags in every form, with their types, aliases and environment variables', () => {
    const parsed = parseArgs(
      ['compose', '-f', 'a.yml', '--file=b.yml', '-p', 'web', 'service', 'up', '--timeout', '0.5', '--force-deployment', '--deployment-max-percent', '150'],
      { COMPOSE_PROJECT_NAME: 'ignored' },
    );
    expect(parsed.command.path).toEqual(['compose', 'service', 'up']);
    expect(parsed.flags).toEqual({ file: ['a.yml', 'b.yml'], 'project-name': 'web', timeout: 0.5, 'force-deployment': true, 'deployment-max-percent': 150 });
    const fromEnv = parseArgs(['compose', 'service', 'list'], { COMPOSE_PROJECT_NAME: 'api', COMPOSE_FILE: 'x.yml' });
    expect(fromEnv.command.path).toEqual(['compose', 'service', 'ps']);
    expect(fromEnv.flags).toEqual({ 'project-name': 'api', file: ['x.yml'] });
    expect(parseArgs(['up', '--azs', 'a, b', '--launch-type', 'fargate'], {}).flags).toEqual({ azs: ['a', 'b'], 'launch-type': 'FARGATE' });
    expect(parseArgs(['compose', 'scale', '3'], {}).positionals).toEqual(['3']);
  });

  it('answers bad words in one line, with a suggestion', () => {
    expect(() => parseArgs(['up', '--sise', '3'], {})).toThrow('unknown flag --sise for ecs-cli up (did you mean --size?)');
    expect(() => parseArgs(['up', '--size'], {})).toThrow('--size needs a value (How many instances.)');
    expect(() => parseArgs(['up', '--size', '1', '--size', '2'], {})).toThrow('--size is given 2 times: give it once');
    expect(() => parseArgs(['ps', '--desired-status', 'DONE'], {})).toThrow("--desired-status is one of RUNNING, STOPPED, not 'DONE'");
  });

  it('runs a verb from its words, with or without ecs-cli in front', async () => {
    const lines: string[] = [];
    const context = { backend: undefined as never, config: { ecshDir: '/nonexistent', ecsCliDir: '/nonexistent' }, print: (line: string) => lines.push(line) };
    expect(await runEcsCli(['ecs-cli', 'scale', '--help'], context)).toBe(0);
    expect(lines[0]).toBe('ecs-cli scale [flags]: Changes the number of instances: launches more, or drains the emptiest, waits until their service tasks run elsewhere, then terminates them.');
    // Flags in columns: the widest left part is "--cluster-config VALUE".
    expect(lines).toContain(`  ${'--size N'.padEnd('--cluster-config VALUE'.length)}  How many instances the cluster should have.`);
    lines.length = 0;
    expect(await runEcsCli(['nope'], context)).toBe(1);
    expect(lines).toEqual(["ecs-cli has no command 'nope': one of configure, up, down, scale, ps, compose"]);
    lines.length = 0;
    expect(await runEcsCli(['compose', 'service'], context)).toBe(1);
    expect(lines).toEqual(['ecs-cli compose service needs a command: create, start, up, ps, scale, stop, rm']);
    lines.length = 0;
    expect(await runEcsCli(['scale'], context)).toBe(1);
    expect(lines).toEqual(['ecs-cli scale needs --size (How many instances the cluster should have.)']);
  });

  it('knows which lines are its own', () => {
    for (const line of ['ecs-cli ps', 'up --size 3', 'compose service up', 'down --force', 'ps', 'configure default --config-name x']) expect(isEcsCliLine(line), line).toBe(true);
    for (const line of ['ecs list-clusters', 'ecs-clip', 'upload', '.cluster x']) expect(isEcsCliLine(line), line).toBe(false);
  });
});
