/**
 * Request bodies decoded the way Consul's Go decoder does it, so that a client sending bad
 * JSON reads the same error Consul would give ("Request decode failed: invalid character 'x'
 * looking for beginning of value"). Like json.Decoder, only the first value counts: what
 * follows it is left unread. Field names match case-insensitively, as encoding/json does.
 */
export type DecodeResult = { ok: true; value: unknown } | { ok: false; error: string };

class GoJsonError extends Error {}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);

/** Go's quoteChar: how encoding/json names the offending character. */
function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return '\'"\'';
  const quoted = JSON.stringify(c);
  return `'${quoted.slice(1, -1)}'`;
}

class Parser {
  private i = 0;
  constructor(private readonly s: string) {}

  private fail(context: string): never {
    if (this.i >= this.s.length) throw new GoJsonError('unexpected EOF');
    throw new GoJsonError(`invalid character ${quoteChar(this.s[this.i]!)} ${context}`);
  }

  private skipSpace(): void {
    while (this.i < this.s.length && WHITESPACE.has(this.s[this.i]!)) this.i++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.i >= this.s.length;
  }

  value(): unknown {
    this.skipSpace();
    const c = this.s[this.i];
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return this.number();
    return this.fail('looking for beginning of value');
  }

  private literal(word: string, value: unknown): unknown {
    for (let k = 0; k < word.length; k++, this.i++) {
      if (this.s[this.i] !== word[k]) this.fail(`in literal ${word} (expecting ${quoteChar(word[k]!)})`);
    }
    return value;
  }

  private digits(context: string): void {
    const start = this.i;
    while (this.i < this.s.length && this.s[this.i]! >= '0' && this.s[this.i]! <= '9') this.i++;
    if (this.i === start) this.fail(context);
  }

  private number(): number {
    const start = this.i;
    if (this.s[this.i] === '-') this.i++;
    if (this.s[this.i] === '0') this.i++;
    else this.digits('in numeric literal');
    if (this.s[this.i] === '.') {
      this.i++;
      this.digits('after decimal point in numeric literal');
    }
    if (this.s[this.i] === 'e' || this.s[this.i] === 'E') {
      this.i++;
      if (this.s[this.i] === '+' || this.s[this.i] === '-') this.i++;
      this.digits('in exponent of numeric literal');
    }
    return Number(this.s.slice(start, this.i));
  }

  private string(): string {
    this.i++;
    let out = '';
    for (;;) {
      if (this.i >= this.s.length) this.fail('in string literal');
      const c = this.s[this.i]!;
      if (c === '"') {
        this.i++;
        return out;
      }
      if (c < ' ') this.fail('in string literal');
      if (c !== '\\') {
        out += c;
        this.i++;
        continue;
      }
      this.i++;
      const e = this.s[this.i];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && simple[e] !== undefined) {
        out += simple[e];
        this.i++;
      } else if (e === 'u') {
        this.i++;
        const hex = this.s.slice(this.i, this.i + 4);
        for (let k = 0; k < 4; k++, this.i++) {
          if (!/[0-9a-fA-F]/.test(this.s[this.i] ?? '')) this.fail('in \\u hexadecimal character escape');
        }
        out += String.fromCharCode(parseInt(hex, 16));
      } else {
        this.fail('in string escape code');
      }
    }
  }

  private array(): unknown[] {
    this.i++;
    const out: unknown[] = [];
    this.skipSpace();
    if (this.s[this.i] === ']') {
      this.i++;
      return out;
    }
    for (;;) {
      out.push(this.value());
      this.skipSpace();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === ']') {
        this.i++;
        return out;
      }
      this.fail('after array element');
    }
  }

  private object(): Record<string, unknown> {
    this.i++;
    const out: Record<string, unknown> = {};
    this.skipSpace();
    if (this.s[this.i] === '}') {
      this.i++;
      return out;
    }
    for (;;) {
      this.skipSpace();
      if (this.s[this.i] !== '"') this.fail('looking for beginning of object key string');
      const key = this.string();
      this.skipSpace();
      if (this.s[this.i] !== ':') this.fail('after object key');
      this.i++;
      out[key] = this.value();
      this.skipSpace();
      if (this.s[this.i] === ',') {
        this.i++;
        continue;
      }
      if (this.s[this.i] === '}') {
        this.i++;
        return out;
      }
      this.fail('after object key:value pair');
    }
  }
}

/** Decodes the first JSON value of a body; an empty body is Go's `EOF`. */
export function decodeGoJson(text: string): DecodeResult {
  const parser = new Parser(text);
  if (parser.atEnd()) return { ok: false, error: 'EOF' };
  try {
    return { ok: true, value: parser.value() };
  } catch (error) {
    if (error instanceof GoJsonError) return { ok: false, error: error.message };
    throw error;
  }
}

/** A field of a decoded object, matched case-insensitively (and ignoring `_`, as Consul's snake_case aliases). */
export function field(object: unknown, name: string): unknown {
  if (!object || typeof object !== 'object' || Array.isArray(object)) return undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(object)) {
    if (key.replaceAll('_', '').toLowerCase() === wanted) return value;
  }
  return undefined;
}

function jsonKind(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  if (typeof value === 'boolean') return 'bool';
  return typeof value;
}

/** Go's message when a JSON value does not fit the struct field it lands in. */
function mismatch(value: unknown, path: string, goType: string): GoJsonError {
  const kind = jsonKind(value);
  const shown = kind === 'number' ? `number ${value}` : kind;
  return new GoJsonError(`json: cannot unmarshal ${shown} into Go struct field ${path} of type ${goType}`);
}

/** Typed accessors that fail as encoding/json does; null leaves a field at its zero value. */
export const goField = {
  string(object: unknown, name: string, path: string): string | undefined {
    const value = field(object, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'string') throw mismatch(value, `${path}.${name}`, 'string');
    return value;
  },
  int(object: unknown, name: string, path: string): number | undefined {
    const value = field(object, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'number') throw mismatch(value, `${path}.${name}`, 'int');
    if (!Number.isInteger(value)) throw mismatch(value, `${path}.${name}`, 'int');
    return value;
  },
  bool(object: unknown, name: string, path: string): boolean | undefined {
    const value = field(object, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'boolean') throw mismatch(value, `${path}.${name}`, 'bool');
    return value;
  },
  strings(object: unknown, name: string, path: string): string[] | undefined {
    const value = field(object, name);
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw mismatch(value, `${path}.${name}`, '[]string');
    for (const item of value) if (typeof item !== 'string') throw mismatch(item, `${path}.${name}`, 'string');
    return value as string[];
  },
  stringMap(object: unknown, name: string, path: string): Record<string, string> | undefined {
    const value = field(object, name);
    if (value === undefined || value === null) return undefined;
    if (typeof value !== 'object' || Array.isArray(value)) throw mismatch(value, `${path}.${name}`, 'map[string]string');
    for (const item of Object.values(value)) if (typeof item !== 'string') throw mismatch(item, `${path}.${name}`, 'string');
    return { ...(value as Record<string, string>) };
  },
};

/** Runs a decoder built from `goField` calls, turning its type errors into a message. */
export function decodeWith<T>(decode: () => T): { ok: true; value: T } | { ok: false; error: string } {
  try {
    return { ok: true, value: decode() };
  } catch (error) {
    if (error instanceof GoJsonError) return { ok: false, error: error.message };
    throw error;
  }
}

export function decodeError(message: string): GoJsonError {
  return new GoJsonError(message);
}
