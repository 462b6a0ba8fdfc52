/**
 * The AWS CLI's shorthand syntax, on its own (no model): `name=web,image=nginx`,
 * `Name=tag:env,Values=dev,prod`, `a={b=c,d=[e,f]}`, quoted values 'x,y' and "x,y", and
 * an escaped comma `\,`. The grammar is the CLI's, so a value that works with `aws` works
 * here and means the same:
 *
 *   parameter     = keyval *("," keyval)
 *   keyval        = key "=" [values]
 *   values        = csv-value / explicit-list / hash-literal
 *   csv-value     = first-value *("," second-value)     ; a list when there is a second value
 *   explicit-list = "[" [values *("," values)] "]"
 *   hash-literal  = "{" keyval *("," keyval) "}"
 *
 * Turning the strings into numbers, booleans and lists by the parameter's shape is a later
 * step (param-value.ts).
 */
export type ShorthandValue = string | ShorthandValue[] | { [key: string]: ShorthandValue };

export class ShorthandSyntaxError extends Error {
  override readonly name = 'ShorthandSyntaxError';
}

const KEY_CHARS = /[A-Za-z0-9\-_.#/:]/;
const WHITESPACE = /\s/;
// A value may not start with a quote, a comma, "=", "[" or "{" (those start other forms).
// The first value of a key may then contain "=", "[" and "{" ("a=b=c" is {a: "b=c"}); a second
// value of a comma list may not contain "=", which is how "a=b,c=d" is told from "a=b,c".
const FIRST_VALUE = /^(?:\\,|[!#-&(-+\--<>-Z\\-z|-\uffff])(?:\\,|[\s!#-&(-+\--\\^-|~-\uffff])*/;
const SECOND_VALUE = /^(?:\\,|[!#-&(-+\--<>-Z\\-z|-\uffff])(?:\\,|[\s!#-&(-+\--<>-\uffff])*/;
const SINGLE_QUOTED = /^'(?:\\\\|\\'|[^'])*'/;
const DOUBLE_QUOTED = /^"(?:\\\\|\\"|[^"])*"/;

export function parseShorthand(text: string): { [key: string]: ShorthandValue } {
  return new ShorthandParser(text).parameter();
}

/** Whether a word is meant as shorthand rather than a bare value: it has a key and "=". */
export function looksLikeShorthand(text: string): boolean {
  return /^\s*[A-Za-z0-9\-_.#/:]*\s*=/.test(text);
}

class ShorthandParser {
  private index = 0;

  constructor(private readonly input: string) {}

  parameter(): { [key: string]: ShorthandValue } {
    const params: { [key: string]: ShorthandValue } = {};
    let [key, value] = this.keyval();
    set(params, key, value);
    let lastEnd = this.index;
    while (this.index < this.input.length) {
      this.expect(',', true);
      [key, value] = this.keyval();
      if (Object.hasOwn(params, key)) {
        throw new ShorthandSyntaxError(
          `Second instance of key "${key}" encountered for input: ${this.input} (at character ${lastEnd + 1}); ` +
            'this is often because there is a preceding "," instead of a space.',
        );
      }
      set(params, key, value);
      lastEnd = this.index;
    }
    return params;
  }

  private keyval(): [string, ShorthandValue] {
    const key = this.key();
    this.expect('=', true);
    return [key, this.values()];
  }

  private key(): string {
    const start = this.index;
    while (!this.atEnd() && KEY_CHARS.test(this.current()!)) this.index++;
    return this.input.slice(start, this.index);
  }

  private values(): ShorthandValue {
    if (this.atEnd()) return '';
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.csvValue();
  }

  /** `b` is a string; `b,c` a list, unless what follows the comma is the next key ("a=b,c=d"). */
  private csvValue(): ShorthandValue {
    const first = this.firstValue();
    this.skipWhitespace();
    if (this.atEnd() || this.current() !== ',') return first;
    this.expect(',', true);
    const list: string[] = [first];
    for (;;) {
      try {
        const next = this.secondValue();
        this.skipWhitespace();
        if (this.atEnd()) {
          list.push(next);
          break;
        }
        this.expect(',', true);
        list.push(next);
      } catch (error) {
        if (!(error instanceof ShorthandSyntaxError) || this.atEnd()) throw error;
        // What followed the comma was the next key=value: give the comma back to parameter().
        while (this.index >= 0 && this.input[this.index] !== ',') this.index--;
        break;
      }
    }
    return list.length === 1 ? first : list;
  }

  private explicitList(): ShorthandValue[] {
    this.expect('[', true);
    const values: ShorthandValue[] = [];
    while (this.current() !== ']') {
      values.push(this.explicitValue());
      this.skipWhitespace();
      if (this.current() !== ']') {
        this.expect(',');
        this.skipWhitespace();
      }
    }
    this.expect(']');
    return values;
  }

  private hashLiteral(): { [key: string]: ShorthandValue } {
    this.expect('{', true);
    const members: { [key: string]: ShorthandValue } = {};
    while (this.current() !== '}') {
      const key = this.key();
      this.expect('=', true);
      const value = this.explicitValue();
      this.skipWhitespace();
      if (this.current() !== '}') {
        this.expect(',');
        this.skipWhitespace();
      }
      set(members, key, value);
    }
    this.expect('}');
    return members;
  }

  private explicitValue(): ShorthandValue {
    if (this.current() === '[') return this.explicitList();
    if (this.current() === '{') return this.hashLiteral();
    return this.firstValue();
  }

  private firstValue(): string {
    const quoted = this.quotedValue();
    if (quoted !== undefined) return quoted;
    const match = FIRST_VALUE.exec(this.input.slice(this.index));
    if (!match) return '';
    this.index += match[0].length;
    return match[0].replaceAll('\\,', ',').trimEnd();
  }

  private secondValue(): string {
    const quoted = this.quotedValue();
    if (quoted !== undefined) return quoted;
    const match = SECOND_VALUE.exec(this.input.slice(this.index));
    if (!match) throw this.syntaxError('<second>', '<none>');
    this.index += match[0].length;
    return match[0].replaceAll('\\,', ',').trimEnd();
  }

  /** 'x' or "x", where a backslash escapes the quote and itself; anything else inside is literal. */
  private quotedValue(): string | undefined {
    const quote = this.current();
    if (quote !== "'" && quote !== '"') return undefined;
    const match = (quote === "'" ? SINGLE_QUOTED : DOUBLE_QUOTED).exec(this.input.slice(this.index));
    if (!match) throw this.syntaxError(quote === "'" ? '<singled quoted>' : '<double quoted>', '<none>');
    this.index += match[0].length;
    return match[0].slice(1, -1).replaceAll(`\\${quote}`, quote).replaceAll('\\\\', '\\');
  }

  private expect(char: string, skipWhitespace = false): void {
    if (skipWhitespace) this.skipWhitespace();
    if (this.atEnd()) throw this.syntaxError(char, 'EOF');
    if (this.current() !== char) throw this.syntaxError(char, this.current()!);
    this.index++;
    if (skipWhitespace) this.skipWhitespace();
  }

  private syntaxError(expected: string, actual: string): ShorthandSyntaxError {
    return new ShorthandSyntaxError(`Expected: '${expected}', received: '${actual}' for input: ${this.input} (at character ${this.index + 1})`);
  }

  private current(): string | undefined {
    return this.input[this.index];
  }

  private atEnd(): boolean {
    return this.index >= this.input.length;
  }

  private skipWhitespace(): void {
    while (!this.atEnd() && WHITESPACE.test(this.current()!)) this.index++;
  }
}

/** Sets an own property even for names like "__proto__", which plain assignment would not. */
function set(target: { [key: string]: ShorthandValue }, key: string, value: ShorthandValue): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
