// The demo folder's public surface: the script format, the headless verifier, and what
// players share (the line a step runs, what a step requires).
export type { Answer, DemoScript, DemoStep, SandboxSpec, ScriptProblem, StateCheck, StepOutcome, WaitFor } from './script-types.js';
export { DEFAULT_TYPING_SPEED, DIRECTIVES, parseDemoScript } from './script-parse.js';
export { demosDirectory, listDemos, loadDemoScript, type DemoListing } from './demo-files.js';
export { RETRY_INTERVAL_MS, verifyDemo, type VerifyEvent, type VerifyOptions, type VerifyResult } from './verify.js';
export { lineToRun, outcomeText } from './step-line.js';
export { retryTimeoutMs, stepProblem } from './step-problem.js';
export { missingRequirement, requirementMet, requirementNote } from './requirements.js';
export { jmespathProblem, runStateCheck, type CheckResult } from './state-check.js';
export { CastWriter, castText, DEFAULT_IDLE_TIME_LIMIT, type CastEvent, type CastHeader, type CastOptions } from './asciicast.js';
export { recordingScript, waitForHint, type RecordedLine, type RecordedSession, type RecordingScriptOptions } from './recorder.js';
export type { LessonFeedback, LessonRun } from './lesson-types.js';
export {
  answerFor,
  defaultProgressFile,
  lessonLine,
  lessonSandbox,
  listLessons,
  loadLesson,
  openLesson,
  restartProgress,
  type LessonListing,
  type LessonProgress,
  type OpenLessonOptions,
} from './lessons/index.js';
