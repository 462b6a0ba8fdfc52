import type { Where } from './compose-error.js';

/** What translating one compose service needs to know besides its settings. */
export interface ServiceContext {
  name: string;
  where: Where;
  /** Records a warning about this service (its name is added to the fields). */
  warn(message: string, fields?: Record<string, string>): void;
  /** The variables a bare `KEY` in environment takes its value from. */
  env: Readonly<Record<string, string | undefined>>;
  readFile(path: string): string;
  /** The project directory (the first compose file's), which relative paths start from. */
  projectDir: string;
}
