// Compose files and ecs-params -> a task definition and how to run it: pure, no I/O beyond
// the readFile it is given.
export { ComposeError, type ComposeWarning } from './compose-error.js';
export { translateCompose, type ComposeTranslation, type RunSettings, type TranslateOptions } from './translate.js';
export { shellWords } from './shell-words.js';
