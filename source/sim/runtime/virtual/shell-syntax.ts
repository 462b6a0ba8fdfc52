/**
 * The part of the POSIX shell language that container commands use in practice
 * (`sh -c "while true; do date > /vol/date; sleep 1; done"`, `echo ... > index.html &&
 * httpd-foreground`, `exit 3`): words with quotes, escapes and $VARIABLES; `;`, `&`, `&&`, `||`,
 * newlines; redirections; while/until, if, `{ }` and `( )`. Anything else (pipes, command
 * substitution, functions, case) is refused with a message that says the virtual runtime does
 * not run it, as a syntax error would end a real shell.
 */
export type WordPart = { text: string } | { variable: string };

export interface Word {
  parts: WordPart[];
  /** Whether any of it was quoted (a quoted word is never a reserved word). */
  quoted: boolean;
  /** `NAME=value`: the name, with `parts` the value (it may be quoted). */
  assigns?: string;
}

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export type ShellNode =
  | { type: 'simple'; assigns: Array<{ name: string; value: Word }>; words: Word[]; redirects: Redirect[] }
  | { type: 'list'; items: Array<{ node: ShellNode; background: boolean }> }
  | { type: 'and-or'; first: ShellNode; rest: Array<{ op: '&&' | '||'; node: ShellNode }> }
  | { type: 'not'; node: ShellNode }
  | { type: 'loop'; until: boolean; condition: ShellNode; body: ShellNode }
  | { type: 'if'; branches: Array<{ condition: ShellNode; body: ShellNode }>; otherwise?: ShellNode }
  | { type: 'group'; body: ShellNode; subshell: boolean }
  | { type: 'redirected'; node: ShellNode; redirects: Redirect[] };

export class ShellSyntaxError extends Error {}

type Token = { kind: 'word'; word: Word } | { kind: 'op'; op: string };

const OPERATORS = ['&&', '||', '>>', '>&', ';;', ';', '&', '|', '(', ')', '<', '>', '\n'];
const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;
const SPECIAL_VARIABLE = /^[?$#@*!0-9-]/;

/** Reads `$NAME`, `${NAME}` or a special parameter at `i` (just after the `$`). */
function readVariable(source: string, i: number): { part: WordPart; next: number } {
  if (source[i] === '(' || source[i] === '`') throw new ShellSyntaxError('command substitution is not supported by the virtual runtime');
  if (source[i] === '{') {
    const end = source.indexOf('}', i);
    const name = end === -1 ? '' : source.slice(i + 1, end);
    if (!NAME.test(name) && !SPECIAL_VARIABLE.test(name)) throw new ShellSyntaxError(`bad substitution: \${${name}`);
    if (name.length !== (NAME.exec(name)?.[0].length ?? 1)) throw new ShellSyntaxError(`\${${name}}: parameter expansion operators are not supported by the virtual runtime`);
    return { part: { variable: name }, next: end + 1 };
  }
  const name = NAME.exec(source.slice(i))?.[0] ?? (SPECIAL_VARIABLE.test(source[i] ?? '') ? source[i]! : '');
  if (!name) return { part: { text: '$' }, next: i };
  return { part: { variable: name }, next: i + name.length };
}

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let parts: WordPart[] | undefined;
  let quoted = false;
  let assigns: string | undefined;
  const text = (t: string) => {
    parts ??= [];
    const last = parts[parts.length - 1];
    if (last && 'text' in last) last.text += t;
    else parts.push({ text: t });
  };
  const endWord = () => {
    if (parts) tokens.push({ kind: 'word', word: assigns === undefined ? { parts, quoted } : { parts, quoted, assigns } });
    parts = undefined;
    quoted = false;
    assigns = undefined;
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t') {
      endWord();
      i++;
    } else if (c === '#' && !parts) {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (c === '\\') {
      if (source[i + 1] === '\n') i += 2;
      else {
        quoted = true;
        text(source[i + 1] ?? '');
        i += 2;
      }
    } else if (c === "'") {
      const end = source.indexOf("'", i + 1);
      if (end === -1) throw new ShellSyntaxError("unterminated quoted string");
      quoted = true;
      text(source.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      quoted = true;
      parts ??= [];
      i++;
      while (source[i] !== '"') {
        if (i >= source.length) throw new ShellSyntaxError('unterminated quoted string');
        const d = source[i]!;
        if (d === '\\' && '$`"\\\n'.includes(source[i + 1] ?? '')) {
          if (source[i + 1] !== '\n') text(source[i + 1]!);
          i += 2;
        } else if (d === '$') {
          const { part, next } = readVariable(source, i + 1);
          if ('text' in part) text(part.text);
          else parts.push(part);
          i = next;
        } else if (d === '`') {
          throw new ShellSyntaxError('command substitution is not supported by the virtual runtime');
        } else {
          text(d);
          i++;
        }
      }
      i++;
    } else if (c === '$') {
      const { part, next } = readVariable(source, i + 1);
      if ('text' in part) text(part.text);
      else {
        parts ??= [];
        parts.push(part);
      }
      i = next;
    } else if (c === '`') {
      throw new ShellSyntaxError('command substitution is not supported by the virtual runtime');
    } else {
      const op = OPERATORS.find((o) => source.startsWith(o, i));
      if (!op) {
        const sofar = parts?.length === 1 && 'text' in parts[0]! ? parts[0].text : '';
        if (c === '=' && !quoted && assigns === undefined && /^[A-Za-z_][A-Za-z0-9_]*$/.test(sofar)) {
          // What follows is the value of an assignment, quoted or not.
          assigns = sofar;
          parts = [];
        } else text(c);
        i++;
        continue;
      }
      // `2>file`, `2>&1`: digits just before a redirection name the descriptor.
      const fd = parts && !quoted && parts.length === 1 && 'text' in parts[0]! && /^\d$/.test(parts[0].text) && (op === '>' || op === '>>' || op === '>&' || op === '<');
      if (fd) {
        const digit = (parts![0] as { text: string }).text;
        parts = undefined;
        tokens.push({ kind: 'op', op: digit + op });
      } else {
        endWord();
        tokens.push({ kind: 'op', op });
      }
      i += op.length;
    }
  }
  endWord();
  return tokens;
}

const RESERVED = new Set(['while', 'until', 'do', 'done', 'if', 'then', 'elif', 'else', 'fi', '{', '}', '!', 'case', 'esac', 'for', 'in', 'function']);

function literal(word: Word): string | undefined {
  if (word.quoted || word.parts.length !== 1) return undefined;
  const part = word.parts[0]!;
  return 'text' in part ? part.text : undefined;
}

class Parser {
  private i = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token | undefined {
    return this.tokens[this.i];
  }

  private reserved(): string | undefined {
    const token = this.peek();
    if (token?.kind !== 'word') return undefined;
    const value = literal(token.word);
    return value !== undefined && RESERVED.has(value) ? value : undefined;
  }

  private isOp(op: string): boolean {
    const token = this.peek();
    return token?.kind === 'op' && token.op === op;
  }

  private skipNewlines(): void {
    while (this.isOp('\n')) this.i++;
  }

  private expectReserved(word: string): void {
    this.skipNewlines();
    if (this.reserved() !== word) throw new ShellSyntaxError(`syntax error: expected "${word}"`);
    this.i++;
  }

  parseProgram(): ShellNode {
    const list = this.parseList();
    if (this.i < this.tokens.length) {
      const token = this.peek()!;
      throw new ShellSyntaxError(`syntax error: unexpected "${token.kind === 'op' ? token.op : literal(token.word) ?? 'word'}"`);
    }
    return list;
  }

  private atListEnd(): boolean {
    const token = this.peek();
    if (!token) return true;
    if (token.kind === 'op') return token.op === ')';
    const word = this.reserved();
    return word !== undefined && ['do', 'done', 'then', 'elif', 'else', 'fi', '}'].includes(word);
  }

  private parseList(): ShellNode {
    const items: Array<{ node: ShellNode; background: boolean }> = [];
    this.skipNewlines();
    while (!this.atListEnd()) {
      const node = this.parseAndOr();
      let background = false;
      if (this.isOp('&')) background = true;
      if (this.isOp('&') || this.isOp(';') || this.isOp('\n')) this.i++;
      else if (!this.atListEnd()) throw new ShellSyntaxError('syntax error: expected ";" or a newline');
      items.push({ node, background });
      this.skipNewlines();
    }
    return { type: 'list', items };
  }

  private parseAndOr(): ShellNode {
    const first = this.parsePipeline();
    const rest: Array<{ op: '&&' | '||'; node: ShellNode }> = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = (this.peek() as { op: '&&' | '||' }).op;
      this.i++;
      this.skipNewlines();
      rest.push({ op, node: this.parsePipeline() });
    }
    return rest.length === 0 ? first : { type: 'and-or', first, rest };
  }

  private parsePipeline(): ShellNode {
    if (this.reserved() === '!') {
      this.i++;
      return { type: 'not', node: this.parsePipeline() };
    }
    const command = this.parseCommand();
    if (this.isOp('|')) throw new ShellSyntaxError('pipes are not supported by the virtual runtime');
    return command;
  }

  private parseCommand(): ShellNode {
    const word = this.reserved();
    const compound = word === 'while' || word === 'until' || word === 'if' || word === '{' || this.isOp('(');
    if (!compound) {
      if (word !== undefined && word !== '}') throw new ShellSyntaxError(`"${word}" is not supported by the virtual runtime here`);
      return this.parseSimple();
    }
    const node = this.parseCompound(word);
    const redirects: Redirect[] = [];
    for (let redirect = this.parseRedirect(); redirect; redirect = this.parseRedirect()) redirects.push(redirect);
    return redirects.length === 0 ? node : { type: 'redirected', node, redirects };
  }

  private parseCompound(word: string | undefined): ShellNode {
    if (word === 'while' || word === 'until') {
      this.i++;
      const condition = this.parseList();
      this.expectReserved('do');
      const body = this.parseList();
      this.expectReserved('done');
      return { type: 'loop', until: word === 'until', condition, body };
    }
    if (word === 'if') {
      this.i++;
      const branches: Array<{ condition: ShellNode; body: ShellNode }> = [];
      let otherwise: ShellNode | undefined;
      for (;;) {
        const condition = this.parseList();
        this.expectReserved('then');
        branches.push({ condition, body: this.parseList() });
        const next = this.reserved();
        this.i++;
        if (next === 'elif') continue;
        if (next === 'else') {
          otherwise = this.parseList();
          this.expectReserved('fi');
        } else if (next !== 'fi') throw new ShellSyntaxError('syntax error: expected "fi"');
        return { type: 'if', branches, otherwise };
      }
    }
    if (word === '{') {
      this.i++;
      const body = this.parseList();
      this.expectReserved('}');
      return { type: 'group', body, subshell: false };
    }
    this.i++;
    const body = this.parseList();
    if (!this.isOp(')')) throw new ShellSyntaxError('syntax error: expected ")"');
    this.i++;
    return { type: 'group', body, subshell: true };
  }

  /** A redirection at this point, if there is one. */
  private parseRedirect(): Redirect | undefined {
    const token = this.peek();
    const match = token?.kind === 'op' ? /^(\d?)(>>|>&|>|<)$/.exec(token.op) : null;
    if (!match) return undefined;
    this.i++;
    const target = this.peek();
    if (target?.kind !== 'word') throw new ShellSyntaxError('syntax error: a redirection needs a target');
    this.i++;
    const op = match[2] as Redirect['op'];
    return { fd: match[1] ? Number(match[1]) : op === '<' ? 0 : 1, op, target: target.word };
  }

  private parseSimple(): ShellNode {
    const assigns: Array<{ name: string; value: Word }> = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    for (;;) {
      const token = this.peek();
      if (!token) break;
      if (token.kind === 'op') {
        const redirect = this.parseRedirect();
        if (!redirect) break;
        redirects.push(redirect);
        continue;
      }
      const { assigns: name, ...value } = token.word;
      if (name !== undefined && words.length === 0) assigns.push({ name, value });
      else words.push(name === undefined ? token.word : { parts: [{ text: `${name}=` }, ...value.parts], quoted: value.quoted });
      this.i++;
    }
    if (assigns.length === 0 && words.length === 0 && redirects.length === 0) {
      const token = this.peek();
      throw new ShellSyntaxError(`syntax error: unexpected "${token?.kind === 'op' ? token.op.replace('\n', 'newline') : 'end of input'}"`);
    }
    return { type: 'simple', assigns, words, redirects };
  }
}

/** Parses a script; throws ShellSyntaxError for what it cannot run. */
export function parseShell(source: string): ShellNode {
  return new Parser(tokenize(source)).parseProgram();
}
