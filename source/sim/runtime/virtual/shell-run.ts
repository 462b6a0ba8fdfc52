import { posix } from 'node:path';
import type { ContainerFiles } from './container-files.js';
import { parseShell, ShellSyntaxError, type Redirect, type ShellNode, type Word } from './shell-syntax.js';

/**
 * Runs a container's command the way its process would: the argv of entryPoint + command,
 * where `sh -c SCRIPT` interprets the script (shell-syntax.ts) and every other program is one
 * the image provides or a common utility (shell-programs.ts). It runs until the command ends,
 * with its exit status, or forever for a server, until the container is stopped.
 */
export type Output = (text: string) => void;

export interface ProgramCall {
  name: string;
  args: string[];
  env: Record<string, string>;
  stdin: string;
  out: Output;
  err: Output;
  cwd: string;
  machine: ShellMachine;
}

/** A program: resolves to its exit status. A server's promise does not resolve while it serves. */
export type Program = (call: ProgramCall) => number | Promise<number>;

/** What the commands of one container run on. */
export interface ShellMachine {
  files: ContainerFiles;
  programs: Record<string, Program>;
  /** What a program the image does not have does; absent, it is "not found", as in a shell. */
  unknownProgram?: Program;
  hostname: string;
  /** Sandbox time. */
  now(): number;
  /** Waits on the sandbox clock. */
  sleep(ms: number): Promise<void>;
  /** Aborted when the container is stopped: everything running in it ends. */
  signal: AbortSignal;
}

/** `exit N` unwinds to the shell that runs the script. */
class ShellExit {
  constructor(readonly code: number) {}
}

/** The container was stopped: its commands end without a status of their own. */
export class ContainerStopped extends Error {}

const NOT_FOUND = 127;
const SYNTAX_ERROR = 2;

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

interface Io {
  stdin: string;
  out: Output;
  err: Output;
}

class Shell {
  private status = 0;
  private cwd = '/';
  private readonly background: Array<Promise<unknown>> = [];

  constructor(
    private readonly machine: ShellMachine,
    private readonly env: Record<string, string>,
    private readonly positional: string[],
  ) {}

  async runScript(source: string, io: Io): Promise<number> {
    let tree: ShellNode;
    try {
      tree = parseShell(source);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      io.err(`sh: ${error.message}\n`);
      return SYNTAX_ERROR;
    }
    try {
      return await this.exec(tree, io);
    } catch (error) {
      if (error instanceof ShellExit) return error.code;
      throw error;
    }
  }

  private expand(word: Word): string {
    return word.parts
      .map((part) => {
        if ('text' in part) return part.text;
        const name = part.variable;
        if (name === '?') return String(this.status);
        if (name === '$') return '1';
        if (name === '#') return String(this.positional.length - 1);
        if (name === '@' || name === '*') return this.positional.slice(1).join(' ');
        if (/^\d$/.test(name)) return this.positional[Number(name)] ?? '';
        return this.env[name] ?? '';
      })
      .join('');
  }

  private async exec(node: ShellNode, io: Io): Promise<number> {
    if (this.machine.signal.aborted) throw new ContainerStopped();
    switch (node.type) {
      case 'list': {
        for (const item of node.items) {
          if (item.background) {
            this.background.push(this.exec(item.node, io).catch(() => undefined));
            this.status = 0;
          } else this.status = await this.exec(item.node, io);
        }
        return this.status;
      }
      case 'and-or': {
        let status = await this.exec(node.first, io);
        for (const { op, node: next } of node.rest) {
          if ((op === '&&') === (status === 0)) status = await this.exec(next, io);
        }
        return (this.status = status);
      }
      case 'not':
        return (this.status = (await this.exec(node.node, io)) === 0 ? 1 : 0);
      case 'loop': {
        let status = 0;
        for (;;) {
          const test = await this.exec(node.condition, io);
          if ((test === 0) === node.until) break;
          status = await this.exec(node.body, io);
          // A loop that never waits must still let the rest of the process run.
          await nextTurn();
        }
        return (this.status = status);
      }
      case 'if': {
        for (const branch of node.branches) {
          if ((await this.exec(branch.condition, io)) === 0) return (this.status = await this.exec(branch.body, io));
        }
        return (this.status = node.otherwise ? await this.exec(node.otherwise, io) : 0);
      }
      case 'group': {
        if (!node.subshell) return this.exec(node.body, io);
        const inner = new Shell(this.machine, { ...this.env }, this.positional);
        inner.cwd = this.cwd;
        try {
          return (this.status = await inner.exec(node.body, io));
        } catch (error) {
          if (error instanceof ShellExit) return (this.status = error.code);
          throw error;
        }
      }
      case 'redirected': {
        const fds = this.redirect(node.redirects, io);
        return (this.status = typeof fds === 'number' ? fds : await this.exec(node.node, fds));
      }
      case 'simple':
        return (this.status = await this.simple(node, io));
    }
  }

  /** The command's streams after its redirections; files are written as the command writes. */
  private redirect(redirects: Redirect[], io: Io): Io | number {
    const fds: Io = { ...io };
    for (const r of redirects) {
      const target = this.expand(r.target);
      if (r.op === '<') {
        const content = this.machine.files.read(target, this.cwd);
        if (content === undefined) {
          io.err(`sh: can't open '${target}': No such file or directory\n`);
          return 1;
        }
        fds.stdin = content;
        continue;
      }
      let sink: Output;
      if (r.op === '>&') sink = target === '2' ? fds.err : fds.out;
      else if (target === '/dev/null') sink = () => undefined;
      else if (target === '/dev/stdout') sink = io.out;
      else if (target === '/dev/stderr') sink = io.err;
      else {
        if (r.op === '>') this.machine.files.write(target, '', this.cwd);
        const cwd = this.cwd;
        sink = (text) => this.machine.files.append(target, text, cwd);
      }
      if (r.fd === 2) fds.err = sink;
      else fds.out = sink;
    }
    return fds;
  }

  private async simple(node: Extract<ShellNode, { type: 'simple' }>, io: Io): Promise<number> {
    const words = node.words.map((w) => this.expand(w));
    const assigned = Object.fromEntries(node.assigns.map((a) => [a.name, this.expand(a.value)]));
    if (words.length === 0) {
      Object.assign(this.env, assigned);
      return 0;
    }
    const fds = this.redirect(node.redirects, io);
    if (typeof fds === 'number') return fds;
    const [name, ...args] = words as [string, ...string[]];
    const builtin = this.builtin(name, args, fds);
    if (builtin !== undefined) return builtin;
    return run([name, ...args], this.machine, { ...this.env, ...assigned }, fds, this.cwd);
  }

  /** The commands that change the shell itself; undefined for any other command. */
  private builtin(name: string, args: string[], io: Io): number | Promise<number> | undefined {
    switch (name) {
      case 'exit':
        throw new ShellExit(args[0] === undefined ? this.status : Number.parseInt(args[0], 10) & 0xff);
      case 'export':
        for (const arg of args) {
          const eq = arg.indexOf('=');
          if (eq > 0) this.env[arg.slice(0, eq)] = arg.slice(eq + 1);
        }
        return 0;
      case 'unset':
        for (const arg of args) delete this.env[arg];
        return 0;
      case 'cd':
        this.cwd = posix.resolve(this.cwd, args[0] ?? this.env.HOME ?? '/');
        return 0;
      case 'set':
      case 'trap':
      case 'ulimit':
      case 'umask':
        return 0;
      case 'wait':
        return Promise.all(this.background.splice(0)).then(() => 0);
      case 'exec':
        if (args.length === 0) return 0;
        return run(args, this.machine, this.env, io, this.cwd).then((code) => {
          throw new ShellExit(code);
        });
      default:
        return undefined;
    }
  }
}

/** `sh [-c SCRIPT [NAME [ARG...]]]`, `sh FILE`, or `sh` with nothing to read: it ends at once. */
async function shell(call: ProgramCall): Promise<number> {
  let first = 0;
  let command = false;
  for (; first < call.args.length && /^-[a-z]+$/.test(call.args[first]!); first++) {
    if (call.args[first]!.includes('c')) command = true;
  }
  const rest = call.args.slice(first);
  const shellWith = (positional: string[]) => new Shell(call.machine, { ...call.env }, positional);
  const io = { stdin: '', out: call.out, err: call.err };
  if (command) {
    if (rest[0] === undefined) {
      call.err(`${call.name}: -c requires an argument\n`);
      return SYNTAX_ERROR;
    }
    return shellWith([rest[1] ?? call.name, ...rest.slice(2)]).runScript(rest[0], io);
  }
  if (rest[0] !== undefined) {
    const script = call.machine.files.read(rest[0], call.cwd);
    if (script === undefined) {
      call.err(`${call.name}: can't open '${rest[0]}': No such file or directory\n`);
      return NOT_FOUND;
    }
    return shellWith(rest).runScript(script, io);
  }
  return shellWith([call.name]).runScript(call.stdin, io);
}

const SHELLS = ['sh', 'ash', 'bash', 'dash'];

/**
 * Runs `argv` in the container; resolves to its exit status. A program that does not exist
 * ends with status 127 and the shell's message, as `sh -c` says it.
 */
export async function run(argv: string[], machine: ShellMachine, env: Record<string, string>, io: Io, cwd = '/'): Promise<number> {
  const name = posix.basename(argv[0] ?? '');
  const call: ProgramCall = { name, args: argv.slice(1), env, stdin: io.stdin, out: io.out, err: io.err, cwd, machine };
  if (SHELLS.includes(name)) return shell(call);
  const program = machine.programs[name] ?? machine.unknownProgram;
  if (!program) {
    io.err(`sh: ${argv[0]}: not found\n`);
    return NOT_FOUND;
  }
  return program(call);
}
