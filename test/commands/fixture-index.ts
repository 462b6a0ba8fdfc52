import { fileURLToPath } from 'node:url';
import { loadApiIndex } from '../../source/commands/index.js';

/** A few operations of the real index (ECS and EC2), kept here so these tests do not move when it is regenerated. */
export const fixtureIndex = loadApiIndex(fileURLToPath(new URL('./fixtures/', import.meta.url)));
