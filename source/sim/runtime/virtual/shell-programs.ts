import type { Program, ProgramCall } from './shell-run.js';

/**
 * The utilities a small image (busybox, alpine) offers and container commands call: echo,
 * printf, date, sleep, cat, test, env... They behave as busybox's do, on the container's files
 * and the sandbox clock.
 */
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const pad = (n: number, width = 2, fill = '0') => String(n).padStart(width, fill);

/** `date +FORMAT` for the usual conversions, in UTC (a container's default zone). */
export function formatDate(ms: number, format = '%a %b %e %H:%M:%S %Z %Y'): string {
  const d = new Date(ms);
  const conversions: Record<string, () => string> = {
    a: () => DAYS[d.getUTCDay()]!,
    b: () => MONTHS[d.getUTCMonth()]!,
    d: () => pad(d.getUTCDate()),
    e: () => pad(d.getUTCDate(), 2, ' '),
    H: () => pad(d.getUTCHours()),
    M: () => pad(d.getUTCMinutes()),
    S: () => pad(d.getUTCSeconds()),
    Y: () => String(d.getUTCFullYear()),
    m: () => pad(d.getUTCMonth() + 1),
    s: () => String(Math.floor(ms / 1000)),
    Z: () => 'UTC',
    T: () => `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`,
    F: () => `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`,
    '%': () => '%',
  };
  return format.replace(/%(.)/g, (all, c: string) => conversions[c]?.() ?? all);
}

const UNITS: Record<string, number> = { '': 1000, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

function sleep(call: ProgramCall): number | Promise<number> {
  if (call.args.length === 0) {
    call.err('sleep: missing operand\n');
    return 1;
  }
  let total = 0;
  for (const arg of call.args) {
    if (arg === 'infinity' || arg === 'inf') return new Promise<number>(() => undefined);
    const match = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(arg);
    if (!match) {
      call.err(`sleep: invalid number '${arg}'\n`);
      return 1;
    }
    total += Number(match[1]) * UNITS[match[2]!]!;
  }
  return call.machine.sleep(total).then(() => 0);
}

/** Backslash escapes as echo -e and printf read them. */
function unescape(text: string): string {
  return text.replace(/\\([nt\\ar0])/g, (_all, c: string) => ({ n: '\n', t: '\t', '\\': '\\', a: '\x07', r: '\r', '0': '' })[c]!);
}

function echo(call: ProgramCall): number {
  let args = call.args;
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  const text = args.join(' ');
  call.out((escapes ? unescape(text) : text) + (newline ? '\n' : ''));
  return 0;
}

function printf(call: ProgramCall): number {
  const [format, ...values] = call.args;
  if (format === undefined) {
    call.err('printf: usage: printf FORMAT [ARGUMENT]...\n');
    return 1;
  }
  let next = 0;
  // The format is reused while arguments remain, as printf does.
  do {
    call.out(
      unescape(format).replace(/%([sdi%])/g, (_all, c: string) => {
        if (c === '%') return '%';
        const value = values[next++] ?? '';
        return c === 's' ? value : String(Number.parseInt(value, 10) || 0);
      }),
    );
  } while (next < values.length && /%[sdi]/.test(format));
  return 0;
}

function cat(call: ProgramCall): number {
  if (call.args.length === 0) {
    call.out(call.stdin);
    return 0;
  }
  let status = 0;
  for (const path of call.args) {
    const content = call.machine.files.read(path, call.cwd);
    if (content === undefined) {
      call.err(`cat: can't open '${path}': No such file or directory\n`);
      status = 1;
    } else call.out(content);
  }
  return status;
}

/** `test` / `[`: the string, integer and file tests scripts use. */
function test(call: ProgramCall): number {
  let args = call.args;
  if (call.name === '[') {
    if (args[args.length - 1] !== ']') {
      call.err('[: missing ]\n');
      return 2;
    }
    args = args.slice(0, -1);
  }
  const evaluate = (a: string[]): boolean => {
    if (a[0] === '!') return !evaluate(a.slice(1));
    if (a.length === 0) return false;
    if (a.length === 1) return a[0] !== '';
    if (a.length === 2) {
      const [op, value] = a as [string, string];
      if (op === '-z') return value === '';
      if (op === '-n') return value !== '';
      if (op === '-e' || op === '-f' || op === '-s') {
        const content = call.machine.files.read(value, call.cwd);
        return op === '-s' ? (content?.length ?? 0) > 0 : content !== undefined;
      }
      return false;
    }
    const [left, op, right] = a as [string, string, string];
    const l = Number.parseInt(left, 10);
    const r = Number.parseInt(right, 10);
    const numeric: Record<string, boolean> = { '-eq': l === r, '-ne': l !== r, '-lt': l < r, '-le': l <= r, '-gt': l > r, '-ge': l >= r };
    if (op === '=' || op === '==') return left === right;
    if (op === '!=') return left !== right;
    return numeric[op] ?? false;
  };
  return evaluate(args) ? 0 : 1;
}

function env(call: ProgramCall): number {
  if (call.name === 'printenv' && call.args.length > 0) {
    const values = call.args.map((name) => call.env[name]);
    for (const value of values) if (value !== undefined) call.out(`${value}\n`);
    return values.every((v) => v !== undefined) ? 0 : 1;
  }
  for (const [name, value] of Object.entries(call.env)) call.out(`${name}=${value}\n`);
  return 0;
}

export const UTILITIES: Record<string, Program> = {
  echo,
  printf,
  cat,
  sleep,
  test,
  '[': test,
  env,
  printenv: env,
  date: (call) => {
    const format = call.args.find((a) => a.startsWith('+'));
    call.out(`${formatDate(call.machine.now(), format?.slice(1))}\n`);
    return 0;
  },
  hostname: (call) => {
    call.out(`${call.machine.hostname}\n`);
    return 0;
  },
  whoami: (call) => {
    call.out('root\n');
    return 0;
  },
  true: () => 0,
  false: () => 1,
  ':': () => 0,
  touch: (call) => {
    for (const path of call.args) if (call.machine.files.read(path, call.cwd) === undefined) call.machine.files.write(path, '', call.cwd);
    return 0;
  },
  rm: (call) => {
    for (const path of call.args.filter((a) => !a.startsWith('-'))) call.machine.files.remove(path, call.cwd);
    return 0;
  },
  mkdir: () => 0,
};
