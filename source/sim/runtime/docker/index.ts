export { connectEngine, engineAddress } from './engine.js';
export { createDockerRuntime, type DockerRuntimeOptions } from './docker-runtime.js';
export { releaseHeldSteps } from './task-hold.js';
export { realStopTimeout } from './task-stop.js';
export { connectDockerRuntime } from './connect.js';
export { LABEL } from './labels.js';
export { buildImages, isStaticExecutable, BUSYBOX_PATH } from './images-build.js';
export { imagesCommand } from './images-command.js';
