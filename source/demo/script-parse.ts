import { basename } from 'node:path';
import {
  readAnswer,
  readCheck,
  readEnv,
  readExpectExit,
  readRequires,
  readSandbox,
  readTypingSpeed,
  readWaitFor,
  type Read,
} from './directive-values.js';
import type { DemoScript, DemoStep, ScriptProblem } from './script-types.js';

/** Characters typed per second until a `# speed` says otherwise (demo-magic's default). */
export const DEFAULT_TYPING_SPEED = 20;

/**
 * The directives a script may use. Each line of a script is a command, a blank line, a
 * `## comment` (the first is the title) or one of these:
 *   # say TEXT                 narration shown before the next step (after the last: closing words)
 *   # wait-for /RE/flags [T]   the step before must print a match (run again for up to T: 30s, 2m)
 *   # expect exit 0|1          the step before must succeed (0, the default) or fail (1)
 *   # check LINE => JMESPATH   after the step before, LINE's JSON answer must satisfy the expression
 *   # pause                    the presenter presses a key before the next step
 *   # marker NAME              a chapter at the next step
 *   # hint TEXT                for a lesson: the nudge for a learner whose first try at the next step was wrong
 *   # answer LINE              for a lesson: the answer to the step before, from a state its command fails in
 *                              ({{LINE => JMESPATH}} in it: a value read when it is given)
 *   # when LINE => JMESPATH    under an # answer: the state in which it is the answer
 *   # requires NAME...         the next step needs these programs (docker: an engine that answers;
 *                              screen: the shell's screen, so verify skips it)
 *   # hidden / # shown         the steps between are set-up, run off screen
 *   # speed N                  typing speed (characters per second) from here on
 *   # env K=V                  an environment variable for the `!` steps from here on (players
 *                              also give them ECSH_ENDPOINT, the sandbox's URL)
 *   # sandbox seed=N speed=X region=R
 *                              before the first command: a fresh sandbox with this seed and speed
 *                              (speed 1 unless told), the session in this region (us-east-1 unless told)
 */
export const DIRECTIVES = ['say', 'wait-for', 'expect', 'check', 'pause', 'marker', 'hint', 'answer', 'when', 'requires', 'hidden', 'shown', 'speed', 'env', 'sandbox'] as const;

type Directive = (typeof DIRECTIVES)[number];

/** What directives before a step give it. */
interface Pending {
  say: string[];
  hints: string[];
  /** Where the first hint is, for a hint with no step after it. */
  hintLine?: number;
  pause?: number;
  marker?: { name: string; line: number };
  requires?: { names: string[]; line: number };
}

/**
 * Reads a script into the steps a player runs, or says what is wrong with it, line by line,
 * before anything runs: an unknown directive (with the one meant), a bad regex, JMESPath,
 * number or timeout, an assertion with no command before it.
 */
export function parseDemoScript(text: string, file: string): { script?: DemoScript; problems: ScriptProblem[] } {
  const problems: ScriptProblem[] = [];
  const steps: DemoStep[] = [];
  let title: string | undefined;
  let sandbox: DemoScript['sandbox'];
  let hidden = false;
  let speed = DEFAULT_TYPING_SPEED;
  let env: Record<string, string> = {};
  let pending: Pending = { say: [], hints: [] };

  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    const problem = (message: string) => problems.push({ file, line, message });
    const take = <T>(read: Read<T>, use: (value: T) => void) => ('problem' in read ? problem(read.problem) : use(read.value));
    const previous = () => steps.at(-1);

    if (trimmed === '' || (line === 1 && trimmed.startsWith('#!'))) return;
    if (trimmed.startsWith('##')) {
      title ??= trimmed.replace(/^#+/, '').trim() || undefined;
      return;
    }
    if (!trimmed.startsWith('#')) {
      if (trimmed === '!') problem("expected a command after !, such as !curl -s http://127.0.0.1:4580/_ecsh/health");
      steps.push({
        line,
        command: trimmed,
        hidden,
        say: pending.say,
        pause: pending.pause !== undefined,
        ...(pending.marker ? { marker: pending.marker.name } : {}),
        speed,
        env: { ...env },
        waitFor: [],
        expectExit: 0,
        checks: [],
        hints: pending.hints,
        answers: [],
        ...(pending.requires ? { requires: pending.requires.names } : {}),
      });
      pending = { say: [], hints: [] };
      return;
    }

    const match = /^#\s*(\S+)\s*(.*)$/.exec(trimmed);
    if (!match) return problem("a lone '#': write '## text' for a comment, or a directive such as '# say TEXT'");
    const word = match[1]!;
    const rest = match[2]!.trim();
    if (!(DIRECTIVES as readonly string[]).includes(word)) return problem(unknownDirective(word));
    const directive = word as Directive;
    const noArguments = () => rest !== '' && problem(`# ${directive} takes nothing after it, got '${rest}'`);
    const afterCommand = (then: (step: DemoStep) => void) => {
      const step = previous();
      if (step) then(step);
      else problem(`# ${directive} checks the command before it, and there is none: put it after a command`);
    };

    switch (directive) {
      case 'say':
        pending.say.push(rest);
        return;
      case 'hint':
        if (rest === '') return problem('# hint needs the text to show, such as # hint the cluster is named demo');
        pending.hints.push(rest);
        pending.hintLine ??= line;
        return;
      case 'pause':
        noArguments();
        pending.pause = line;
        return;
      case 'marker':
        if (rest === '') return problem('# marker needs a name, such as # marker scale-out');
        if (pending.marker) return problem(`a second # marker before one command (the first is at line ${pending.marker.line})`);
        pending.marker = { name: rest, line };
        return;
      case 'requires':
        return take(readRequires(rest), (names) => {
          pending.requires = { names: [...(pending.requires?.names ?? []), ...names], line };
        });
      case 'hidden':
      case 'shown':
        noArguments();
        hidden = directive === 'hidden';
        return;
      case 'speed':
        return take(readTypingSpeed(rest), (value) => (speed = value));
      case 'env':
        return take(readEnv(rest), ([key, value]) => (env = { ...env, [key]: value }));
      case 'sandbox':
        if (steps.length > 0) return problem('# sandbox goes before the first command: the demo starts on that sandbox');
        if (sandbox) return problem('a second # sandbox: give seed=, speed= and region= on one line');
        return take(readSandbox(rest), (value) => (sandbox = value));
      case 'wait-for':
        return afterCommand((step) => take(readWaitFor(rest), (value) => step.waitFor.push({ ...value, line })));
      case 'expect':
        return afterCommand((step) =>
          take(readExpectExit(rest), (value) => {
            step.expectExit = value;
          }),
        );
      case 'check':
        return afterCommand((step) => take(readCheck(rest), (value) => step.checks.push({ ...value, line })));
      case 'answer':
        return afterCommand((step) => take(readAnswer(rest), (command) => step.answers.push({ command, line })));
      case 'when': {
        const answer = previous()?.answers.at(-1);
        if (!answer) return problem('# when says when the # answer above it is the answer, and there is none: put it under an # answer');
        if (answer.when) return problem(`a second # when for the # answer at line ${answer.line}: give one, or another # answer`);
        return take(readCheck(rest, 'when'), (value) => (answer.when = { ...value, line }));
      }
    }
  });

  if (pending.pause !== undefined) problems.push({ file, line: pending.pause, message: '# pause has no command after it' });
  if (pending.marker) problems.push({ file, line: pending.marker.line, message: `# marker ${pending.marker.name} has no command after it` });
  if (pending.requires) problems.push({ file, line: pending.requires.line, message: '# requires has no command after it' });
  if (pending.hintLine !== undefined) problems.push({ file, line: pending.hintLine, message: '# hint has no command after it' });
  if (problems.length > 0) return { problems };
  return {
    script: { file, name: basename(file).replace(/\.demo$/, ''), ...(title ? { title } : {}), ...(sandbox ? { sandbox } : {}), steps, closing: pending.say },
    problems,
  };
}

function unknownDirective(word: string): string {
  const near = DIRECTIVES.map((name) => ({ name, distance: editDistance(word.toLowerCase(), name) })).sort((a, b) => a.distance - b.distance)[0]!;
  const guess = near.distance <= Math.max(1, Math.floor(near.name.length / 3)) ? `; did you mean # ${near.name}?` : `; directives are ${DIRECTIVES.join(', ')} (## for a comment)`;
  return `unknown directive '# ${word}'${guess}`;
}

/** Levenshtein distance, with a swap of two neighbours counting as one edit (wiat -> wait). */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i]![j] = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}
