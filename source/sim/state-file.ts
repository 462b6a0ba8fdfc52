import { closeSync, fsyncSync, mkdirSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { emptyTables, type SandboxState } from './state.js';

const FORMAT = 'ecsh-sandbox-state';
const VERSION = 1;

/** Why a state file was refused: the message tells the user what to do. */
export class StateFileError extends Error {}

export function serializeState(state: SandboxState): string {
  const tables: Record<string, Array<[string, unknown]>> = {};
  for (const [name, map] of Object.entries(state.tables)) tables[name] = [...map.entries()];
  return JSON.stringify({
    format: FORMAT,
    version: VERSION,
    state: { ...state, tables },
  });
}

export function deserializeState(text: string, file = 'the state file'): SandboxState {
  let doc: any;
  try {
    doc = JSON.parse(text);
  } catch {
    throw new StateFileError(
      `${file} is not valid JSON (torn or edited by hand); move it away or start with --ephemeral.`,
    );
  }
  if (doc?.format !== FORMAT) {
    throw new StateFileError(`${file} is not an ecsh sandbox state; choose another --state file.`);
  }
  if (doc.version !== VERSION) {
    throw new StateFileError(`${file} has state format version ${doc.version}; this ecsh reads version ${VERSION}.`);
  }
  const s = doc.state;
  const tables = emptyTables();
  for (const [name, entries] of Object.entries<Array<[string, unknown]>>(s.tables ?? {})) {
    tables[name] = new Map(entries);
  }
  return {
    tables,
    agenda: s.agenda ?? [],
    seq: s.seq ?? 0,
    clockAt: s.clockAt ?? Date.now(),
    random: s.random,
    revisions: s.revisions ?? {},
  };
}

/** Reads a state file; undefined when there is none yet. */
export function loadStateFile(path: string): SandboxState | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error: any) {
    if (error?.code === 'ENOENT') return undefined;
    throw new StateFileError(`cannot read ${path}: ${error?.message ?? error}`);
  }
  return deserializeState(text, path);
}

/**
 * Writes the state so that a crash at any moment leaves either the old file or the new
 * one, never a torn one: write a temporary file beside it, flush it, rename it over.
 */
export function saveStateFile(path: string, state: SandboxState): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, serializeState(state));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}
