import type { ApiIndex, OperationSpec } from '../commands/index.js';
import { DOT_COMMANDS } from './dot-command-list.js';

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
  ['PageUp / PageDown', 'scroll the output'],
  ['ctrl-c', 'cancel the running command, or clear the line'],
  ['ctrl-d', 'leave the shell (on an empty line)'],
  ['ctrl-l', 'clear the output'],
  ['F1 / F2 / F3 / F10', 'help / fuzzy or prefix matching / docs line on or off / exit'],
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

export function serviceHelp(service: string, operations: readonly string[]): string {
  const columns = 3;
  const width = Math.max(...operations.map((name) => name.length)) + 2;
  const rows: string[] = [];
  for (let i = 0; i < operations.length; i += columns) {
    rows.push(`  ${operations.slice(i, i + columns).map((name) => name.padEnd(width)).join('').trimEnd()}`);
  }
  return `${service}: ${operations.length} operations (.help ${service} OPERATION for one)\n${rows.join('\n')}`;
}

export function operationHelp(service: string, word: string, operation: OperationSpec): string {
  const params = Object.entries(operation.params).sort(([, a], [, b]) => Number(b.required) - Number(a.required));
  const rows = params.map(([name, param]): [string, string] => [
    `--${name}${param.required ? ' *' : ''}`,
    `${param.type}${param.enum ? ` (${param.enum.join(' | ')})` : ''}${param.doc ? `: ${firstSentence(param.doc)}` : ''}`,
  ]);
  return [
    `${service} ${word}${operation.doc ? `: ${operation.doc}` : ''}`,
    rows.length > 0 ? `Parameters (* required):\n${table(rows)}` : 'No parameters.',
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
  if (word === undefined) return { text: serviceHelp(serviceIndex.service, Object.keys(serviceIndex.operations).sort()) };
  const operation = index!.operation(serviceIndex.service, word);
  if (!operation) return { error: `${serviceIndex.service} has no operation '${word}'; .help ${serviceIndex.service} lists them` };
  return { text: operationHelp(serviceIndex.service, word, operation) };
}

function firstSentence(doc: string): string {
  const line = doc.replace(/\s+/g, ' ').trim();
  const end = line.search(/\.\s/);
  return end === -1 ? line : line.slice(0, end + 1);
}
