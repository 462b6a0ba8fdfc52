import type Docker from 'dockerode';
import { ownedBy } from './labels.js';

/**
 * Docker's event stream for the sandbox's containers: how a container that exits, is killed
 * from outside (`docker kill`) or changes health is seen at once, without polling. When the
 * stream breaks (the engine restarted), it is opened again from where it left off.
 */
const RECONNECT_MS = 1000;

export interface ContainerEvent {
  /** The container's id. */
  id: string;
  /** die, start, oom, destroy, `health_status: healthy`, ... */
  action: string;
  /** The container's labels, and `exitCode` for die. */
  attributes: Record<string, string>;
}

interface RawEvent {
  Type?: string;
  Action?: string;
  status?: string;
  id?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  time?: number;
}

export interface EventWatch {
  /** Resolves once the stream is open (waiting for the engine if need be): events from then on are seen. */
  ready: Promise<void>;
  close(): void;
}

export function watchContainerEvents(docker: Docker, owner: string, onEvent: (event: ContainerEvent) => void, warn: (message: string) => void): EventWatch {
  let closed = false;
  let stream: NodeJS.ReadableStream | undefined;
  let since: number | undefined;
  let told = false;
  let markReady!: () => void;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const parse = (line: string) => {
    let raw: RawEvent;
    try {
      raw = JSON.parse(line) as RawEvent;
    } catch {
      return;
    }
    if (raw.time) since = raw.time;
    const id = raw.Actor?.ID ?? raw.id;
    const action = raw.Action ?? raw.status;
    if (raw.Type === 'container' && id && action) onEvent({ id, action, attributes: raw.Actor?.Attributes ?? {} });
  };

  const open = async (): Promise<void> => {
    const filters = { type: ['container' as const], ...ownedBy(owner) };
    const opened = await docker.getEvents({ filters, ...(since ? { since } : {}) });
    if (closed) return void (opened as NodeJS.ReadableStream & { destroy(): void }).destroy();
    stream = opened;
    told = false;
    markReady();
    let buffer = '';
    opened.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        if (line) parse(line);
      }
    });
    const reopen = () => {
      opened.removeAllListeners();
      opened.on('error', () => undefined);
      if (!closed) retry(new Error('the event stream ended'));
    };
    opened.on('end', reopen);
    opened.on('error', reopen);
  };

  const retry = (error: Error) => {
    if (closed) return;
    if (!told) warn(`ecsh: lost Docker's event stream (${error.message}); reconnecting`);
    told = true;
    setTimeout(() => void open().catch(retry), RECONNECT_MS).unref();
  };

  void open().catch(retry);
  return {
    ready,
    close() {
      closed = true;
      (stream as (NodeJS.ReadableStream & { destroy(): void }) | undefined)?.destroy();
    },
  };
}
