import type { ApiIndex, OperationSpec, ServiceIndex, WaiterSpec } from '../commands/index.js';
import { DOT_COMMANDS } from './dot-command-list.js';

/** The word after a service that starts a wait command (`ecs wait services-stable`), kept here so help loads no command language. */
const WAIT_WORD = 'wait';

/** The keys of the prompt, for `.help keys` and F1. */
export const KEY_HELP: readonly [string, string][] = [
  ['Tab', 'complete: accept the highlighted item (opens the menu when it is closed)'],
  ['Up / Down', 'move in the menu; without a menu, older and newer history'],
  ['Enter', 'run the line; after choosing with Up/Down, accept the item'],
  ['Esc', 'close the menu; while a demo is presented, step off its script (.demo resume goes back)'],
  ['ctrl-r', 'search the history backwards (again for older; Enter runs, Esc cancels)'],
  ['ctrl-a / ctrl-e', 'start / end of the line'],
  ['alt-b / alt-f', 'back / forward a word'],
  ['ctrl-k / ctrl-u', 'cut to the end / to the start of the line'],
  ['ctrl-w / alt-d', 'cut the word before / after the cursor'],
  ['ctrl-y', 'paste what was cut last'],
  ['PageUp / PageDown', 'scroll the output; all of it is printed when you leave'],
  ['ctrl-c', 'cancel the running command, or clear the line'],
  ['ctrl-d', 'leave the shell (on an empty line)'],
  ['ctrl-l', 'clear the output'],
  ['F1 / F2 / F3 / F10', 'help / fuzzy or prefix matching / docs line on or off / exit'],
  ['F4 / F5 / F6', 'tasks / placement / services pane; again: use it; again: hide'],
  ['Esc (in a pane)', 'back to the prompt'],
  ['y Enter (in a pane)', 'confirm what it asks (stop, drain, scale); other keys cancel'],
  ['F7', 'the pane beside the output or below it'],
];

function table(rows: readonly (readonly [string, string])[], indent = '  '): string {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `${indent}${left.padEnd(width)}  ${right}`).join('\n');
}

export function overviewHelp(): string {
  return [
    'ecsh: Amazon ECS (and EC2, ELB) from a shell, on the sandbox or on AWS.',
    '',
    'Commands are written as for the AWS CLI, with or without the leading "aws":',
    '  ecs create-cluster --cluster-name demo',
    '  ecs list-clusters --output table',
    '  ecs describe-clusters --clusters demo --query "clusters[0].status"',
    'Completion offers operations, parameters and live names (clusters, services, tasks...).',
    '',
    'Shell commands:',
    table(DOT_COMMANDS.map((command) => [command.usage, command.doc])),
    `  ${'!command'.padEnd(Math.max(...DOT_COMMANDS.map((c) => c.usage.length)))}  run a command of the system shell and show its output`,
    '',
    'Keys:',
    table(KEY_HELP.slice(0, 4)),
    '  (.help keys lists them all)',
    '',
    'More: .help keys, .help ecs, .help ecs OPERATION',
  ].join('\n');
}

export function keysHelp(): string {
  return `Keys at the prompt:\n${table(KEY_HELP)}`;
}

export function dotCommandsHelp(): string {
  return `Shell commands:\n${table(DOT_COMMANDS.map((command) => [command.usage, command.doc]))}`;
}

export function serviceHelp(service: string, operations: readonly string[], waits = false): string {
  // As in `aws ecs help`, the wait command is listed among the operations.
  const names = waits ? [...operations, WAIT_WORD].sort() : [...operations];
  const columns = 3;
  const width = Math.max(...names.map((name) => name.length)) + 2;
  const rows: string[] = [];
  for (let i = 0; i < names.length; i += columns) {
    rows.push(`  ${names.slice(i, i + columns).map((name) => name.padEnd(width)).join('').trimEnd()}`);
  }
  const more = waits ? `; .help ${service} wait for its waiters` : '';
  return `${service}: ${operations.length} operations (.help ${service} OPERATION for one${more})\n${rows.join('\n')}`;
}

export function operationHelp(service: string, word: string, operation: OperationSpec): string {
  return [`${service} ${word}${operation.doc ? `: ${operation.doc}` : ''}`, parametersHelp(operation)].join('\n');
}

/** The parameters, required first; a structured one with the shorthand it takes, as the CLI's help shows it. */
function parametersHelp(operation: OperationSpec): string {
  const params = Object.entries(operation.params).sort(([, a], [, b]) => Number(b.required) - Number(a.required));
  if (params.length === 0) return 'No parameters.';
  const rows = params.flatMap(([name, param]): [string, string][] => {
    const row: [string, string] = [
      `--${name}${param.required ? ' *' : ''}`,
      `${param.type}${param.enum ? ` (${param.enum.join(' | ')})` : ''}${param.doc ? `: ${firstSentence(param.doc)}` : ''}`,
    ];
    return param.shorthand ? [row, ['', `shorthand: ${param.shorthand}`]] : [row];
  });
  return `Parameters (* required):\n${table(rows)}`;
}

/** `.help ecs wait`: the waiters, each with what it waits for. */
export function waitersHelp(service: string, waiters: Record<string, WaiterSpec>): string {
  const rows = Object.entries(waiters)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([name, waiter]): [string, string] => [name, waiter.doc]);
  return `${service} wait: waits until a condition is met, checking with an operation; prints nothing when it is (.help ${service} wait NAME for one)\n${table(rows)}`;
}

/** `.help ecs wait services-stable`: what it waits for, how it checks, and the parameters of the operation it polls. */
export function waiterHelp(service: string, word: string, waiter: WaiterSpec, operation: OperationSpec): string {
  return [
    `${service} wait ${word}: ${waiter.doc}`,
    `Checks with ${service} ${waiter.operation} every ${waiter.delay} s; after ${waiter.maxAttempts} checks it fails (exit status 255). Prints nothing when done.`,
    parametersHelp(operation),
  ].join('\n');
}

/** The help for `.help TOPIC...`, or an error line naming the topics there are. */
export function helpFor(topic: readonly string[], index: ApiIndex | undefined): { text?: string; error?: string } {
  const [first, second] = topic;
  if (first === undefined) return { text: overviewHelp() };
  if (first === 'keys') return { text: keysHelp() };
  if (first === 'commands' || first === 'dot') return { text: dotCommandsHelp() };
  const serviceIndex = index?.service(first === 'aws' ? (second ?? '') : first);
  const rest = first === 'aws' ? topic.slice(2) : topic.slice(1);
  if (!serviceIndex) return { error: `no help on '${topic.join(' ')}'; try .help keys, .help ecs or .help ecs list-clusters` };
  const word = rest[0];
  const waiters = serviceIndex.waiters ?? {};
  const waits = Object.keys(waiters).length > 0;
  if (word === undefined) return { text: serviceHelp(serviceIndex.service, Object.keys(serviceIndex.operations).sort(), waits) };
  if (word === WAIT_WORD && waits && !Object.hasOwn(serviceIndex.operations, word)) return waitHelpFor(serviceIndex, rest[1], index!);
  const operation = index!.operation(serviceIndex.service, word);
  if (!operation) return { error: `${serviceIndex.service} has no operation '${word}'; .help ${serviceIndex.service} lists them` };
  return { text: operationHelp(serviceIndex.service, word, operation) };
}

function waitHelpFor(service: ServiceIndex, word: string | undefined, index: ApiIndex): { text?: string; error?: string } {
  const waiters = service.waiters ?? {};
  if (word === undefined) return { text: waitersHelp(service.service, waiters) };
  const command = index.waiter(service.service, word);
  if (!command) return { error: `${service.service} has no waiter '${word}'; .help ${service.service} wait lists them` };
  return { text: waiterHelp(service.service, word, command.waiter, command.operation) };
}

/**
 * The first sentence of a description: up to a full stop (or ! or ?) before a space. An
 * abbreviation ("e.g.", "i.e.", "etc.", "vs.") ends none, and a dot inside a word or number
 * (t3.micro, 1.4.0) is not followed by a space.
 */
export function firstSentence(doc: string): string {
  const line = doc.replace(/\s+/g, ' ').trim();
  for (const end of line.matchAll(/[.!?](?= )/g)) {
    const sentence = line.slice(0, end.index + 1);
    if (!ABBREVIATION.test(sentence)) return sentence;
  }
  return line;
}

const ABBREVIATION = /(?:^|[\s(])(?:e\.g|i\.e|etc|vs|cf)\.$/i;
