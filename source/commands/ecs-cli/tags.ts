import type { Tag } from '@aws-sdk/client-ecs';
import { EcsCliError } from './errors.js';

/** `--tags key1=value1,key2=value2` as ECS tags. */
export function parseTags(text: string | undefined): Tag[] {
  if (text === undefined || text.trim() === '') return [];
  return text.split(',').map((pair) => {
    const at = pair.indexOf('=');
    if (at <= 0) throw new EcsCliError(`--tags takes key=value pairs separated by commas, not '${pair}'`);
    return { key: pair.slice(0, at).trim(), value: pair.slice(at + 1).trim() };
  });
}
