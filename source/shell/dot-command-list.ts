import type { DotCommandSpec } from '../completion/index.js';
import { AWS_REGIONS } from './aws-regions.js';

/** The shell's own commands, as `.help` lists them and completion offers them. */
export interface DotCommandInfo {
  name: string;
  usage: string;
  doc: string;
}

export const DOT_COMMANDS: readonly DotCommandInfo[] = [
  { name: '.help', usage: '.help [topic]', doc: 'Help on the shell, its keys (.help keys) or a command (.help ecs run-task).' },
  { name: '.cluster', usage: '.cluster [name | --unset]', doc: 'Show or set the default --cluster of ECS commands.' },
  { name: '.backend', usage: '.backend [sandbox | aws]', doc: 'Show the backend, or switch between the sandbox and AWS.' },
  { name: '.profile', usage: '.profile [name]', doc: 'Show the AWS profile and the others known, or switch to AWS with one.' },
  { name: '.region', usage: '.region [region]', doc: 'Show the region, or switch to another.' },
  { name: '.runtime', usage: '.runtime [virtual | docker]', doc: "Show what runs the sandbox's tasks, or switch them to virtual or docker." },
  { name: '.logs', usage: '.logs TASK [CONTAINER] [--follow]', doc: "Show what a task's container printed; --follow streams it until ctrl-c." },
  { name: '.endpoints', usage: '.endpoints [kind | name]', doc: "List the sandbox's loopback URLs to curl or dig." },
  { name: '.history', usage: '.history [count]', doc: 'Show the last commands (20 unless told).' },
  { name: '.edit', usage: '.edit', doc: 'Edit the last command in $EDITOR, then run what is saved.' },
  { name: '.pane', usage: '.pane [tasks|placement|services|off | refresh N]', doc: 'Show a live pane (also F4, F5, F6): --cluster X, --service Y for tasks.' },
  { name: '.layout', usage: '.layout [right|bottom]', doc: 'Put the pane beside the prompt or below the output (also F7).' },
  { name: '.demo', usage: '.demo [play NAME|FILE | resume | stop | list]', doc: 'Play a demo here (a key types, Enter runs, Esc steps off script); say what is playing.' },
  { name: '.learn', usage: '.learn [NAME | stop]', doc: 'Take a lesson on this sandbox; alone, show the current step again (or list the lessons).' },
  { name: '.record', usage: '.record [start [NAME] | stop]', doc: 'Record what you run and the screen into NAME.demo and NAME.cast.' },
  { name: '.clear', usage: '.clear', doc: 'Clear the output (also ctrl-l).' },
  { name: '.exit', usage: '.exit', doc: 'Leave the shell (also ctrl-d on an empty line, or F10).' },
];

export const HELP_TOPICS: readonly string[] = ['keys', 'commands', 'dot', 'ecs', 'ec2', 'elb', 'elbv2'];

/** The dot commands as the completer takes them, with what each one's argument completes from. */
export function dotCommandSpecs(profiles: readonly string[]): DotCommandSpec[] {
  const values: Record<string, Pick<DotCommandSpec, 'values' | 'resource'>> = {
    '.help': { values: HELP_TOPICS },
    '.cluster': { resource: 'cluster' },
    '.backend': { values: ['sandbox', 'aws'] },
    '.profile': { values: profiles },
    '.region': { values: AWS_REGIONS },
    '.runtime': { values: ['virtual', 'docker'] },
    '.logs': { resource: 'task' },
    '.endpoints': { values: ['load-balancer-listener', 'task-port', 'agent', 'consul-http', 'consul-dns', 'fabio-proxy', 'fabio-ui'] },
    '.pane': { values: ['tasks', 'placement', 'services', 'off', 'refresh'] },
    '.layout': { values: ['right', 'bottom'] },
    '.demo': { values: ['play', 'resume', 'stop', 'list'] },
    '.learn': { values: ['stop'] },
    '.record': { values: ['start', 'stop'] },
  };
  return DOT_COMMANDS.map((command) => ({ name: command.name, doc: command.doc, ...values[command.name] }));
}
