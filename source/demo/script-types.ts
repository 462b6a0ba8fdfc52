/**
 * A demo script (demos/*.demo) as the player reads it: the steps to type and run, each with
 * what is said before it and what its output must show. Parsing builds it; the headless
 * verifier, the on-screen player and the recorder all work from it.
 */
export interface DemoScript {
  /** The script's path, for file:line in messages. */
  file: string;
  /** The file's base name without `.demo`. */
  name: string;
  /** The first `## ` comment line of the file, if any: what `ecsh demo list` shows. */
  title?: string;
  /** `# sandbox seed=N speed=X region=R`: the script runs on a fresh, deterministic sandbox (in that region). */
  sandbox?: SandboxSpec;
  steps: DemoStep[];
  /** Narration after the last command (the closing words). */
  closing: string[];
}

export interface DemoStep {
  /** 1-based line of the command in the file. */
  line: number;
  /** What is typed and run: an API command, an ecs-cli verb, a dot command or `!shell`. */
  command: string;
  /** Typed off screen (`# hidden` ... `# shown`): set-up the audience does not need to watch. */
  hidden: boolean;
  /** `# say` lines shown before the step is typed. */
  say: string[];
  /** `# pause` before the step: the presenter presses a key to go on. */
  pause: boolean;
  /** `# marker NAME` before the step: a chapter (an asciicast "m" event; auto mode pauses here). */
  marker?: string;
  /** Characters typed per second (`# speed N`), in effect for this step. */
  speed: number;
  /** `# env K=V` lines in effect for this step (for `!shell` steps). */
  env: Record<string, string>;
  /** `# wait-for /regex/ [timeout]` lines after the step: what its output must show. */
  waitFor: WaitFor[];
  /** `# expect exit 0|1` after the step (default: 0, the step must succeed). */
  expectExit: 0 | 1;
  /** `# check LINE => JMESPATH` lines after the step: the state it must leave (lessons check these). */
  checks: StateCheck[];
  /** `# hint TEXT` lines before the step: the nudge a lesson gives after a learner's first wrong try. */
  hints: string[];
  /**
   * `# answer LINE` lines after the step (each with an optional `# when` under it): what a
   * lesson gives as the answer, from where the learner is, instead of the step's command.
   */
  answers: Answer[];
  /**
   * `# requires NAME...` before the step: what must be on this machine for it to run (`docker`:
   * a Docker engine that answers; `screen`: the shell's screen, for a live pane, which headless
   * verification has not; any other name: that program on the PATH). Without it, a player
   * skips the step with a narrated note instead of failing.
   */
  requires?: string[];
}

/** The fresh sandbox a script runs on. */
export interface SandboxSpec {
  seed: number;
  /** Simulated ms per real ms. */
  speed: number;
  /** The region the session starts in (default: us-east-1, the sandbox's own). */
  region?: string;
}

/**
 * An answer a lesson gives after the second wrong try: the first whose `when` passes (or that
 * has none), else the step's command. `{{LINE => JMESPATH}}` in it is filled in, when it is
 * given, with what LINE's JSON answer gives (a task's ARN, say: ids differ from learner to learner).
 */
export interface Answer {
  command: string;
  /** 1-based line of the `# answer` directive. */
  line: number;
  /** `# when LINE => JMESPATH` under it: the state in which this is the answer. */
  when?: StateCheck;
}

/**
 * A question to the backend and what its answer must say: `ecs describe-services --cluster
 * learn --services web => services[0].runningCount == \`2\``. The line runs with JSON output;
 * the JMESPath expression must give a truthy value (not null, false, empty or 0).
 */
export interface StateCheck {
  /** The command line that reads the state (an API command). */
  command: string;
  expression: string;
  /** 1-based line of the directive. */
  line: number;
}

export interface WaitFor {
  pattern: RegExp;
  /** The pattern as written, for messages. */
  source: string;
  /**
   * How long the step may be run again until its output matches (wall-clock ms; 0: once).
   * A sandbox does things in its own time: `ecs describe-tasks` shows RUNNING only after a while.
   */
  timeoutMs: number;
  /** 1-based line of the directive. */
  line: number;
}

/** What running a step gave: the same shape as the shell's line outcome. */
export interface StepOutcome {
  ok: boolean;
  output: string;
  error?: string;
}

/** A problem found in a script before anything runs. */
export interface ScriptProblem {
  file: string;
  line: number;
  message: string;
}
