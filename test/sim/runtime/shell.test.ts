import { describe, expect, it } from 'vitest';
import { ContainerFiles } from '../../../source/sim/runtime/virtual/container-files.js';
import { UTILITIES } from '../../../source/sim/runtime/virtual/shell-programs.js';
import { run, type ShellMachine } from '../../../source/sim/runtime/virtual/shell-run.js';

/** A container's shell on a clock that moves by what it sleeps. */
function machine(volume = new Map<string, string>()) {
  let now = Date.UTC(2026, 0, 1);
  const abort = new AbortController();
  const shell: ShellMachine = {
    files: new ContainerFiles([{ containerPath: '/data', volume }]),
    programs: UTILITIES,
    hostname: 'abcdef012345',
    now: () => now,
    sleep: async (ms) => {
      now += ms;
    },
    signal: abort.signal,
  };
  return { shell, volume, abort };
}

async function sh(script: string, env: Record<string, string> = {}, m = machine()) {
  const lines: string[] = [];
  const status = await run(['sh', '-c', script], m.shell, env, { stdin: '', out: (t) => lines.push(t), err: (t) => lines.push(t) });
  return { status, output: lines.join(''), volume: m.volume };
}

describe('the virtual runtime shell', () => {
  it('runs lists, and-or chains and negation with their statuses', async () => {
    expect(await sh('true && echo yes || echo no; false && echo yes || echo no')).toEqual({ status: 0, output: 'yes\nno\n', volume: new Map() });
    expect((await sh('! false')).status).toBe(0);
    expect((await sh('exit 3; echo never')).status).toBe(3);
    expect((await sh('false; echo $?')).output).toBe('1\n');
  });

  it('expands variables in plain and double-quoted words, not in single quotes', async () => {
    const { output } = await sh(`GREETING="hello  there"; echo "$GREETING, \${NAME}" '$NAME' $HOSTNAME_X.`, { NAME: 'world' });
    expect(output).toBe("hello  there, world $NAME .\n");
  });

  it('loops, tests and redirects into a mounted volume', async () => {
    const counted = await sh('i=a; until [ "$i" = aaaa ]; do echo "$i" >> /data/log; i=${i}a; done; cat /data/log');
    expect(counted.output).toBe('a\naa\naaa\n');
    expect(counted.volume.get('log')).toBe('a\naa\naaa\n');
  });

  it('writes the date where the sample app sidecar writes it, once a second on its clock', async () => {
    const m = machine();
    const lines: string[] = [];
    // The sidecar never ends: stop it once it has written three times.
    let writes = 0;
    m.shell.sleep = async () => {
      if (++writes === 3) m.abort.abort();
    };
    await run(['sh', '-c', '/bin/sh -c "while true; do /bin/date > /data/date; sleep 1; done"'], m.shell, {}, { stdin: '', out: (t) => lines.push(t), err: (t) => lines.push(t) }).catch(
      () => undefined,
    );
    expect(m.volume.get('date')).toBe('Thu Jan  1 00:00:00 UTC 2026\n');
    expect(lines).toEqual([]);
  });

  it('refuses what it does not run with a clear message, as a syntax error', async () => {
    expect(await sh('echo a | tr a b')).toMatchObject({ status: 2, output: 'sh: pipes are not supported by the virtual runtime\n' });
    expect(await sh('echo $(date)')).toMatchObject({ status: 2, output: 'sh: command substitution is not supported by the virtual runtime\n' });
    expect(await sh('if true; then echo')).toMatchObject({ status: 2, output: 'sh: syntax error: expected "fi"\n' });
    expect(await sh('nosuch --flag')).toMatchObject({ status: 127, output: 'sh: nosuch: not found\n' });
  });

  it('runs if/elif/else, groups, subshells and redirections of either stream', async () => {
    const { output, volume } = await sh(
      'if false; then echo one; elif true; then echo two; else echo three; fi; (exit 4); echo $?; { echo out; cat /nope; } > /data/o 2>&1; echo hidden > /dev/null',
    );
    expect(output).toBe('two\n4\n');
    expect(volume.get('o')).toBe("out\ncat: can't open '/nope': No such file or directory\n");
  });
});
