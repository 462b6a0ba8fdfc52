export { configDir, defaultStatePath } from './paths.js';
