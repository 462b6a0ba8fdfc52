import { invalidParameter } from '../errors.js';
import { compileQuery, type InstanceTest } from './query-evaluate.js';

/**
 * ECS's cluster query language, as memberOf constraints and ListContainerInstances' filter
 * take it: `subject operator [argument]`, combined with and/&&, or/||, not/! and parentheses,
 * e.g. `attribute:ecs.instance-type =~ t2.* and not(task:group == database)`.
 * This file reads an expression into a tree; query-evaluate.ts compiles it into a test.
 */

export type Operator =
  | 'equals'
  | 'not_equals'
  | 'greater_than'
  | 'greater_than_equal'
  | 'less_than'
  | 'less_than_equal'
  | 'exists'
  | 'not_exists'
  | 'in'
  | 'not_in'
  | 'matches'
  | 'not_matches';

export type Subject =
  | { kind: 'attribute'; name: string }
  | { kind: 'agentConnected' | 'agentVersion' | 'ec2InstanceId' | 'registeredAt' | 'runningTasksCount' | 'taskGroup' };

/** One comparison, its argument already read into the form its subject compares with. */
export interface Comparison {
  type: 'compare';
  subject: Subject;
  operator: Operator;
  /** The argument (equals ... matches); the list for in / not_in. */
  values: string[];
  /** Numbers for runningTasksCount, epoch ms for registeredAt. */
  numbers: number[];
  regex?: RegExp;
}

export type QueryNode =
  | Comparison
  | { type: 'and' | 'or'; left: QueryNode; right: QueryNode }
  | { type: 'not'; operand: QueryNode };

export interface ClusterQuery {
  expression: string;
  root: QueryNode;
  /** The query compiled: whether an instance is selected. */
  test: InstanceTest;
  /** Whether evaluating it needs the groups of the tasks on each instance. */
  usesTaskGroup: boolean;
  /** Whether it reads nothing but attributes: its answer for an instance holds while the instance's attribute list does. */
  attributesOnly: boolean;
}

/**
 * `s` as a string of its own. V8 keeps a slice of a longer string as a view of it, and
 * comparing a view with the records' strings takes a slow path; placement compares attribute
 * names and values with the query's thousands of times per call. Property keys are stored
 * whole (and interned), so one round trip through an object gives the fast kind.
 */
export function standalone(s: string): string {
  return Object.keys({ [s]: true })[0]!;
}

/** ECS's limit on an expression's length. */
export const MAX_EXPRESSION_LENGTH = 2000;

const SYMBOL_OPERATORS: Record<string, Operator> = {
  '==': 'equals',
  '!=': 'not_equals',
  '>': 'greater_than',
  '>=': 'greater_than_equal',
  '<': 'less_than',
  '<=': 'less_than_equal',
  '=~': 'matches',
  '!~': 'not_matches',
};

const WORD_OPERATORS = new Set<string>([
  'equals', 'not_equals', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal',
  'exists', 'not_exists', 'in', 'not_in', 'matches', 'not_matches',
]);

const ORDERING: Operator[] = ['equals', 'not_equals', 'greater_than', 'greater_than_equal', 'less_than', 'less_than_equal'];
const MATCHING: Operator[] = ['equals', 'not_equals', 'in', 'not_in', 'matches', 'not_matches'];

/** The operators each subject takes, from the ECS developer guide. */
const VALID_OPERATORS: Record<Subject['kind'], readonly Operator[]> = {
  attribute: [...WORD_OPERATORS] as Operator[],
  agentConnected: MATCHING,
  agentVersion: ORDERING,
  ec2InstanceId: MATCHING,
  registeredAt: ORDERING,
  runningTasksCount: ORDERING,
  taskGroup: [...MATCHING, 'exists', 'not_exists'],
};

type NamedSubject = Exclude<Subject['kind'], 'attribute'>;

const SUBJECTS = new Map<string, NamedSubject>([
  ['agentConnected', 'agentConnected'],
  ['agentVersion', 'agentVersion'],
  ['ec2InstanceId', 'ec2InstanceId'],
  ['registeredAt', 'registeredAt'],
  ['runningTasksCount', 'runningTasksCount'],
  ['task:group', 'taskGroup'],
]);

interface Token {
  kind: 'word' | 'string' | 'symbol' | 'end';
  text: string;
  at: number;
}

/** Characters that end a bare word: spaces, brackets, quotes and operator symbols. */
const WORD_END = /[\s()[\],'"=!<>~&|]/;
const SYMBOLS = ['==', '!=', '>=', '<=', '=~', '!~', '&&', '||', '>', '<', '!', '(', ')', '[', ']', ','];

function tokenize(expression: string, fail: (message: string) => never): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expression.length) {
    const c = expression[i]!;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'" || c === '"') {
      const close = expression.indexOf(c, i + 1);
      if (close === -1) fail(`unterminated quoted string at position ${i + 1}`);
      tokens.push({ kind: 'string', text: standalone(expression.slice(i + 1, close)), at: i });
      i = close + 1;
    } else {
      const symbol = SYMBOLS.find((s) => expression.startsWith(s, i));
      if (symbol) {
        tokens.push({ kind: 'symbol', text: symbol, at: i });
        i += symbol.length;
        continue;
      }
      const start = i;
      while (i < expression.length && !WORD_END.test(expression[i]!)) i++;
      if (i === start) fail(`unexpected '${c}' at position ${i + 1}`);
      tokens.push({ kind: 'word', text: standalone(expression.slice(start, i)), at: start });
    }
  }
  tokens.push({ kind: 'end', text: '', at: expression.length });
  return tokens;
}

const DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?$/;
const VERSION = /^\d+(\.\d+)*$/;

class Parser {
  private at = 0;
  usesTaskGroup = false;
  attributesOnly = true;

  constructor(
    private readonly tokens: Token[],
    private readonly fail: (message: string) => never,
  ) {}

  parse(): QueryNode {
    const root = this.or();
    const rest = this.peek();
    if (rest.kind !== 'end') this.fail(`unexpected '${rest.text}' at position ${rest.at + 1}`);
    return root;
  }

  private peek(): Token {
    return this.tokens[this.at]!;
  }

  private take(): Token {
    return this.tokens[this.at++]!;
  }

  private isKeyword(token: Token, ...words: string[]): boolean {
    if (token.kind === 'symbol') return words.includes(token.text);
    return token.kind === 'word' && words.includes(token.text.toLowerCase());
  }

  private or(): QueryNode {
    let left = this.and();
    while (this.isKeyword(this.peek(), 'or', '||')) {
      this.take();
      left = { type: 'or', left, right: this.and() };
    }
    return left;
  }

  private and(): QueryNode {
    let left = this.unary();
    while (this.isKeyword(this.peek(), 'and', '&&')) {
      this.take();
      left = { type: 'and', left, right: this.unary() };
    }
    return left;
  }

  private unary(): QueryNode {
    const token = this.peek();
    if (this.isKeyword(token, 'not', '!')) {
      this.take();
      return { type: 'not', operand: this.unary() };
    }
    if (token.kind === 'symbol' && token.text === '(') {
      this.take();
      const inner = this.or();
      const close = this.take();
      if (close.kind !== 'symbol' || close.text !== ')') this.fail(`expected ')' at position ${close.at + 1}`);
      return inner;
    }
    return this.comparison();
  }

  private subject(): Subject {
    const token = this.take();
    if (token.kind !== 'word') {
      this.fail(token.kind === 'end' ? 'the expression ends where a subject was expected' : `expected a subject at position ${token.at + 1}, found '${token.text}'`);
    }
    if (token.text.startsWith('attribute:')) {
      const name = standalone(token.text.slice('attribute:'.length));
      if (!name) this.fail(`attribute: needs an attribute name at position ${token.at + 1}`);
      return { kind: 'attribute', name };
    }
    const kind = SUBJECTS.get(token.text);
    if (!kind) {
      this.fail(`unknown subject '${token.text}'; the subjects are agentConnected, agentVersion, attribute:NAME, ec2InstanceId, registeredAt, runningTasksCount and task:group`);
    }
    if (kind === 'taskGroup') this.usesTaskGroup = true;
    this.attributesOnly = false;
    return { kind };
  }

  private operator(subject: string): Operator {
    const token = this.take();
    if (token.kind === 'symbol' && SYMBOL_OPERATORS[token.text]) return SYMBOL_OPERATORS[token.text]!;
    if (token.kind === 'symbol' && token.text === '!') {
      const word = this.take();
      if (this.isKeyword(word, 'in')) return 'not_in';
      if (this.isKeyword(word, 'exists')) return 'not_exists';
      this.fail(`expected !in or !exists at position ${token.at + 1}`);
    }
    if (token.kind === 'word' && WORD_OPERATORS.has(token.text.toLowerCase())) return token.text.toLowerCase() as Operator;
    this.fail(`expected an operator after '${subject}' at position ${token.at + 1}${token.kind === 'end' ? '' : `, found '${token.text}'`}`);
  }

  private value(): string {
    const token = this.take();
    if (token.kind === 'word' || token.kind === 'string') return token.text;
    this.fail(token.kind === 'end' ? 'the expression ends where a value was expected' : `expected a value at position ${token.at + 1}, found '${token.text}'`);
  }

  private list(): string[] {
    const open = this.take();
    if (open.kind !== 'symbol' || open.text !== '[') this.fail(`expected a list like [a, b] at position ${open.at + 1}`);
    const values: string[] = [];
    if (this.isKeyword(this.peek(), ']')) {
      this.take();
      return values;
    }
    for (;;) {
      values.push(this.value());
      const next = this.take();
      if (next.kind === 'symbol' && next.text === ']') return values;
      if (next.kind !== 'symbol' || next.text !== ',') this.fail(`expected ',' or ']' at position ${next.at + 1}`);
    }
  }

  private comparison(): Comparison {
    const subjectToken = this.peek();
    const subject = this.subject();
    const operator = this.operator(subjectToken.text);
    if (!VALID_OPERATORS[subject.kind].includes(operator)) {
      this.fail(`${subjectToken.text} does not take the operator ${operator}`);
    }
    const node: Comparison = { type: 'compare', subject, operator, values: [], numbers: [] };
    if (operator === 'exists' || operator === 'not_exists') return node;
    node.values = operator === 'in' || operator === 'not_in' ? this.list() : [this.value()];
    if (operator === 'matches' || operator === 'not_matches') node.regex = this.regex(node.values[0]!);
    if (subject.kind === 'runningTasksCount') node.numbers = node.values.map((v) => this.count(v));
    if (subject.kind === 'registeredAt') node.numbers = node.values.map((v) => this.date(v));
    if (subject.kind === 'agentVersion' && !VERSION.test(node.values[0]!)) this.fail(`'${node.values[0]}' is not an agent version like 1.14.5`);
    return node;
  }

  /** Java's Pattern.matches semantics: the pattern must match the whole value. */
  private regex(pattern: string): RegExp {
    try {
      return new RegExp(`^(?:${pattern})$`);
    } catch {
      this.fail(`'${pattern}' is not a valid regular expression`);
    }
  }

  private count(value: string): number {
    if (!/^\d+$/.test(value)) this.fail(`runningTasksCount compares with a whole number, not '${value}'`);
    return Number(value);
  }

  private date(value: string): number {
    const match = DATE.exec(value);
    // A time without a zone is UTC, as ECS reads it.
    const ms = match ? Date.parse(match[1] && !match[2] ? `${value}Z` : value) : NaN;
    if (Number.isNaN(ms)) {
      this.fail(`'${value}' is not a date; use 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28 or 2018-06-18`);
    }
    return ms;
  }
}

const cache = new Map<string, ClusterQuery>();
const CACHE_SIZE = 256;

/** Reads an expression; InvalidParameterException says what is wrong and where. Results are cached. */
export function parseClusterQuery(expression: string): ClusterQuery {
  const cached = cache.get(expression);
  if (cached) return cached;
  const fail = (message: string): never => {
    throw invalidParameter(`Invalid cluster query expression '${expression}': ${message}.`);
  };
  if (typeof expression !== 'string' || expression.trim() === '') fail('the expression is empty');
  if (expression.length > MAX_EXPRESSION_LENGTH) fail(`it is longer than ${MAX_EXPRESSION_LENGTH} characters`);
  const parser = new Parser(tokenize(expression, fail), fail);
  const root = parser.parse();
  const query: ClusterQuery = { expression, root, test: compileQuery(root), usesTaskGroup: parser.usesTaskGroup, attributesOnly: parser.attributesOnly };
  if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  cache.set(expression, query);
  return query;
}
