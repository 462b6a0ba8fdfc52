// ecs-cli's verbs (configure, up, down, scale, ps, compose) on any backend: each a function
// of its words and where it runs, and a dispatcher for lines of the shell, `-c` and scripts.
export { VERBS, isEcsCliLine, runEcsCli, runEcsCliLine, type EcsCliLineOptions, type EcsCliLineResult } from './dispatch.js';
export { configure } from './configure.js';
export { up } from './up.js';
export { down } from './down.js';
export { scale } from './scale.js';
export { ps } from './ps.js';
export { compose } from './compose.js';
export { REAL_CLOCK, confirmWith, type EcsCliContext, type Verb, type VerbClock } from './context.js';
export { defaultConfigLocations, privateConfigLocations, readClusterConfig, readCredentials, type ConfigLocations } from './config-files.js';
export { loadEcsCliSpec, subcommand, type CommandSpec, type EcsCliSpec, type FlagSpec, type FlagType } from './spec.js';
