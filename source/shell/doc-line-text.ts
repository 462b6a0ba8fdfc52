import type { Candidate, CompletionResult } from '../completion/index.js';
import type { ThemeRole } from './theme.js';
import { EMPTY_LINE_HINT } from './toolbar-text.js';

export interface DocLineInput {
  /** A one-off message for the next keystroke (a key that cannot work now). */
  notice?: string;
  running?: string;
  searching: boolean;
  completion?: CompletionResult;
  menuVisible: boolean;
  selected: number;
  /** The line typed so far is empty. */
  emptyLine: boolean;
  /** The completion engine is still loading, or could not load. */
  completionError?: string;
  /** The backend could not start. */
  backendError?: string;
}

export interface DocLineText {
  text: string;
  role: ThemeRole;
}

/** What the row under the menu says, most pressing first. */
export function docLineText(input: DocLineInput): DocLineText {
  if (input.notice) return { text: input.notice, role: 'info' };
  if (input.running) return { text: `running ${input.running}  (ctrl-c cancels)`, role: 'info' };
  if (input.searching) return { text: 'ctrl-r older match · Enter runs it · Esc gives the line back', role: 'info' };
  const completion = input.completion;
  if (completion && input.menuVisible) {
    const candidate = completion.candidates[Math.min(input.selected, completion.candidates.length - 1)];
    // The position first: a long doc is cut at the right edge.
    if (candidate) return { text: `[${input.selected + 1}/${completion.total}] ${candidateDoc(candidate, completion)}`, role: 'doc' };
  }
  if (completion?.error) return { text: `cannot list names: ${completion.error}`, role: 'error' };
  if (completion?.pending) return { text: `fetching ${resourceWord(completion)}…`, role: 'info' };
  if (completion) {
    const context = completion.context;
    if (context.kind === 'value' && context.param) {
      return { text: `--${context.parameter} (${context.param.type}${context.param.required ? ', required' : ''}): ${context.param.doc}`, role: 'doc' };
    }
    if (context.kind === 'value' && context.option) return { text: `--${context.option.name}: ${context.option.doc}`, role: 'doc' };
    if (context.kind === 'ecs-cli-value') return { text: ecsCliFlagDoc(context.flag, context.spec), role: 'doc' };
    if (context.kind === 'none' && !input.emptyLine) return { text: context.reason, role: 'info' };
  }
  if (input.completionError) return { text: `completion is off: ${input.completionError}`, role: 'error' };
  if (input.backendError) return { text: `backend not started: ${input.backendError}`, role: 'error' };
  if (input.emptyLine) return { text: EMPTY_LINE_HINT, role: 'info' };
  return { text: '', role: 'doc' };
}

function candidateDoc(candidate: Candidate, completion: CompletionResult): string {
  const type = candidate.type ? ` (${candidate.type}${candidate.required ? ', required' : ''})` : candidate.required ? ' (required)' : '';
  if (candidate.doc) return `${candidate.label}${type}: ${candidate.doc.replace(/\s+/g, ' ')}`;
  if (completion.context.kind === 'ecs-cli-value') return `${candidate.label}: ${ecsCliFlagDoc(completion.context.flag, completion.context.spec)}`;
  if (candidate.kind === 'resource') return `${candidate.label}: ${resourceWord(completion, true)}`;
  return `${candidate.label}${type}`;
}

/** An ecs-cli flag as its help gives it: `--cluster, -c (string): ...`. */
function ecsCliFlagDoc(flag: string, spec: { type: string; doc: string; short?: string; required?: boolean }): string {
  const name = flag.startsWith('-') ? flag : `--${flag}`;
  return `${name}${spec.short ? `, -${spec.short.replace(/^-/, '')}` : ''} (${spec.type}${spec.required ? ', required' : ''}): ${spec.doc.replace(/\s+/g, ' ')}`;
}

function resourceWord(completion: CompletionResult, one = false): string {
  const context = completion.context;
  const kind = context.kind === 'value' || context.kind === 'ecs-cli-value' ? context.resource : context.kind === 'dot-argument' ? context.command.resource : undefined;
  const word = (kind ?? 'name').replace(/-/g, ' ');
  // Names of a cluster's services or tasks are that cluster's; cluster names are nobody's.
  const where = context.kind === 'value' && context.cluster && kind !== 'cluster' ? ` in ${context.cluster}` : '';
  return one ? `${word}${where}` : `${word} names${where}`;
}
